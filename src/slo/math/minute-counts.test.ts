import { describe, expect, it } from 'vitest';
import { MinuteCounts } from './minute-counts.js';

/** Deterministic pseudo-random numbers so failures reproduce. */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function naive(rows: Map<number, [number, number]>, from: number, to: number): { good: number; total: number } {
  let good = 0;
  let total = 0;
  for (const [m, [g, t]] of rows) if (m >= from && m < to) ((good += g), (total += t));
  return { good, total };
}

describe('MinuteCounts', () => {
  it('sums any window from running sums, matching a naive rescan', () => {
    const rand = lcg(7);
    const counts = new MinuteCounts(500);
    const rows = new Map<number, [number, number]>();
    const start = 29_000_000;
    for (let m = start; m < start + 400; m++) {
      if (rand() < 0.2) continue; // gaps
      const total = Math.floor(rand() * 100);
      const good = total - Math.floor(rand() * (total + 1) * 0.1);
      counts.add(m, good, total);
      rows.set(m, [good, total]);
    }
    for (let i = 0; i < 200; i++) {
      const a = start - 10 + Math.floor(rand() * 420);
      const b = a + Math.floor(rand() * 200);
      expect(counts.sum(a, b)).toEqual(naive(rows, a, b));
    }
  });

  it('adds late data to a past minute and to a minute before the first one', () => {
    const counts = new MinuteCounts(100);
    counts.add(1000, 9, 10);
    counts.add(1002, 5, 10);
    counts.add(1001, 1, 2);
    counts.add(1001, 1, 1);
    counts.add(998, 3, 3);
    expect(counts.sum(1001, 1002)).toEqual({ good: 2, total: 3 });
    expect(counts.sum(0, 2000)).toEqual({ good: 19, total: 26 });
    expect(counts.sum(999, 1001)).toEqual({ good: 9, total: 10 });
    expect(counts.firstMinute).toBe(998);
    expect(counts.lastMinute).toBe(1002);
  });

  it('keeps only its capacity: older minutes are evicted and late writes there are refused', () => {
    const counts = new MinuteCounts(60);
    for (let m = 0; m < 200; m++) counts.add(m, 1, 1);
    expect(counts.sum(0, 200)).toEqual({ good: 59, total: 59 });
    expect(counts.sum(150, 200)).toEqual({ good: 50, total: 50 });
    expect(counts.add(100, 1, 1)).toBe(false);
    expect(counts.add(150, 1, 1)).toBe(true);
    expect(counts.sum(150, 151)).toEqual({ good: 2, total: 2 });
  });

  it('carries running sums across a long gap without data', () => {
    const counts = new MinuteCounts(100);
    counts.add(10, 1, 1);
    counts.add(10_000, 2, 4);
    expect(counts.sum(9_950, 10_001)).toEqual({ good: 2, total: 4 });
    expect(counts.sum(9_950, 10_000)).toEqual({ good: 0, total: 0 });
    expect(counts.lastMinuteWithData).toBe(10_000);
  });

  it('tracks the newest minute with events, ignoring empty minutes', () => {
    const counts = new MinuteCounts(100);
    expect(counts.lastMinuteWithData).toBeNull();
    counts.add(5, 1, 1);
    counts.add(6, 0, 0);
    expect(counts.lastMinuteWithData).toBe(5);
    expect(counts.lastMinute).toBe(6);
  });

  it('builds the replay structure from whole series in place', () => {
    const good = Float64Array.from([1, 2, 0, 4]);
    const total = Float64Array.from([1, 3, 0, 5]);
    const counts = MinuteCounts.fromSeries(1_000_003, good, total);
    expect(counts.sum(1_000_004, 1_000_006)).toEqual({ good: 2, total: 3 });
    expect(counts.sum(0, 2_000_000)).toEqual({ good: 7, total: 9 });
    expect(counts.lastMinuteWithData).toBe(1_000_006);
    expect(counts.firstMinute).toBe(1_000_003);
  });

  // That a 90-day sum costs the same as a 5-minute one is measured in bench/window-cost.ts,
  // not here: timing goals live in bench/, never in a timed unit test.
});
