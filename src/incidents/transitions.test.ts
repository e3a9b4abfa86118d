import { describe, expect, it } from 'vitest';
import { ConflictError, InputError, NotAllowedError } from '../errors/index.js';
import { defaultIncidentsConfig } from './config.js';
import { declareIncident } from './declare.js';
import { assignRole } from './roles.js';
import { MIN, T0, newIncident } from './test-builders.js';
import { addNote, overrideComponentStatus, postStatusPageUpdate, recordEvent, resolveIncident, updateIncident } from './transitions.js';

const config = defaultIncidentsConfig();

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err: unknown) {
    return err;
  }
  throw new Error('expected an error');
}

describe('declaring an incident', () => {
  it('declares by hand with status investigating and a pinned declaration entry', () => {
    const change = declareIncident({ title: 'Checkout errors', severity: 'SEV1', services: ['shop'], customerSummary: 'Some payments fail.' }, { id: 'INC-7', now: T0, by: 'bob', config });
    expect(change.incident).toMatchObject({ id: 'INC-7', status: 'investigating', severity: 'SEV1', services: ['shop'], source: { type: 'manual' }, version: 1, declaredBy: 'bob' });
    expect(change.entries.map((e) => [e.id, e.kind, e.pinned])).toEqual([['INC-7/1', 'declared', true]]);
    expect(change.notices.join(' ')).toContain('SEV1 needs Incident Commander, Resolver lead, Communications lead, Scribe');
    expect(change.notices.join(' ')).toContain('requires a status-page update');
  });

  it('declares from a page and writes the alert, page and acknowledgement at their own times', () => {
    const page = { pageId: 'p-1', source: 'slo', summary: 'login burn rate 14x', triggeredAt: T0 - 10 * MIN, acknowledgedAt: T0 - 7 * MIN, acknowledgedBy: 'carol', runbookUrl: 'https://runbooks/login' };
    const { incident, entries } = declareIncident({ title: 'Login down', severity: 'SEV2', page }, { id: 'INC-2', now: T0, by: 'carol', config });
    expect(incident.source).toEqual({ type: 'page', pageId: 'p-1' });
    expect(incident.startedAt).toBe(T0 - 10 * MIN);
    expect(incident.pagedAt).toBe(T0 - 10 * MIN);
    expect(incident.acknowledgedAt).toBe(T0 - 7 * MIN);
    expect(entries.map((e) => [e.kind, e.at])).toEqual([
      ['alertFired', T0 - 10 * MIN],
      ['paged', T0 - 10 * MIN],
      ['acknowledged', T0 - 7 * MIN],
      ['declared', T0],
    ]);
    expect(entries[0]!.data.runbookUrl).toBe('https://runbooks/login');
  });

  it('names every bad field in one InputError', () => {
    const err = caught(() => declareIncident({ title: '  ', severity: 'SEV9', status: 'resolved', services: 'auth' }, { id: 'X', now: T0, by: 'a', config }));
    expect(err).toBeInstanceOf(InputError);
    const paths = (err as InputError).problems.map((p) => p.path);
    expect(paths).toEqual(['title', 'severity', 'status', 'services']);
    expect((err as InputError).message).toContain('SEV1, SEV2, SEV3');
  });
});

describe('updating an incident', () => {
  it('records severity and status changes with from and to', () => {
    const inc = newIncident();
    const change = updateIncident(inc, { severity: 'SEV1', status: 'identified' }, 'alice', config, T0 + MIN);
    expect(change.incident.severity).toBe('SEV1');
    expect(change.entries.map((e) => [e.kind, e.data.from, e.data.to])).toEqual([
      ['severityChanged', 'SEV2', 'SEV1'],
      ['statusChanged', 'investigating', 'identified'],
    ]);
    expect(change.incident.version).toBe(inc.version + 1);
  });

  it('sets mitigatedAt on the first move to monitoring and keeps it on reopen', () => {
    const inc = newIncident();
    const m = updateIncident(inc, { status: 'monitoring' }, 'alice', config, T0 + 20 * MIN).incident;
    expect(m.mitigatedAt).toBe(T0 + 20 * MIN);
    const r = resolveIncident(m, 'alice', config, T0 + 30 * MIN).incident;
    expect(r.resolvedAt).toBe(T0 + 30 * MIN);
    const reopened = updateIncident(r, { status: 'investigating' }, 'alice', config, T0 + 40 * MIN).incident;
    expect(reopened.resolvedAt).toBeNull();
    expect(reopened.mitigatedAt).toBe(T0 + 20 * MIN);
  });

  it('writes nothing and keeps the version when nothing changed', () => {
    const inc = newIncident();
    const change = updateIncident(inc, { severity: 'SEV2', status: 'investigating' }, 'alice', config, T0);
    expect(change.entries).toEqual([]);
    expect(change.incident.version).toBe(inc.version);
  });

  it('refuses to resolve twice', () => {
    const r = resolveIncident(newIncident(), 'alice', config, T0 + MIN).incident;
    expect(caught(() => resolveIncident(r, 'alice', config, T0 + 2 * MIN))).toBeInstanceOf(ConflictError);
  });
});

describe('notes, events and status-page updates', () => {
  it('records a note with its author as a participant', () => {
    const change = addNote(newIncident(), { author: 'dave', text: 'Rolled back deploy 1234', pinned: true }, T0 + MIN);
    expect(change.entries[0]).toMatchObject({ kind: 'note', actor: 'dave', message: 'Rolled back deploy 1234', pinned: true });
    expect(change.incident.participants).toContain('dave');
  });

  it('rejects an empty note naming the field', () => {
    const err = caught(() => addNote(newIncident(), { author: 'dave', text: '' }, T0));
    expect((err as InputError).problems).toEqual([{ path: 'text', message: 'is required; give the note' }]);
  });

  it('lets only the Communications lead post public text', () => {
    let inc = assignRole(newIncident(), { role: 'communicationsLead', person: 'erin', by: 'alice' }, config, T0).incident;
    expect(caught(() => postStatusPageUpdate(inc, { by: 'mallory', body: 'hi' }, config, T0))).toBeInstanceOf(NotAllowedError);
    const change = postStatusPageUpdate(inc, { by: 'erin', body: 'We are investigating login failures.', status: 'identified' }, config, T0 + MIN);
    inc = change.incident;
    expect(inc.status).toBe('identified');
    expect(inc.publicUpdates).toEqual([{ at: T0 + MIN, status: 'identified', body: 'We are investigating login failures.', by: 'erin' }]);
    expect(change.entries.map((e) => e.kind)).toEqual(['statusChanged', 'statusPageUpdate']);
  });

  it('lets the commander post while nobody is Communications lead', () => {
    const inc = assignRole(newIncident(), { role: 'commander', person: 'alice', by: 'alice' }, config, T0).incident;
    expect(postStatusPageUpdate(inc, { by: 'alice', body: 'Investigating.' }, config, T0).incident.publicUpdates).toHaveLength(1);
  });

  it('overrides and clears a component status', () => {
    let inc = assignRole(newIncident(), { role: 'communicationsLead', person: 'erin', by: 'alice' }, config, T0).incident;
    inc = overrideComponentStatus(inc, { by: 'erin', component: 'login', status: 'major_outage' }, T0).incident;
    expect(inc.componentOverrides).toEqual({ login: 'major_outage' });
    expect(caught(() => overrideComponentStatus(inc, { by: 'erin', component: 'login', status: 'broken' }, T0))).toBeInstanceOf(InputError);
    inc = overrideComponentStatus(inc, { by: 'erin', component: 'login', status: null }, T0).incident;
    expect(inc.componentOverrides).toEqual({});
  });

  it('records pages, acknowledgements, runbook runs and chat failures', () => {
    let inc = newIncident();
    inc = recordEvent(inc, { type: 'paged', at: T0 + MIN, pageId: 'p9', target: 'schedule primary' }).incident;
    inc = recordEvent(inc, { type: 'acknowledged', at: T0 + 3 * MIN, pageId: 'p9', by: 'frank' }).incident;
    const run = recordEvent(inc, { type: 'runbookRun', at: T0 + 4 * MIN, by: 'frank', runbook: 'restart-auth', outcome: 'succeeded' });
    const chat = recordEvent(run.incident, { type: 'chatDelivery', at: T0 + 5 * MIN, channel: 'slack', ok: false, detail: 'timed out after 5 s' });
    expect(chat.incident.pagedAt).toBe(T0 + MIN);
    expect(chat.incident.acknowledgedAt).toBe(T0 + 3 * MIN);
    expect(run.entries[0]!.message).toBe('Ran runbook restart-auth: succeeded');
    expect(chat.entries[0]!.message).toBe('Could not post to slack: timed out after 5 s');
  });
});
