import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { Page, PlannedDelivery } from '../../oncall/escalation/index.js';
import type { NewDelivery } from '../paging.js';
import { BASE_MS as T, type ContractContext } from './context.js';

// The PostgreSQL harness empties only its own tables between tests, so every id is unique.
function newPage(overrides: Partial<Page> = {}): Page {
  const id = `pg-${randomUUID()}`;
  return {
    id, dedupKey: `key-${id}`, policy: 'default',
    alert: { source: 'slo', summary: 'checkout burns budget', labels: { slo: 'checkout' }, annotations: {}, runbookUrl: 'https://runbooks.example/checkout' },
    status: 'triggered', cycle: 0, step: 0, repeat: 0, exhausted: false, timer: null, timerSeq: 0,
    triggeredAt: T, lastTriggeredAt: T, retriggerCount: 0, acknowledgedAt: null, acknowledgedBy: null,
    resolvedAt: null, resolvedBy: null, resolution: null, actionable: null,
    ...overrides,
  };
}

function delivery(page: Page, person: string, dueAt = T): NewDelivery {
  const plan: PlannedDelivery = {
    idempotencyKey: `page/${page.id}/c0/s0/r0/${person}/hook/0`, pageId: page.id, cycle: 0, step: 0, repeat: 0,
    personId: person, contactMethodId: 'hook', ruleIndex: 0, dueAt, fallbackContactMethodIds: ['mail'],
  };
  return { kind: 'page', plan };
}

export function pagingContract(ctx: ContractContext): void {
  it('stores a page with its timeline, timers and deliveries in one transaction', async () => {
    const paging = ctx.store().paging;
    const page = newPage();
    await paging.transaction(async (tx) => {
      await tx.savePage(page, T);
      await tx.addTimeline(page.id, [{ at: T, kind: 'triggered', message: 'Triggered' }]);
      await tx.scheduleTimer(page.id, { id: `${page.id}:escalate:1`, at: T + 60_000, reason: 'escalate' });
      expect(await tx.insertDeliveries([delivery(page, 'alice'), delivery(page, 'bob')])).toBe(2);
    });
    const detail = await ctx.reopen().then((s) => s.paging.getPage(page.id));
    expect(detail?.page).toEqual(page);
    expect(detail?.timeline.map((e) => e.kind)).toEqual(['triggered']);
    expect(detail?.deliveries.map((d) => [d.personId, d.status])).toEqual([['alice', 'pending'], ['bob', 'pending']]);
    expect((await ctx.store().paging.dueTimers(T + 60_000)).filter((t) => t.pageId === page.id)).toHaveLength(1);
  });

  it('rolls back every write of a transaction that throws', async () => {
    const paging = ctx.store().paging;
    const page = newPage();
    await expect(paging.transaction(async (tx) => {
      await tx.savePage(page, T);
      await tx.insertDeliveries([delivery(page, 'alice')]);
      throw new Error('crash mid-step');
    })).rejects.toThrow('crash mid-step');
    expect(await paging.getPage(page.id)).toBeNull();
    expect(await paging.listDeliveries(page.id)).toEqual([]);
  });

  it('allows one open page per dedup key, and a new one once it is resolved', async () => {
    const paging = ctx.store().paging;
    const first = newPage();
    await paging.transaction((tx) => tx.savePage(first, T));
    await expect(paging.transaction((tx) => tx.savePage(newPage({ dedupKey: first.dedupKey }), T))).rejects.toThrow();
    expect((await paging.transaction((tx) => tx.lockOpenPage(first.dedupKey)))?.id).toBe(first.id);
    await paging.transaction((tx) => tx.savePage({ ...first, status: 'resolved', resolvedAt: T + 1 }, T + 1));
    expect(await paging.transaction((tx) => tx.lockOpenPage(first.dedupKey))).toBeNull();
    await paging.transaction((tx) => tx.savePage(newPage({ dedupKey: first.dedupKey }), T + 2));
  });

  it('inserts a delivery once per idempotency key', async () => {
    const paging = ctx.store().paging;
    const page = newPage();
    await paging.transaction(async (tx) => {
      await tx.savePage(page, T);
      expect(await tx.insertDeliveries([delivery(page, 'alice')])).toBe(1);
      expect(await tx.insertDeliveries([delivery(page, 'alice'), delivery(page, 'bob')])).toBe(1);
    });
    expect(await paging.listDeliveries(page.id)).toHaveLength(2);
  });

  it('fires a timer once and never a cancelled one', async () => {
    const paging = ctx.store().paging;
    const page = newPage();
    await paging.transaction(async (tx) => {
      await tx.savePage(page, T);
      await tx.scheduleTimer(page.id, { id: `${page.id}:escalate:1`, at: T, reason: 'escalate' });
      await tx.scheduleTimer(page.id, { id: `${page.id}:escalate:2`, at: T, reason: 'escalate' });
    });
    expect(await paging.transaction((tx) => tx.markTimerFired(`${page.id}:escalate:1`))).toBe(true);
    expect(await paging.transaction((tx) => tx.markTimerFired(`${page.id}:escalate:1`))).toBe(false);
    expect(await paging.transaction((tx) => tx.cancelTimers(page.id))).toBe(1);
    expect(await paging.transaction((tx) => tx.markTimerFired(`${page.id}:escalate:2`))).toBe(false);
    expect((await paging.dueTimers(T + 1, 10_000)).filter((t) => t.pageId === page.id)).toEqual([]);
  });

  it('gives each due delivery to exactly one of two store instances claiming concurrently', async () => {
    const stores = [ctx.store(), await ctx.openAnother()];
    const page = newPage();
    const people = Array.from({ length: 40 }, (_, i) => `p${i}`);
    await stores[0].paging.transaction(async (tx) => {
      await tx.savePage(page, T);
      await tx.insertDeliveries(people.map((p) => delivery(page, p, T - 1000)));
    });
    const claimed: number[] = [];
    await Promise.all(stores.flatMap((s, i) => [0, 1, 2].map(async (round) => {
      for (;;) {
        const batch = (await s.paging.claimDueDeliveries(T, `worker-${i}-${round}`, 3)).filter((d) => d.pageId === page.id);
        if (batch.length === 0) return;
        claimed.push(...batch.map((d) => d.id));
      }
    })));
    expect(claimed).toHaveLength(40);
    expect(new Set(claimed).size).toBe(40);
  });

  it('lets only the claimant finish a delivery, writing its timeline entries with it', async () => {
    const paging = ctx.store().paging;
    const page = newPage();
    await paging.transaction(async (tx) => {
      await tx.savePage(page, T);
      await tx.insertDeliveries([delivery(page, 'alice')]);
    });
    const [claimed] = (await paging.claimDueDeliveries(T, 'w1', 1000)).filter((d) => d.pageId === page.id);
    expect(claimed.status).toBe('sending');
    const result = { status: 'delivered' as const, attempts: 2, lastError: null, deliveredVia: 'webhook http://127.0.0.1' };
    expect(await paging.finishDelivery(claimed.id, 'w2', result, [{ at: T, kind: 'notified', message: 'by w2' }], T)).toBe(false);
    expect(await paging.finishDelivery(claimed.id, 'w1', result, [{ at: T, kind: 'notified', message: 'Notified Alice' }], T)).toBe(true);
    const detail = await paging.getPage(page.id);
    expect(detail?.deliveries[0]).toMatchObject({ status: 'delivered', attempts: 2, deliveredVia: 'webhook http://127.0.0.1', finishedAt: T });
    expect(detail?.timeline.map((e) => e.message)).toEqual(['Notified Alice']);
  });

  it('releases a stale claim back to pending so another worker sends it', async () => {
    const paging = ctx.store().paging;
    const page = newPage();
    await paging.transaction(async (tx) => {
      await tx.savePage(page, T);
      await tx.insertDeliveries([delivery(page, 'alice')]);
    });
    await paging.claimDueDeliveries(T, 'dead-worker', 1000);
    expect(await paging.releaseStaleClaims(T - 1)).toBe(0);
    expect(await paging.releaseStaleClaims(T + 1)).toBeGreaterThanOrEqual(1);
    const again = (await paging.claimDueDeliveries(T + 2, 'w2', 1000)).filter((d) => d.pageId === page.id);
    expect(again.map((d) => d.claimedBy)).toEqual(['w2']);
    expect(await paging.finishDelivery(again[0].id, 'dead-worker', { status: 'delivered', attempts: 1, lastError: null, deliveredVia: null }, [], T)).toBe(false);
  });

  it('cancels pending page deliveries and reports who was reached in a cycle', async () => {
    const paging = ctx.store().paging;
    const page = newPage();
    await paging.transaction(async (tx) => {
      await tx.savePage(page, T);
      await tx.insertDeliveries([delivery(page, 'alice'), delivery(page, 'bob', T + 120_000)]);
    });
    const [alice] = (await paging.claimDueDeliveries(T, 'w', 1000)).filter((d) => d.pageId === page.id);
    await paging.finishDelivery(alice.id, 'w', { status: 'delivered', attempts: 1, lastError: null, deliveredVia: null }, [], T);
    await paging.transaction(async (tx) => {
      expect(await tx.cancelDeliveries(page.id, 'acknowledged', T + 1)).toBe(1);
      expect(await tx.deliveredRecipients(page.id, 0)).toEqual([{ personId: 'alice', contactMethodId: 'hook' }]);
    });
    expect((await paging.listDeliveries(page.id)).map((d) => d.status)).toEqual(['delivered', 'skipped']);
  });

  it('keeps event cursors and follow-ups', async () => {
    const paging = ctx.store().paging;
    const name = `cursor-${randomUUID()}`;
    expect(await paging.cursor(name)).toBeNull();
    await paging.transaction(async (tx) => {
      expect(await tx.lockCursor(name)).toBe(0);
      await tx.setCursor(name, 42);
    });
    expect(await (await ctx.reopen()).paging.cursor(name)).toBe(42);
    const pageId = `pg-${randomUUID()}`;
    await ctx.store().paging.transaction((tx) => tx.createFollowUp({ pageId, priority: 'highest', title: 'Fix or delete', detail: 'not actionable', createdAt: T }));
    expect((await ctx.store().paging.listFollowUps()).find((f) => f.pageId === pageId)).toMatchObject({ priority: 'highest', status: 'open', title: 'Fix or delete' });
  });
}
