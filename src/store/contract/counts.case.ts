import { expect, it } from 'vitest';
import { InputError } from '../../errors/index.js';
import { IDEMPOTENCY_KEY_TTL_MS, type SloMinuteCount } from '../store.js';
import { BASE_MINUTE as M, BASE_MS as NOW, type ContractContext } from './context.js';

export function countsContract(ctx: ContractContext): void {
  it('adds samples for the same SLO and minute across batches instead of overwriting', async () => {
    const store = ctx.store();
    await store.ingestSamples([{ slo: 'login', samples: [{ minute: M, good: 90, total: 100 }] }], { now: NOW });
    const second = await store.ingestSamples([{ slo: 'login', samples: [{ minute: M, good: 5, total: 10 }] }], { now: NOW });
    expect(second).toEqual({ accepted: 1, duplicate: false });
    expect(await store.readCounts('login', M, M + 1)).toEqual([{ minute: M, good: 95, total: 110 }]);
  });

  it('stores and adds fractional counts exactly, as JavaScript adds doubles', async () => {
    const store = ctx.store();
    const first = { good: 0.1, total: 1 / 3 };
    const second = { good: 0.2, total: 2 ** 53 - 1 };
    await store.ingestSamples([{ slo: 'login', samples: [{ minute: M, ...first }, { minute: M + 1, good: 5e-324, total: 1.7976931348623157e308 }] }], { now: NOW });
    await store.ingestSamples([{ slo: 'login', samples: [{ minute: M, ...second }] }], { now: NOW });
    expect(await store.readCounts('login', M, M + 2)).toEqual([
      { minute: M, good: first.good + second.good, total: first.total + second.total },
      { minute: M + 1, good: 5e-324, total: 1.7976931348623157e308 },
    ]);
  });

  it('sums samples that share a minute within one batch and keeps SLOs apart', async () => {
    const store = ctx.store();
    const result = await store.ingestSamples(
      [
        { slo: 'login', samples: [{ minute: M, good: 1, total: 2 }, { minute: M, good: 3, total: 4 }] },
        { slo: 'search', samples: [{ minute: M, good: 7, total: 7 }] },
        { slo: 'login', samples: [{ minute: M, good: 0.5, total: 0.5 }] },
      ],
      { now: NOW },
    );
    expect(result).toEqual({ accepted: 4, duplicate: false });
    expect(await store.readCounts('login', M, M + 1)).toEqual([{ minute: M, good: 4.5, total: 6.5 }]);
    expect(await store.readCounts('search', M, M + 1)).toEqual([{ minute: M, good: 7, total: 7 }]);
  });

  it('reads counts only inside [from, to) in ascending minute order', async () => {
    const store = ctx.store();
    const samples = [3, 0, 2, 1, 4].map((offset) => ({ minute: M + offset, good: offset, total: 10 }));
    await store.ingestSamples([{ slo: 'login', samples }], { now: NOW });
    const rows = await store.readCounts('login', M + 1, M + 4);
    expect(rows.map((r) => r.minute)).toEqual([M + 1, M + 2, M + 3]);
    expect(rows.map((r) => r.good)).toEqual([1, 2, 3]);
    expect(await store.readCounts('other', M, M + 10)).toEqual([]);
  });

  it('ingests batches larger than one insert statement', async () => {
    const store = ctx.store();
    const samples = Array.from({ length: 2500 }, (_, i) => ({ minute: M + i, good: 1, total: 2 }));
    expect(await store.ingestSamples([{ slo: 'big', samples }], { now: NOW })).toEqual({ accepted: 2500, duplicate: false });
    const rows = await store.readCounts('big', M, M + 2500);
    expect(rows).toHaveLength(2500);
    expect(rows.reduce((sum, r) => sum + r.total, 0)).toBe(5000);
  });

  it('returns duplicate and changes nothing when a batch is retried with the same idempotency key', async () => {
    const store = ctx.store();
    const batch = [{ slo: 'login', samples: [{ minute: M, good: 9, total: 10 }, { minute: M + 1, good: 1, total: 1 }] }];
    expect(await store.ingestSamples(batch, { idempotencyKey: 'client-1:42', now: NOW })).toEqual({ accepted: 2, duplicate: false });
    expect(await store.ingestSamples(batch, { idempotencyKey: 'client-1:42', now: NOW + 1000 })).toEqual({ accepted: 2, duplicate: true });
    expect(await store.ingestSamples(batch, { idempotencyKey: 'client-1:43', now: NOW + 2000 })).toEqual({ accepted: 2, duplicate: false });
    expect(await store.readCounts('login', M, M + 2)).toEqual([
      { minute: M, good: 18, total: 20 },
      { minute: M + 1, good: 2, total: 2 },
    ]);
  });

  it('applies concurrent retries with the same key exactly once', async () => {
    const store = ctx.store();
    const other = await ctx.openAnother();
    const batch = [{ slo: 'login', samples: [{ minute: M, good: 1, total: 1 }] }];
    const results = await Promise.all(
      [store, other, store, other].map((s) => s.ingestSamples(batch, { idempotencyKey: 'race', now: NOW })),
    );
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(await store.readCounts('login', M, M + 1)).toEqual([{ minute: M, good: 1, total: 1 }]);
  });

  it('commits many concurrent calls, applying each idempotency key once and failing only the invalid call', async () => {
    const store = ctx.store();
    const sample = (minute: number) => [{ slo: 'login', samples: [{ minute, good: 1, total: 1 }] }];
    const calls = Array.from({ length: 60 }, (_, i) =>
      store.ingestSamples(sample(M + (i % 3)), { idempotencyKey: `k${i % 30}`, now: NOW }).then(
        (r) => r.duplicate,
        (e: unknown) => e,
      ),
    );
    const invalid = store.ingestSamples([{ slo: 'login', samples: [{ minute: M, good: 2, total: 1 }] }], { now: NOW }).catch((e: unknown) => e);
    const outcomes = await Promise.all(calls);
    expect(await invalid).toBeInstanceOf(InputError);
    expect(outcomes.filter((d) => d === false)).toHaveLength(30);
    expect(outcomes.filter((d) => d === true)).toHaveLength(30);
    const rows = await store.readCounts('login', M, M + 3);
    expect(rows.reduce((sum, r) => sum + r.total, 0)).toBe(30);
    // A call made right after another resolves is not left waiting in the queue.
    await store.ingestSamples(sample(M), { now: NOW }).then(() => store.ingestSamples(sample(M), { now: NOW }));
    expect((await store.readCounts('login', M, M + 1))[0]!.total).toBe(12);
  });

  it('remembers idempotency keys across a reopen', async () => {
    const batch = [{ slo: 'login', samples: [{ minute: M, good: 1, total: 1 }] }];
    await ctx.store().ingestSamples(batch, { idempotencyKey: 'k', now: NOW });
    const reopened = await ctx.reopen();
    expect(await reopened.ingestSamples(batch, { idempotencyKey: 'k', now: NOW + 60_000 })).toEqual({ accepted: 1, duplicate: true });
    expect(await reopened.readCounts('login', M, M + 1)).toEqual([{ minute: M, good: 1, total: 1 }]);
  });

  it('accepts a key again once it expired, and prunes expired keys', async () => {
    const store = ctx.store();
    const batch = [{ slo: 'login', samples: [{ minute: M, good: 1, total: 1 }] }];
    await store.ingestSamples(batch, { idempotencyKey: 'old', now: NOW });
    await store.ingestSamples(batch, { idempotencyKey: 'young', now: NOW + IDEMPOTENCY_KEY_TTL_MS - 1 });
    const later = NOW + IDEMPOTENCY_KEY_TTL_MS;
    expect((await store.ingestSamples(batch, { idempotencyKey: 'young', now: later })).duplicate).toBe(true);
    expect(await store.pruneIdempotencyKeys(later)).toBe(1);
    expect((await store.ingestSamples(batch, { idempotencyKey: 'old', now: later })).duplicate).toBe(false);
    expect(await store.readCounts('login', M, M + 1)).toEqual([{ minute: M, good: 3, total: 3 }]);
  });

  it('stores nothing, not even the idempotency key, when any sample in the batch is invalid', async () => {
    const store = ctx.store();
    const bad = [
      { slo: 'login', samples: [{ minute: M, good: 5, total: 5 }] },
      { slo: 'search', samples: [{ minute: M, good: 1, total: 1 }, { minute: M + 1, good: 3, total: 2 }, { minute: M + 2, good: -1, total: 1 }] },
      { slo: 'pay', samples: [{ minute: M + 0.5, good: 0, total: Number.NaN }] },
    ];
    const error = await store.ingestSamples(bad, { idempotencyKey: 'retry-me', now: NOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problems.map((p) => p.path)).toEqual([
      'batches[1].samples[1].good',
      'batches[1].samples[2].good',
      'batches[2].samples[0].minute',
      'batches[2].samples[0].total',
    ]);
    expect(await store.readCounts('login', M, M + 10)).toEqual([]);
    expect(await store.readCounts('search', M, M + 10)).toEqual([]);
    const fixed = await store.ingestSamples([bad[0]!], { idempotencyKey: 'retry-me', now: NOW });
    expect(fixed).toEqual({ accepted: 1, duplicate: false });
  });

  it('rejects an empty SLO name and an oversized idempotency key', async () => {
    const store = ctx.store();
    await expect(store.ingestSamples([{ slo: '', samples: [] }], { now: NOW })).rejects.toBeInstanceOf(InputError);
    await expect(store.ingestSamples([], { idempotencyKey: 'x'.repeat(300), now: NOW })).rejects.toBeInstanceOf(InputError);
  });

  it('prunes counts before a minute, for every SLO or for one', async () => {
    const store = ctx.store();
    const samples = [0, 1, 2, 3].map((o) => ({ minute: M + o, good: 1, total: 1 }));
    await store.ingestSamples([{ slo: 'a', samples }, { slo: 'b', samples }], { now: NOW });
    expect(await store.pruneCounts(M + 1, { slo: 'a' })).toBe(1);
    expect((await store.readCounts('b', M, M + 4)).map((r) => r.minute)).toEqual([M, M + 1, M + 2, M + 3]);
    expect(await store.pruneCounts(M + 2)).toBe(3);
    expect((await store.readCounts('a', M, M + 4)).map((r) => r.minute)).toEqual([M + 2, M + 3]);
    expect((await store.readCounts('b', M, M + 4)).map((r) => r.minute)).toEqual([M + 2, M + 3]);
  });

  it('reports the latest minute holding data per SLO, or null', async () => {
    const store = ctx.store();
    expect(await store.lastIngestMinute('login')).toBeNull();
    await store.ingestSamples([{ slo: 'login', samples: [{ minute: M + 5, good: 1, total: 1 }, { minute: M + 2, good: 1, total: 1 }] }], { now: NOW });
    await store.ingestSamples([{ slo: 'search', samples: [{ minute: M + 9, good: 1, total: 1 }] }], { now: NOW });
    expect(await store.lastIngestMinute('login')).toBe(M + 5);
    expect(await store.lastIngestMinute('search')).toBe(M + 9);
  });

  it('streams every count since a minute in chunks, ascending by minute', async () => {
    const store = ctx.store();
    const samples = [0, 1, 2, 3].map((o) => ({ minute: M + o, good: o, total: 4 }));
    await store.ingestSamples([{ slo: 'b', samples }, { slo: 'a', samples }, { slo: 'c', samples: samples.slice(0, 1) }], { now: NOW });
    const chunks: SloMinuteCount[][] = [];
    for await (const chunk of store.readAllCountsSince(M + 1, { chunkSize: 2 })) chunks.push(chunk);
    expect(chunks.map((c) => c.length)).toEqual([2, 2, 2]);
    const rows = chunks.flat();
    expect(rows.map((r) => r.minute - M)).toEqual([1, 1, 2, 2, 3, 3]);
    expect(rows.map((r) => `${r.slo}@${r.minute - M}`).sort()).toEqual(['a@1', 'a@2', 'a@3', 'b@1', 'b@2', 'b@3']);
    expect(rows.find((r) => r.slo === 'a' && r.minute === M + 1)).toEqual({ slo: 'a', minute: M + 1, good: 1, total: 4 });
  });

  it('streams every row exactly once when chunks end in the middle of a minute', async () => {
    const store = ctx.store();
    const slos = ['s1', 's2', 's3', 's4', 's5'];
    const samples = [0, 1, 2, 3].map((o) => ({ minute: M + o, good: 1, total: 1 }));
    await store.ingestSamples(slos.map((slo) => ({ slo, samples })), { now: NOW });
    const seen: string[] = [];
    for await (const chunk of store.readAllCountsSince(M, { chunkSize: 3 })) seen.push(...chunk.map((r) => `${r.slo}@${r.minute - M}`));
    expect(seen).toHaveLength(20);
    expect(new Set(seen).size).toBe(20);
  });

  it('streams counts written by another store instance', async () => {
    const other = await ctx.openAnother();
    await ctx.store().readCounts('warm-up', M, M + 1);
    await other.ingestSamples([{ slo: 'written-elsewhere', samples: [{ minute: M, good: 1, total: 2 }] }], { now: NOW });
    const rows: SloMinuteCount[] = [];
    for await (const chunk of ctx.store().readAllCountsSince(M)) rows.push(...chunk);
    expect(rows).toEqual([{ slo: 'written-elsewhere', minute: M, good: 1, total: 2 }]);
  });
}
