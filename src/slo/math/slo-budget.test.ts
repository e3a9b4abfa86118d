import { describe, expect, it } from 'vitest';
import { MinuteCounts } from './minute-counts.js';
import { budgetStatus } from './slo-budget.js';

const DAY = 1440;
const rolling28 = { type: 'rolling', minutes: 28 * DAY } as const;
const start = Date.parse('2026-03-01T00:00:00Z') / 60_000;

describe('budgetStatus', () => {
  it('spends event budget in proportion to the error ratio', () => {
    const counts = new MinuteCounts(30 * DAY);
    for (let m = 0; m < DAY; m++) counts.add(start + m, m < 10 ? 900 : 1000, 1000);
    // 10 minutes x 100 failures out of 1,440,000 events against a 0.1% allowance.
    const s = budgetStatus({ objective: 0.999, window: rolling28, budgeting: { method: 'occurrences' } }, counts, (start + DAY) * 60_000);
    expect(s.total).toBe(1_440_000);
    expect(s.consumed).toBeCloseTo(1000 / 1440, 9);
    expect(s.remaining).toBeCloseTo(1 - 1000 / 1440, 9);
    expect(s.budgetMinutes).toBeCloseTo(40.32, 9);
    expect(s.remainingMinutes).toBeCloseTo((1 - 1000 / 1440) * 40.32, 9);
    expect(s.sli).toBeCloseTo(1 - 1000 / 1_440_000, 12);
  });

  it('goes negative when overspent', () => {
    const counts = new MinuteCounts(30 * DAY);
    counts.add(start, 0, 1000);
    counts.add(start + 1, 1000, 1000);
    const s = budgetStatus({ objective: 0.99, window: rolling28, budgeting: { method: 'occurrences' } }, counts, (start + 2) * 60_000);
    expect(s.remaining).toBeCloseTo(1 - 50, 9);
  });

  it('counts bad minutes against a time budget for 1-minute Timeslices (40.32 bad minutes allowed)', () => {
    const counts = new MinuteCounts(30 * DAY);
    for (let m = 0; m < DAY; m++) counts.add(start + m, m < 20 ? 50 : 100, 100);
    const s = budgetStatus(
      { objective: 0.999, window: rolling28, budgeting: { method: 'timeslices', sliceMinutes: 1, sliceTarget: 0.95 } },
      counts,
      (start + DAY) * 60_000,
    );
    expect(s.consumed).toBeCloseTo(20 / 40.32, 9);
    expect(s.sli).toBeCloseTo(1 - 20 / (28 * DAY), 12);
  });

  it('averages slice ratios for RatioTimeslices', () => {
    const counts = new MinuteCounts(30 * DAY);
    counts.add(start, 1, 2); // slice ratio 0.5
    counts.add(start + 5, 1000, 1000); // slice ratio 1
    const s = budgetStatus(
      { objective: 0.9, window: rolling28, budgeting: { method: 'ratioTimeslices', sliceMinutes: 5 } },
      counts,
      (start + 10) * 60_000,
    );
    expect(s.sli).toBeCloseTo(0.75, 12);
    expect(s.consumed).toBeCloseTo(2.5, 9);
  });

  it('resets a calendar month at local midnight in the SLO time zone', () => {
    const counts = new MinuteCounts(40 * DAY);
    const tz = { type: 'calendar', unit: 'month', timeZone: 'Europe/Berlin' } as const;
    const marchStartLocal = Date.parse('2026-02-28T23:00:00Z') / 60_000;
    counts.add(marchStartLocal - 1, 0, 100); // last minute of February in Berlin: a full outage
    counts.add(marchStartLocal, 100, 100);
    const slo = { objective: 0.99, window: tz, budgeting: { method: 'occurrences' } } as const;
    expect(budgetStatus(slo, counts, marchStartLocal * 60_000 - 1).remaining).toBeLessThan(0);
    expect(budgetStatus(slo, counts, (marchStartLocal + 1) * 60_000).remaining).toBe(1);
  });
});
