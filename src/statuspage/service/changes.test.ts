import { describe, expect, it } from 'vitest';
import { fixtureModel } from '../test-fixture.js';
import type { StatusPageModel } from '../model.js';
import { snapshotOf, statusChanges } from './changes.js';

const model = fixtureModel();

function withLoginStatus(m: StatusPageModel, status: 'operational' | 'major_outage'): StatusPageModel {
  return { ...m, generatedAt: m.generatedAt + 60_000, groups: m.groups.map((g) => ({ ...g, components: g.components.map((c) => (c.id === 'login' ? { ...c, status } : c)) })) };
}

describe('status changes for subscribers', () => {
  it('treats the first model as a baseline and reports nothing', () => {
    expect(statusChanges(null, model)).toEqual([]);
    expect(statusChanges(snapshotOf(model), model)).toEqual([]);
  });

  it('reports a component status change with both statuses in words', () => {
    const before = snapshotOf(model);
    const changes = statusChanges(before, withLoginStatus(model, 'operational'));
    expect(changes).toEqual([expect.objectContaining({ kind: 'component', components: ['login'], subject: 'Login: Operational', text: 'Login changed from Major outage to Operational. Overall: Major outage.' })]);
  });

  it('reports each public update once, with the incident title and only public text', () => {
    const before = snapshotOf(model);
    before.updates = before.updates.slice(1);
    const changes = statusChanges(before, model);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ kind: 'incident_update', components: ['login'] });
    expect(changes[0]!.key).toMatch(/^update:INC-7@\d+$/);
    expect(JSON.stringify(changes)).not.toMatch(/erin@example.com|INTERNAL/);
  });

  it('reports a maintenance window when it is announced and again when it starts', () => {
    const before = snapshotOf(model);
    before.maintenances = before.maintenances.filter((m) => !m.startsWith('MW-2'));
    const announced = statusChanges(before, model);
    expect(announced.map((c) => [c.key, c.subject])).toEqual([['maintenance:MW-2:upcoming', 'Scheduled maintenance: Database upgrade']]);
    before.maintenances = before.maintenances.map((m) => (m === 'MW-1:in_progress' ? 'MW-1:upcoming' : m)).concat('MW-2:upcoming');
    expect(statusChanges(before, model).map((c) => c.subject)).toEqual(['Maintenance in progress: Search index rebuild']);
  });
});
