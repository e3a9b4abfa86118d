import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../errors/index.js';
import { loadSources } from '../../slo/spec/load.js';
import { loadOnCallConfig } from './load-oncall.js';

const PEOPLE = `apiVersion: sloop/v1
kind: OnCall
people:
${['ann', 'ben', 'cat', 'dan'].map((p) => `  - { id: ${p}, name: ${p}, timeZone: UTC, contactMethods: [{ type: webhook, url: "http://127.0.0.1:9/${p}" }] }`).join('\n')}
teams:
  - { id: sre, members: [ann, ben, cat, dan] }
`;

const SCHEDULES = `apiVersion: sloop/v1
kind: OnCall
schedules:
  - name: primary
    timeZone: UTC
    layers:
      - { name: weekly, participants: [ann, ben, cat, dan], turn: 1w, handoffTime: "00:00", start: 2026-01-05 }
escalationPolicies:
  - name: shop
    steps:
      - { notify: { schedule: primary }, wait: 5m }
      - { notify: { team: sre }, wait: 10m }
routes:
  - { default: true, policy: shop }
integrations:
  - { name: am, type: alertmanager, secretEnv: SLOOP_AM_TOKEN }
`;

const NOW = Date.parse('2026-01-05T00:00:00Z');

function load(files: Record<string, string>, now: number | null = NOW) {
  const result = loadSources(Object.entries(files).map(([file, text]) => ({ file, text })));
  return loadOnCallConfig(result, now === null ? {} : { now });
}

describe('loadOnCallConfig', () => {
  it('combines people, schedules, policies, routes and integrations split across files', () => {
    const r = load({ 'people.yaml': PEOPLE, 'schedules.yaml': SCHEDULES });
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(r.people.map((p) => p.id)).toEqual(['ann', 'ben', 'cat', 'dan']);
    expect(r.teams.map((t) => t.id)).toEqual(['sre']);
    expect(r.schedules.map((s) => s.name)).toEqual(['primary']);
    expect(r.policies.map((p) => p.name)).toEqual(['shop']);
    expect(r.routes).toHaveLength(1);
    expect(r.integrations.map((i) => i.name)).toEqual(['am']);
    expect(r.files).toEqual(['people.yaml', 'schedules.yaml']);
  });

  it('reports a name declared in two files at the second declaration', () => {
    const again = SCHEDULES.replace('name: shop', 'name: shop2').replace('policy: shop', 'policy: shop2').replace('name: am', 'name: am2');
    const r = load({ 'a.yaml': PEOPLE, 'b.yaml': SCHEDULES, 'c.yaml': again });
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      'c.yaml:4:11: error: schedules[0].name: schedule "primary" is already declared in another OnCall document; names must be unique across all files, so rename or remove one',
    ]);
    expect(r.schedules).toHaveLength(1);
  });

  it('reports people and schedules that policies name but nobody declared', () => {
    const r = load({ 'a.yaml': PEOPLE, 'b.yaml': SCHEDULES.replace('schedule: primary }', 'schedule: primray }').replace('team: sre }', 'people: [ann, zoe] }') });
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      'b.yaml:9:5: error: escalationPolicies[0].steps[0].notify[0]: unknown schedule "primray"; define it under schedules or fix the name',
      'b.yaml:9:5: error: escalationPolicies[0].steps[1].notify[0]: unknown person "zoe"; define them under people or fix the id',
    ]);
  });

  it('flags an unfair rotation as an error unless a config exception allows it, and warns below four people', () => {
    const two = SCHEDULES.replace('[ann, ben, cat, dan]', '[ann, ben]');
    const r = load({ 'a.yaml': PEOPLE, 'b.yaml': two });
    const messages = r.diagnostics.map(formatDiagnostic);
    expect(messages.filter((m) => m.includes(': error: '))).toHaveLength(2);
    expect(messages.some((m) => m.includes('warning') && m.includes('rotates 2 people'))).toBe(true);

    const exceptions = `fairnessExceptions:
  - { person: ann, schedule: primary, approvedBy: carol, reason: hiring in progress, until: 2026-12-31 }
  - { person: ben, schedule: primary, approvedBy: carol, reason: hiring in progress, until: 2026-12-31 }
`;
    const allowed = load({ 'a.yaml': PEOPLE + exceptions, 'b.yaml': two });
    expect(allowed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(allowed.exceptions.map((e) => [e.person, e.approvedBy])).toEqual([['ann', 'carol'], ['ben', 'carol']]);
  });

  it('rejects exceptions for unknown people and warns about expired ones', () => {
    const r = load({ 'a.yaml': PEOPLE + `fairnessExceptions:
  - { person: zed, schedule: primary, approvedBy: carol, reason: x, until: 2025-01-01 }
`, 'b.yaml': SCHEDULES });
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      'a.yaml:11:5: error: fairnessExceptions[0].person: unknown person "zed"; declare them under people or fix the id',
      'a.yaml:11:5: warning: fairnessExceptions[0].until: this exception for zed on primary has expired (2025-01-01); remove it, or renew it with a new approval',
    ]);
  });

  it('skips the clock-dependent checks when no time is given', () => {
    const gappy = SCHEDULES.replace('start: 2026-01-05 }', 'start: 2026-01-05, restrictions: [{ timeOfDay: "09:00-17:00" }] }');
    expect(load({ 'a.yaml': PEOPLE, 'b.yaml': gappy }, null).diagnostics).toEqual([]);
    const withNow = load({ 'a.yaml': PEOPLE, 'b.yaml': gappy }).diagnostics.map(formatDiagnostic);
    expect(withNow).toEqual([expect.stringMatching(/^b\.yaml:4:5: warning: schedules\[0\]: nobody is on call for 1792 h of the next 112 days \(2026-01-05 00:00 to 2026-01-05 09:00/)]);
  });
});
