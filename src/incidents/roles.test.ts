import { describe, expect, it } from 'vitest';
import { ConflictError, InputError } from '../errors/index.js';
import { defaultIncidentsConfig } from './config.js';
import { assignRole, handOverRole, releaseRole, roleNotices } from './roles.js';
import { T0, newIncident } from './test-builders.js';
import { resolveIncident } from './transitions.js';

const config = defaultIncidentsConfig();

describe('incident roles', () => {
  it('assigns a role and records it on the timeline', () => {
    const change = assignRole(newIncident(), { role: 'commander', person: 'alice', by: 'alice' }, config, T0);
    expect(change.incident.roles).toEqual({ commander: 'alice' });
    expect(change.entries[0]).toMatchObject({ kind: 'roleAssigned', message: 'alice is Incident Commander', data: { role: 'commander', to: 'alice' } });
  });

  it('says so when one person holds two roles', () => {
    let inc = assignRole(newIncident(), { role: 'commander', person: 'alice', by: 'alice' }, config, T0).incident;
    const change = assignRole(inc, { role: 'resolverLead', person: 'alice', by: 'alice' }, config, T0);
    inc = change.incident;
    expect(change.notices[0]).toBe('alice holds 2 roles: Incident Commander and Resolver lead. The Incident Commander decides and should not be hands on keyboard; hand one over when someone else joins.');
    const after = handOverRole(inc, { role: 'resolverLead', person: 'bob', by: 'alice' }, config, T0 + 1);
    expect(after.notices.some((n) => n.includes('holds 2 roles'))).toBe(false);
  });

  it('records the commander handover with from and to, pinned', () => {
    const inc = assignRole(newIncident(), { role: 'commander', person: 'alice', by: 'alice' }, config, T0).incident;
    const change = handOverRole(inc, { role: 'commander', person: 'bob', by: 'alice' }, config, T0 + 60_000);
    expect(change.incident.roles.commander).toBe('bob');
    expect(change.entries[0]).toMatchObject({ kind: 'roleHandedOver', pinned: true, data: { role: 'commander', from: 'alice', to: 'bob' }, message: 'Incident Commander handed over from alice to bob' });
    expect(change.incident.participants).toEqual(expect.arrayContaining(['alice', 'bob']));
  });

  it('refuses to assign a role someone holds, and to hand over a role nobody holds', () => {
    const inc = assignRole(newIncident(), { role: 'scribe', person: 'alice', by: 'alice' }, config, T0).incident;
    expect(() => assignRole(inc, { role: 'scribe', person: 'bob', by: 'bob' }, config, T0)).toThrow(ConflictError);
    expect(() => handOverRole(inc, { role: 'commander', person: 'bob', by: 'bob' }, config, T0)).toThrow(/assign it instead/);
  });

  it('releases a role', () => {
    const inc = assignRole(newIncident(), { role: 'scribe', person: 'alice', by: 'alice' }, config, T0).incident;
    const change = releaseRole(inc, { role: 'scribe', by: 'alice' }, config, T0);
    expect(change.incident.roles).toEqual({});
    expect(change.entries[0]).toMatchObject({ kind: 'roleReleased', data: { from: 'alice' } });
  });

  it('rejects an unknown role and a missing person by field', () => {
    try {
      assignRole(newIncident(), { role: 'boss' as never, person: '', by: 'x' }, config, T0);
      expect.unreachable();
    } catch (err: unknown) {
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).problems.map((p) => p.path)).toEqual(['role', 'person']);
    }
  });

  it('lists the roles the severity still needs, until resolved', () => {
    const inc = newIncident({ severity: 'SEV2' });
    expect(roleNotices(inc, config)).toEqual(['SEV2 needs Incident Commander, Resolver lead; assign them.']);
    expect(roleNotices(resolveIncident(inc, 'alice', config, T0).incident, config)).toEqual([]);
  });
});
