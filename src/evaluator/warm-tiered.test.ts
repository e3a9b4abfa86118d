/**
 * Start-up warm-up from a real SQLite store: `warmTiered` (old minutes summed per hour in SQL)
 * must give the evaluator the same sums as reading every minute (`warmAll`).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MinuteCounts } from '../slo/math/minute-counts.js';
import type { Budgeting, Slo } from '../slo/model.js';
import { defaultAlertPolicy } from '../slo/policy.js';
import { openStore } from '../store/index.js';
import type { Store } from '../store/store.js';
import { CountsCache } from './counts-cache.js';
import { TieredCounts } from './tiered-counts.js';

const DAY = 1440;
const NOW_MINUTE = 29_453_760 + 17; // 17 minutes past an hour
const NOW = NOW_MINUTE * 60_000 + 30_000;

function makeSlo(name: string, days: number, budgeting: Budgeting = { method: 'occurrences' }): Slo {
  const window = { type: 'rolling' as const, minutes: days * DAY };
  return { name, service: 'warm', objective: 0.999, window, budgeting, sli: { kind: 'ratio' }, alerting: defaultAlertPolicy(name, window), labels: {}, origin: { file: 'test', line: 0, column: 0, format: 'sloop' } };
}

let store: Store | undefined;
let dir: string | undefined;
afterEach(async () => {
  await store?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  store = undefined;
  dir = undefined;
});

async function storeWith(data: Record<string, { from: number; to: number }>): Promise<Store> {
  dir = await mkdtemp(join(tmpdir(), 'sloop-warm-'));
  store = await openStore({ dataDir: dir, sqliteSynchronous: 'normal' });
  for (const [slo, { from, to }] of Object.entries(data)) {
    const samples = [];
    // Uneven traffic within hours, bursts of errors: hour sums are not just 60 x a minute.
    for (let m = from; m < to; m++) samples.push({ minute: m, good: 100 + (m % 37) - (m % 11 === 0 ? 20 : 0), total: 100 + (m % 37) });
    for (let i = 0; i < samples.length; i += 20_000) await store.ingestSamples([{ slo, samples: samples.slice(i, i + 20_000) }], { now: NOW });
  }
  return store;
}

function windowsOf(slo: Slo, windowMinutes: number): number[] {
  return [...new Set([1, 5, 30, 60, 360, ...slo.alerting.windows.flatMap((w) => [w.shortMinutes, w.longMinutes]), windowMinutes])];
}

describe('warming counts from hourly sums', () => {
  it('gives the same window sums as reading every minute, for every alert window and the budget window', async () => {
    const slos = [makeSlo('checkout', 28), makeSlo('search', 7)];
    const s = await storeWith({ checkout: { from: NOW_MINUTE - 29 * DAY, to: NOW_MINUTE + 1 }, search: { from: NOW_MINUTE - 8 * DAY, to: NOW_MINUTE + 1 } });
    const byMinute = new CountsCache();
    byMinute.reconcile(slos);
    const minuteRows = await byMinute.warmAll(s, Math.min(...slos.map((slo) => NOW_MINUTE - byMinute.get(slo.name)!.capacityMinutes)));
    const byHour = new CountsCache();
    byHour.reconcile(slos);
    const { rows, hourRows } = await byHour.warmTiered(s, slos, NOW);
    // Far fewer rows cross from the database: ~1/60 for the old part.
    expect(rows + hourRows).toBeLessThan(minuteRows / 20);
    expect(hourRows).toBeGreaterThan(0);
    for (const [i, slo] of slos.entries()) {
      const a = byMinute.get(slo.name)!;
      const b = byHour.get(slo.name)!;
      expect(b).toBeInstanceOf(TieredCounts);
      for (const w of windowsOf(slo, [28, 7][i]! * DAY)) {
        const exact = a.sum(NOW_MINUTE + 1 - w, NOW_MINUTE + 1);
        const warmed = b.sum(NOW_MINUTE + 1 - w, NOW_MINUTE + 1);
        expect(warmed.total, `${slo.name} ${w}m total`).toBeCloseTo(exact.total, 6);
        expect(warmed.good, `${slo.name} ${w}m good`).toBeCloseTo(exact.good, 6);
      }
      expect([b.firstMinute, b.lastMinute, b.lastMinuteWithData]).toEqual([a.firstMinute, a.lastMinute, a.lastMinuteWithData]);
    }
  });

  it('sums hours read per hour only correctly when the minute tier of a quiet SLO reaches back over them', async () => {
    const slo = makeSlo('quiet', 7);
    // Traffic stopped about 7 hours ago, apart from one minute: the minute tier then reaches
    // back past the hours that were read per hour only.
    const s = await storeWith({ quiet: { from: NOW_MINUTE - 3 * DAY, to: NOW_MINUTE - 440 } });
    await s.ingestSamples([{ slo: 'quiet', samples: [{ minute: NOW_MINUTE - 430, good: 1, total: 1 }] }], { now: NOW });
    const byMinute = new CountsCache();
    byMinute.reconcile([slo]);
    await byMinute.warmAll(s, NOW_MINUTE - byMinute.get('quiet')!.capacityMinutes);
    const byHour = new CountsCache();
    byHour.reconcile([slo]);
    await byHour.warmTiered(s, [slo], NOW);
    for (const w of [60, 360, 720, DAY, 3 * DAY, 7 * DAY]) {
      // Windows that start on a whole hour are exact whatever the tier.
      const from = Math.floor((NOW_MINUTE + 1 - w) / 60) * 60;
      expect(byHour.get('quiet')!.sum(from, NOW_MINUTE + 1).total, `${w}m`).toBeCloseTo(byMinute.get('quiet')!.sum(from, NOW_MINUTE + 1).total, 6);
    }
  });

  it('reads old minutes exactly for SLOs that need minute counts (timeslice budgets)', async () => {
    const slos = [makeSlo('slices', 7, { method: 'timeslices', sliceMinutes: 5, sliceTarget: 0.95 }), makeSlo('ratio', 7)];
    const s = await storeWith({ slices: { from: NOW_MINUTE - 7 * DAY, to: NOW_MINUTE + 1 }, ratio: { from: NOW_MINUTE - 7 * DAY, to: NOW_MINUTE + 1 } });
    const byHour = new CountsCache();
    byHour.reconcile(slos);
    await byHour.warmTiered(s, slos, NOW);
    const slices = byHour.get('slices')!;
    expect(slices).toBeInstanceOf(MinuteCounts);
    const stored = await s.readCounts('slices', NOW_MINUTE - 7 * DAY, NOW_MINUTE + 1);
    expect(slices.sum(NOW_MINUTE - 7 * DAY, NOW_MINUTE + 1).total).toBe(stored.reduce((n, r) => n + r.total, 0));
    // A 7-minute window in the middle of last week: only minute counts are exact there.
    const mid = NOW_MINUTE - 4 * DAY + 13;
    expect(slices.sum(mid, mid + 7).total).toBe(stored.filter((r) => r.minute >= mid && r.minute < mid + 7).reduce((n, r) => n + r.total, 0));
  });

  it('falls back to reading every minute in exact-counts mode', async () => {
    const slos = [makeSlo('exact', 7)];
    const s = await storeWith({ exact: { from: NOW_MINUTE - 2 * DAY, to: NOW_MINUTE + 1 } });
    const cache = new CountsCache('minute');
    cache.reconcile(slos);
    expect(await cache.warmTiered(s, slos, NOW)).toEqual({ rows: 2 * DAY + 1, hourRows: 0 });
  });
});
