import { describe, expect, it } from 'vitest';
import { MinuteCounts } from '../slo/math/minute-counts.js';
import { TieredCounts } from './tiered-counts.js';

const DAY = 1440;
const CAPACITY = 28 * DAY + 60;

function filled(badAt: (m: number) => number, totalAt: (m: number) => number, minutes: number, end: number) {
  const exact = new MinuteCounts(CAPACITY);
  const tiered = new TieredCounts(CAPACITY, 420);
  for (let m = end - minutes; m < end; m++) {
    const total = totalAt(m);
    exact.add(m, total - badAt(m), total);
    tiered.add(m, total - badAt(m), total);
  }
  return { exact, tiered };
}

const END = 29_000_000; // an epoch minute in 2025

describe('TieredCounts', () => {
  it('is exact for windows inside the recent minute tier', () => {
    const { exact, tiered } = filled((m) => (m % 7 === 0 ? 3 : 0), (m) => 100 + (m % 13), 28 * DAY, END);
    for (const w of [1, 5, 30, 60, 120, 360]) expect(tiered.sum(END - w, END), `${w}m`).toEqual(exact.sum(END - w, END));
  });

  it('is exact for long windows when traffic within the edge hour is even', () => {
    const { exact, tiered } = filled((m) => (Math.floor(m / 60) % 5 === 0 ? 2 : 0), () => 100, 28 * DAY, END);
    for (const w of [DAY, 3 * DAY, 28 * DAY]) {
      const e = exact.sum(END - w, END);
      const t = tiered.sum(END - w, END);
      expect(t.total).toBeCloseTo(e.total, 6);
      expect(t.good).toBeCloseTo(e.good, 6);
    }
  });

  it('errs by at most the edge hour for long windows with uneven traffic', () => {
    const { exact, tiered } = filled((m) => (m % 61 === 0 ? 50 : 0), (m) => 50 + ((m * 37) % 100), 28 * DAY, END);
    for (const w of [DAY + 17, 3 * DAY + 41, 28 * DAY]) {
      const e = exact.sum(END - w, END);
      const t = tiered.sum(END - w, END);
      expect(Math.abs(t.total - e.total)).toBeLessThan(150 * 60);
      expect(Math.abs(t.total - e.total - (t.good - e.good))).toBeLessThan(51);
    }
  });

  it('takes late minutes and absolute corrections like MinuteCounts', () => {
    const { exact, tiered } = filled(() => 1, () => 10, 3 * DAY, END);
    exact.add(END - 2 * DAY, 5, 5);
    tiered.add(END - 2 * DAY, 5, 5);
    exact.add(END - 10, -1, -1);
    tiered.add(END - 10, -1, -1);
    expect(tiered.sum(END - 3 * DAY, END)).toEqual(exact.sum(END - 3 * DAY, END));
    expect(tiered.sum(END - 60, END)).toEqual(exact.sum(END - 60, END));
    expect(tiered.lastMinuteWithData).toBe(exact.lastMinuteWithData);
    expect(tiered.firstMinute).toBe(exact.firstMinute);
  });

  it('uses a small fraction of the memory of minute counts for 28 days', () => {
    const tiered = new TieredCounts(CAPACITY, 420);
    const bytes = (tiered as unknown as { recent: MinuteCounts; hours: MinuteCounts }).recent.capacityMinutes * 16 + (tiered as unknown as { hours: MinuteCounts }).hours.capacityMinutes * 16;
    expect(bytes).toBeLessThan(20_000);
    expect(new MinuteCounts(CAPACITY).capacityMinutes * 16).toBeGreaterThan(600_000);
  });
});
