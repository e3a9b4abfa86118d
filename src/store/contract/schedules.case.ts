import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { InputError } from '../../errors/index.js';
import { SCHEDULE_CHANGED_EVENT, type ScheduleChangedPayload } from '../../oncall/schedule/events.js';
import { BASE_MS as T, type ContractContext } from './context.js';

const H = 3_600_000;
/** The PostgreSQL harness does not empty these tables between tests; unique names isolate them. */
const unique = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

export function schedulesContract(ctx: ContractContext): void {
  it('stores overrides and swaps with who created them and why, in acceptance order', async () => {
    const store = ctx.store();
    const schedule = unique('primary');
    const a = await store.schedules.createChange({ kind: 'override', schedule, person: 'ann', start: T, end: T + 8 * H, createdBy: 'ben', reason: 'dentist' }, { now: T - H });
    const b = await store.schedules.createChange({
      kind: 'swap', schedule, first: { person: 'cat', start: T + 24 * H, end: T + 48 * H }, second: { person: 'dan', start: T + 72 * H, end: T + 96 * H }, createdBy: 'cat',
    }, { now: T - H / 2 });
    expect(a.change).toEqual({
      id: a.change.id, schedule, change: { kind: 'override', id: a.change.id, person: 'ann', start: T, end: T + 8 * H },
      createdBy: 'ben', reason: 'dentist', createdAt: T - H, deletedAt: null, deletedBy: null,
    });
    expect(b.change.change).toEqual({ kind: 'swap', id: b.change.id, first: { person: 'cat', start: T + 24 * H, end: T + 48 * H }, second: { person: 'dan', start: T + 72 * H, end: T + 96 * H } });
    const reopened = await ctx.reopen();
    expect((await reopened.schedules.listChanges(schedule)).map((c) => c.id)).toEqual([a.change.id, b.change.id]);
    expect(await reopened.schedules.getChange(schedule, b.change.id)).toEqual(b.change);
    expect(await reopened.schedules.listChanges(unique('other'))).toEqual([]);
  });

  it('lists only changes overlapping a range, counting every side of a swap', async () => {
    const store = ctx.store();
    const schedule = unique('primary');
    const early = await store.schedules.createChange({ kind: 'override', schedule, person: 'ann', start: T, end: T + H, createdBy: 'x' }, { now: T });
    const swap = await store.schedules.createChange({
      kind: 'swap', schedule, first: { person: 'cat', start: T + 2 * H, end: T + 3 * H }, second: { person: 'dan', start: T + 10 * H, end: T + 11 * H }, createdBy: 'x',
    }, { now: T });
    const ids = async (from: number, to: number) => (await store.schedules.listChanges(schedule, { from, to })).map((c) => c.id);
    expect(await ids(T + H, T + 2 * H)).toEqual([]);
    expect(await ids(T + 10 * H, T + 20 * H)).toEqual([swap.change.id]);
    expect(await ids(T - H, T + H / 2)).toEqual([early.change.id]);
  });

  it('deletes a change by marking it, keeping it in the history', async () => {
    const store = ctx.store();
    const schedule = unique('primary');
    const { change } = await store.schedules.createChange({ kind: 'override', schedule, person: 'ann', start: T, end: T + H, createdBy: 'x' }, { now: T });
    expect(await store.schedules.deleteChange(unique('wrong'), change.id, { now: T + 1, deletedBy: 'y' })).toBe(false);
    expect(await store.schedules.deleteChange(schedule, change.id, { now: T + 1, deletedBy: 'y' })).toBe(true);
    expect(await store.schedules.deleteChange(schedule, change.id, { now: T + 2, deletedBy: 'y' })).toBe(false);
    expect(await store.schedules.deleteChange(schedule, 'not-an-id', { now: T + 2, deletedBy: 'y' })).toBe(false);
    expect(await store.schedules.listChanges(schedule)).toEqual([]);
    expect(await store.schedules.listChanges(schedule, { includeDeleted: true })).toEqual([{ ...change, deletedAt: T + 1, deletedBy: 'y' }]);
  });

  it('announces each saved and each deleted change on the event log, and nothing for a refused delete', async () => {
    const store = ctx.store();
    const schedule = unique('primary');
    const before = await store.lastEventId();
    const { change } = await store.schedules.createChange({ kind: 'override', schedule, person: 'ann', start: T, end: T + H, createdBy: 'x' }, { now: T });
    const swap = await store.schedules.createChange({
      kind: 'swap', schedule, first: { person: 'cat', start: T + 2 * H, end: T + 3 * H }, second: { person: 'dan', start: T + 10 * H, end: T + 11 * H }, createdBy: 'x',
    }, { now: T + 1 });
    await store.schedules.deleteChange(schedule, change.id, { now: T + 2, deletedBy: 'y' });
    await store.schedules.deleteChange(schedule, change.id, { now: T + 3, deletedBy: 'y' });
    const mine = (await store.readEventsAfter(before, 1000)).filter((e) => e.type === SCHEDULE_CHANGED_EVENT && (e.payload as ScheduleChangedPayload).schedule === schedule);
    expect(mine.map((e) => ({ at: e.at, payload: e.payload }))).toEqual([
      { at: T, payload: { schedule, changeId: change.id, kind: 'override', action: 'created' } },
      { at: T + 1, payload: { schedule, changeId: swap.change.id, kind: 'swap', action: 'created' } },
      { at: T + 2, payload: { schedule, changeId: change.id, kind: 'override', action: 'deleted' } },
    ]);
  });

  it('records fairness exceptions approved with a change, atomically', async () => {
    const store = ctx.store();
    const schedule = unique('primary');
    const { change, exceptions } = await store.schedules.createChange(
      { kind: 'override', schedule, person: 'ann', start: T, end: T + 14 * 24 * H, createdBy: 'ann', reason: 'covering leave' },
      { now: T, exceptions: [{ person: 'ann', approvedBy: 'carol', reason: 'parental leave cover', until: T + 30 * 24 * H, maxShare: 0.5 }] },
    );
    expect(exceptions).toEqual([{ id: exceptions[0].id, schedule, person: 'ann', approvedBy: 'carol', reason: 'parental leave cover', until: T + 30 * 24 * H, maxShare: 0.5, changeId: change.id, createdAt: T }]);
    expect(await store.schedules.listExceptions({ schedule })).toEqual(exceptions);
    expect(await store.schedules.listExceptions({ schedule, person: 'ben' })).toEqual([]);

    // An invalid exception rejects the whole change: nothing is stored.
    await expect(store.schedules.createChange(
      { kind: 'override', schedule, person: 'ben', start: T, end: T + H, createdBy: 'ben' },
      { now: T, exceptions: [{ person: 'ben', approvedBy: '', reason: 'x', until: T }] },
    )).rejects.toThrow(InputError);
    expect(await store.schedules.listChanges(schedule)).toHaveLength(1);
  });

  it('rejects a change that ends before it starts', async () => {
    const store = ctx.store();
    const schedule = unique('primary');
    await expect(store.schedules.createChange({ kind: 'override', schedule, person: 'ann', start: T, end: T, createdBy: 'x' }, { now: T })).rejects.toThrow(/end: must be after start/);
    expect(await store.schedules.listChanges(schedule)).toEqual([]);
  });

  it('creates a server secret once and returns the same value to every instance afterwards', async () => {
    const name = unique('feed-signing');
    const first = await ctx.store().schedules.serverSecret(name, () => 'secret-one', T);
    const other = await ctx.openAnother();
    expect(await other.schedules.serverSecret(name, () => 'secret-two', T + 1)).toBe('secret-one');
    expect(first).toBe('secret-one');
  });

  it('counts each page once per person notified, at the first notification, skipping cancelled ones', async () => {
    const store = ctx.store();
    const [ann, ben, cat] = ['ann', 'ben', 'cat'].map(unique);
    const pageId = unique('page');
    const plan = (person: string, dueAt: number, n: number) => ({
      kind: 'page' as const,
      plan: { idempotencyKey: `${pageId}/${person}/${n}`, pageId, cycle: 0, step: n, repeat: 0, personId: person, contactMethodId: 'hook', ruleIndex: 0, dueAt, fallbackContactMethodIds: [] },
    });
    await store.paging.transaction(async (tx) => {
      await tx.savePage({
        id: pageId, dedupKey: pageId, policy: 'p', alert: { source: 'slo', summary: 's', labels: {}, annotations: {}, runbookUrl: null },
        status: 'triggered', cycle: 0, step: 0, repeat: 0, exhausted: false, timer: null, timerSeq: 0, triggeredAt: T, lastTriggeredAt: T,
        retriggerCount: 0, acknowledgedAt: null, acknowledgedBy: null, resolvedAt: null, resolvedBy: null, resolution: null, actionable: null,
      }, T);
      await tx.insertDeliveries([plan(ann, T + 1000, 0), plan(ann, T + 5 * 60_000, 1), plan(ben, T + 2 * H, 2)]);
      await tx.cancelDeliveries(pageId, 'acknowledged', T + 10);
      await tx.insertDeliveries([plan(cat, T + 2000, 3)]);
    });
    const mine = async (from: number, to: number) => (await store.schedules.pagesReceived(from, to)).filter((p) => [ann, ben, cat].includes(p.person));
    // Cancelling skipped the three pending ones; only cat's, added after, still counts.
    expect(await mine(T, T + 3 * H)).toEqual([{ pageId, person: cat, at: T + 2000 }]);
    expect(await mine(T + 3000, T + 3 * H)).toEqual([]);
  });
}
