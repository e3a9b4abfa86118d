import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { createActionItem, updateActionItem } from '../../actions/transitions.js';
import { ConflictError } from '../../errors/index.js';
import { defaultIncidentsConfig } from '../../incidents/config.js';
import { declareIncident } from '../../incidents/declare.js';
import { INCIDENT_CHANGED_EVENT, type IncidentChangedPayload } from '../../incidents/events.js';
import { assignRole } from '../../incidents/roles.js';
import { addNote, resolveIncident } from '../../incidents/transitions.js';
import { createPostmortem } from '../../postmortems/create.js';
import { editSection } from '../../postmortems/lifecycle.js';
import type { IncidentStore } from '../incident-store.js';
import { BASE_MS as T, type ContractContext } from './context.js';

const MIN = 60_000;
const config = defaultIncidentsConfig();
/** The PostgreSQL harness does not empty these tables between tests: unique ids and times isolate tests. */
const unique = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

async function declared(store: IncidentStore, input: { title?: string; pageId?: string; now?: number } = {}) {
  const id = await store.incidents.nextId();
  const now = input.now ?? T;
  const page = input.pageId ? { pageId: input.pageId, source: 'slo', summary: 'burning', triggeredAt: now - 5 * MIN, acknowledgedAt: now - 2 * MIN, acknowledgedBy: 'ann', runbookUrl: null } : undefined;
  const change = declareIncident({ title: input.title ?? 'Login <b>down</b>', severity: 'SEV2', services: ['auth'], ...(page ? { page } : {}) }, { id, now, by: 'ann', config });
  await store.incidents.saveChange(change, null);
  return change;
}

export function incidentsContract(ctx: ContractContext): void {
  it('saves an incident with its timeline and reads both back after a reopen, text stored as written', async () => {
    const change = await declared(ctx.store().incidents, { pageId: unique('pg') });
    expect(change.incident.id).toMatch(/^INC-\d+$/);
    const reopened = (await ctx.reopen()).incidents;
    expect(await reopened.incidents.get(change.incident.id)).toEqual(change.incident);
    expect((await reopened.incidents.get(change.incident.id))!.title).toBe('Login <b>down</b>');
    expect(await reopened.incidents.timeline(change.incident.id)).toEqual(change.entries);
    expect((await reopened.incidents.timeline(change.incident.id)).map((e) => e.kind)).toEqual(['alertFired', 'paged', 'acknowledged', 'declared']);
  });

  it('applies changes with optimistic concurrency: a stale version is a ConflictError and writes nothing', async () => {
    const store = ctx.store().incidents;
    const { incident } = await declared(store);
    const assigned = assignRole(incident, { role: 'commander', person: 'ann', by: 'ann' }, config, T + MIN);
    await store.incidents.saveChange(assigned, incident.version);
    const stale = addNote(incident, { author: 'bob', text: 'late note' }, T + 2 * MIN);
    await expect(store.incidents.saveChange(stale, incident.version)).rejects.toThrow(ConflictError);
    const stored = await store.incidents.get(incident.id);
    expect(stored).toEqual(assigned.incident);
    expect((await store.incidents.timeline(incident.id)).map((e) => e.message)).not.toContain('late note');
    // The second writer reloads and re-applies; both changes survive.
    const retried = addNote(stored!, { author: 'bob', text: 'late note' }, T + 2 * MIN);
    await store.incidents.saveChange(retried, stored!.version);
    expect((await store.incidents.timeline(incident.id)).map((e) => e.kind)).toEqual(['declared', 'roleAssigned', 'note']);
  });

  it('announces every committed change on the event log in the same transaction, and nothing for a refused one', async () => {
    const full = ctx.store();
    const store = full.incidents;
    const before = await full.lastEventId();
    const { incident, entries } = await declared(store);
    const assigned = assignRole(incident, { role: 'commander', person: 'ann', by: 'ann' }, config, T + MIN);
    await store.incidents.saveChange(assigned, incident.version);
    await expect(store.incidents.saveChange(addNote(incident, { author: 'bob', text: 'stale' }, T + 2 * MIN), incident.version)).rejects.toThrow(ConflictError);
    await store.incidents.setPinned(entries[0]!.id, true, T + 3 * MIN);
    const mine = (await full.readEventsAfter(before, 1000)).filter((e) => e.type === INCIDENT_CHANGED_EVENT && (e.payload as IncidentChangedPayload).incidentId === incident.id);
    expect(mine.map((e) => e.payload)).toEqual([
      { incidentId: incident.id, version: 1, status: incident.status, severity: 'SEV2', entries: entries.map((e) => ({ id: e.id, kind: e.kind, pinned: e.pinned })) },
      { incidentId: incident.id, version: 2, status: incident.status, severity: 'SEV2', entries: [{ id: assigned.entries[0]!.id, kind: 'roleAssigned', pinned: false }] },
      { incidentId: incident.id, version: 2, status: incident.status, severity: 'SEV2', entries: [{ id: entries[0]!.id, kind: entries[0]!.kind, pinned: true }] },
    ]);
    expect(mine.map((e) => e.at)).toEqual([T, T + MIN, T + 3 * MIN]);
  });

  it('finds the incident declared from a page and refuses a second one for the same page', async () => {
    const store = ctx.store().incidents;
    const pageId = unique('pg');
    const first = await declared(store, { pageId });
    expect((await store.incidents.findByPage(pageId))?.id).toBe(first.incident.id);
    expect(await store.incidents.findByPage(unique('pg'))).toBeNull();
    await expect(declared(store, { pageId })).rejects.toThrow(ConflictError);
  });

  it('pins a timeline entry and lists incidents newest first, open only or since a time', async () => {
    const store = ctx.store().incidents;
    const since = T + Math.floor(Math.random() * 1e9) * MIN;
    const older = await declared(store, { now: since });
    const newer = await declared(store, { now: since + MIN });
    const resolved = resolveIncident(newer.incident, 'ann', config, since + 2 * MIN);
    await store.incidents.saveChange(resolved, newer.incident.version);
    const entry = await store.incidents.setPinned(older.entries[0]!.id, false, since + 3 * MIN);
    expect(entry.pinned).toBe(false);
    await expect(store.incidents.setPinned(`${older.incident.id}/999`, true, since + 3 * MIN)).rejects.toThrow(/no timeline entry/);
    expect((await store.incidents.list({ declaredSince: since })).map((i) => i.id)).toEqual([newer.incident.id, older.incident.id]);
    expect((await store.incidents.list({ declaredSince: since, openOnly: true })).map((i) => i.id)).toEqual([older.incident.id]);
    expect((await store.incidents.list({ declaredSince: since, status: ['resolved'] })).map((i) => i.id)).toEqual([newer.incident.id]);
  });

  it('hands out distinct sequential ids to concurrent callers on two instances', async () => {
    const other = await ctx.openAnother();
    const ids = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? ctx.store() : other).incidents.actions.nextId()));
    const numbers = ids.map((id) => Number(id.slice(3))).sort((a, b) => a - b);
    expect(new Set(ids).size).toBe(10);
    expect(numbers.at(-1)! - numbers[0]!).toBe(9);
  });

  it('saves postmortems once per incident with versioned edits', async () => {
    const store = ctx.store().incidents;
    const { incident, entries } = await declared(store);
    const pm = createPostmortem({ incident, entries, impact: null, config }, { id: await store.postmortems.nextId(), now: T });
    await store.postmortems.save(pm);
    const edited = editSection(pm, 'contributingCauses', 'No canary stage.', T + MIN);
    await store.postmortems.save(edited);
    await expect(store.postmortems.save(editSection(pm, 'summary', 'stale', T + MIN))).rejects.toThrow(ConflictError);
    expect(await store.postmortems.get(pm.id)).toEqual(edited);
    expect((await store.postmortems.findByIncident(incident.id))?.id).toBe(pm.id);
    await expect(store.postmortems.save({ ...pm, id: await store.postmortems.nextId() })).rejects.toThrow(/already has a postmortem/);
    expect((await store.postmortems.list({ state: ['draft'], dueBefore: pm.dueAt + 1 })).map((p) => p.id)).toContain(pm.id);
  });

  it('saves action items, filters them by owner and overdue, and keeps one follow-up per page', async () => {
    const store = ctx.store().incidents;
    const { incident } = await declared(store);
    const owner = unique('carol');
    const make = async (dueAt: number, priority = 'P1') =>
      createActionItem({ title: 'Add a canary', owner, dueAt, priority }, { source: 'incident', incidentId: incident.id }, { id: await store.actions.nextId(), now: T });
    const late = await make(T + MIN, 'P0');
    const later = await make(T + 100 * MIN);
    await store.actions.save(late);
    await store.actions.save(later);
    const done = updateActionItem(later, { status: 'done' }, T + 2 * MIN);
    await store.actions.save(done);
    await expect(store.actions.save(updateActionItem(later, { status: 'in_progress' }, T + 3 * MIN))).rejects.toThrow(ConflictError);
    expect((await store.actions.list({ owner })).map((a) => a.id)).toEqual([late.id, later.id]);
    expect(await store.actions.list({ owner, overdueAt: T + 1000 * MIN })).toEqual([late]);
    expect((await store.actions.list({ incidentIds: [incident.id], status: ['done'] }))[0]).toEqual(done);
    expect(await store.actions.list({ incidentIds: [] })).toEqual([]);

    const pageId = unique('pg');
    const followUp = createActionItem({ title: 'Fix or delete the alert', owner, dueAt: T, priority: 'P0' }, { source: 'page', pageId }, { id: await store.actions.nextId(), now: T });
    await store.actions.save(followUp);
    expect(await store.actions.findByPage(pageId)).toEqual(followUp);
    await expect(store.actions.save({ ...followUp, id: await store.actions.nextId() })).rejects.toThrow(ConflictError);
    expect((await store.actions.list({ owner, source: 'page' })).map((a) => a.id)).toEqual([followUp.id]);
  });

  it('records the incidents migration as applied', async () => {
    expect(await ctx.appliedMigrations()).toContain('0004-incidents');
  });
}
