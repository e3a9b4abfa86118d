import { expect, it } from 'vitest';
import type { SloHourCount, Store } from '../store.js';
import { BASE_MINUTE as M, BASE_MS as NOW, type ContractContext } from './context.js';

async function readAll(store: Store, from: number, to: number, chunkSize?: number): Promise<SloHourCount[]> {
  const rows: SloHourCount[] = [];
  for await (const chunk of store.readHourlyCounts(from, to, { chunkSize })) {
    expect(chunk.length).toBeGreaterThan(0);
    if (chunkSize !== undefined) expect(chunk.length).toBeLessThanOrEqual(chunkSize);
    rows.push(...chunk);
  }
  return rows;
}

export function hourlyCountsContract(ctx: ContractContext): void {
  it('sums minutes per SLO and hour so that the hourly sums equal the minute data', async () => {
    const store = ctx.store();
    const H = M / 60; // BASE_MINUTE is a whole hour
    // Three days of irregular minutes for three SLOs, some minutes missing, fractional counts.
    const slos = ['login', 'search', 'checkout'];
    for (const [s, slo] of slos.entries()) {
      const samples = [];
      for (let m = 0; m < 3 * 24 * 60; m++) {
        if ((m * (s + 3)) % 7 === 0) continue;
        const total = ((m * 31 + s * 17) % 97) + 0.5;
        samples.push({ minute: M + m, good: Math.max(0, total - ((m + s) % 3)), total });
      }
      await store.ingestSamples([{ slo, samples }], { now: NOW });
    }
    const from = M + 45; // mid-hour: the first hour holds only minutes 45..59
    const to = M + 2 * 24 * 60 + 10; // mid-hour at the end too
    const hourly = await readAll(store, from, to, 50);
    for (const slo of slos) {
      const minutes = await store.readCounts(slo, from, to);
      const byHour = new Map<number, { good: number; total: number; first: number; last: number }>();
      for (const r of minutes) {
        const h = Math.floor(r.minute / 60);
        const e = byHour.get(h) ?? { good: 0, total: 0, first: r.minute, last: r.minute };
        e.good += r.good;
        e.total += r.total;
        e.last = r.minute;
        byHour.set(h, e);
      }
      const mine = hourly.filter((r) => r.slo === slo);
      expect(mine.map((r) => r.hour)).toEqual([...byHour.keys()]);
      for (const r of mine) {
        const e = byHour.get(r.hour)!;
        expect(r.good).toBeCloseTo(e.good, 9);
        expect(r.total).toBeCloseTo(e.total, 9);
        expect([r.firstMinute, r.lastMinute]).toEqual([e.first, e.last]);
      }
      expect(mine[0]!.hour).toBe(H);
      expect(mine[0]!.firstMinute).toBeGreaterThanOrEqual(from);
    }
  });

  it('returns nothing for an empty range or one without data', async () => {
    const store = ctx.store();
    await store.ingestSamples([{ slo: 'login', samples: [{ minute: M, good: 1, total: 1 }] }], { now: NOW });
    expect(await readAll(store, M + 1, M + 1000)).toEqual([]);
    expect(await readAll(store, M, M)).toEqual([]);
    expect(await readAll(store, M, M + 1)).toEqual([{ slo: 'login', hour: M / 60, firstMinute: M, lastMinute: M, good: 1, total: 1 }]);
  });
}
