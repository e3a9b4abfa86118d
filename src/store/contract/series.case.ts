import { expect, it } from 'vitest';
import { InputError } from '../../errors/index.js';
import type { SeriesIngest, SeriesPoint, SloMinuteCount, Store } from '../store.js';
import { BASE_MINUTE as M, BASE_MS as NOW, type ContractContext } from './context.js';

/**
 * A minimal counter rule for the contract (the real one is src/sources/prometheus/remote-write):
 * each series carries [at, value] points; the increase over the persisted last point is
 * counted as good and total in the minute of the later point.
 */
function counterIngest(slo: string, series: Record<string, Array<[number, number]>>): SeriesIngest {
  return {
    seriesIds: Object.keys(series),
    compute(previous) {
      const counts: SloMinuteCount[] = [];
      const next = new Map<string, SeriesPoint>();
      for (const [id, points] of Object.entries(series)) {
        let last = previous.get(id);
        for (const [at, value] of points) {
          if (last && at <= last.at) continue;
          if (last) counts.push({ slo, minute: Math.floor(at / 60_000), good: value - last.value, total: value - last.value });
          last = { at, value };
          next.set(id, last);
        }
      }
      return { counts, next };
    },
  };
}

const totalOf = async (store: Store, slo: string) => (await store.readCounts(slo, M - 10, M + 10_000)).reduce((n, r) => n + r.total, 0);

export function seriesContract(ctx: ContractContext): void {
  it('counts increases against the persisted last point, across store instances, and skips points already counted', async () => {
    const a = ctx.store();
    const b = await ctx.openAnother();
    const at = (minute: number) => NOW + minute * 60_000;
    // The first point is a baseline; the next batch goes to the other instance.
    expect((await a.ingestSeries(counterIngest('api', { s1: [[at(0), 100]] }), { now: NOW })).applied).toEqual([]);
    const second = await b.ingestSeries(counterIngest('api', { s1: [[at(1), 130]] }), { now: NOW });
    expect(second.applied).toEqual([{ slo: 'api', samples: [{ minute: M + 1, good: 30, total: 30 }] }]);
    // A retried batch (already counted) changes nothing, on either instance.
    await a.ingestSeries(counterIngest('api', { s1: [[at(1), 130]] }), { now: NOW });
    await a.ingestSeries(counterIngest('api', { s1: [[at(2), 150]] }), { now: NOW });
    await b.ingestSeries(counterIngest('api', { s1: [[at(2), 150]] }), { now: NOW });
    expect(await a.readCounts('api', M, M + 5)).toEqual([
      { minute: M + 1, good: 30, total: 30 },
      { minute: M + 2, good: 20, total: 20 },
    ]);
  });

  it('serialises concurrent batches for the same series so each interval is counted once', async () => {
    const a = ctx.store();
    const b = await ctx.openAnother();
    const at = (i: number) => NOW + i * 15_000;
    await a.ingestSeries(counterIngest('api', { s1: [[at(0), 0]], s2: [[at(0), 0]] }), { now: NOW });
    // 40 batches race on two instances; each carries points 1..i, so they overlap heavily.
    const calls = Array.from({ length: 40 }, (_, i) => {
      const points = Array.from({ length: i + 1 }, (_, k): [number, number] => [at(k + 1), (k + 1) * 10]);
      return (i % 2 === 0 ? a : b).ingestSeries(counterIngest('api', { s1: points, s2: points }), { now: NOW });
    });
    await Promise.all(calls);
    expect(await totalOf(a, 'api')).toBe(2 * 400);
  });

  it('keeps calls in one commit group apart: a failing compute fails alone and leaves its series untouched', async () => {
    const store = ctx.store();
    await store.ingestSeries(counterIngest('api', { s1: [[NOW, 5]] }), { now: NOW });
    const bad: SeriesIngest = { seriesIds: ['s1'], compute: () => ({ counts: [{ slo: 'api', minute: M, good: 2, total: 1 }], next: new Map([['s1', { at: NOW + 60_000, value: 99 }]]) }) };
    const [failed, ok] = await Promise.allSettled([
      store.ingestSeries(bad, { now: NOW }),
      store.ingestSeries(counterIngest('api', { s1: [[NOW + 60_000, 8]] }), { now: NOW }),
    ]);
    expect(failed.status === 'rejected' && failed.reason).toBeInstanceOf(InputError);
    expect(ok.status).toBe('fulfilled');
    expect(await totalOf(store, 'api')).toBe(3);
  });

  it('stores last points exactly: a later batch sees the very doubles and times an earlier one wrote', async () => {
    const store = ctx.store();
    const values = [0.1, 1 / 3, 2 ** 53 - 1, 2 ** 53 + 2, 2 ** 63, 2 ** 64 + 4096, 1e21, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 123456.789e-200, 7];
    const ids = values.map((_, i) => `v${i}`);
    const at = NOW + 123;
    const write: SeriesIngest = { seriesIds: ids, compute: () => ({ counts: [], next: new Map(ids.map((id, i) => [id, { at, value: values[i]! }])) }) };
    await store.ingestSeries(write, { now: NOW });
    let seen: ReadonlyMap<string, SeriesPoint> | undefined;
    await store.ingestSeries({ seriesIds: ids, compute: (previous) => ((seen = new Map(previous)), { counts: [], next: new Map() }) }, { now: NOW });
    expect(ids.map((id) => seen!.get(id))).toEqual(values.map((value) => ({ at, value })));
  });

  it('rejects empty series ids before touching the database', async () => {
    await expect(ctx.store().ingestSeries(counterIngest('api', { '': [[NOW, 1]] }), { now: NOW })).rejects.toBeInstanceOf(InputError);
  });

  it('prunes series state older than the cut-off, after which the next point is a baseline again', async () => {
    const store = ctx.store();
    await store.ingestSeries(counterIngest('api', { old: [[NOW, 1]], fresh: [[NOW + 3_600_000, 1]] }), { now: NOW });
    expect(await store.pruneSeriesState(NOW + 1)).toBe(1);
    await store.ingestSeries(counterIngest('api', { old: [[NOW + 7_200_000, 50]], fresh: [[NOW + 7_200_000, 4]] }), { now: NOW });
    expect(await totalOf(store, 'api')).toBe(0 + 3);
  });
}
