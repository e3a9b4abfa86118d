import { describe, expect, it } from 'vitest';
import {
  budgetConsumed,
  budgetRemaining,
  burnRate,
  errorBudgetEvents,
  errorBudgetFraction,
  errorBudgetMinutes,
  minutesToExhaustion,
  sliValue,
} from './budget.js';

const DAY = 24 * 60;

describe('error budget math', () => {
  it('allows 43.2 minutes for 99.9% over 30 days (SRE workbook)', () => {
    expect(errorBudgetMinutes(0.999, 30 * DAY)).toBeCloseTo(43.2, 9);
  });

  it('allows 40.32 minutes for 99.9% over 28 days', () => {
    expect(errorBudgetMinutes(0.999, 28 * DAY)).toBeCloseTo(40.32, 9);
  });

  it('expresses the budget as a fraction and as events', () => {
    expect(errorBudgetFraction(0.995)).toBeCloseTo(0.005, 12);
    expect(errorBudgetEvents(0.999, 1_000_000)).toBeCloseTo(1000, 6);
  });

  it('computes the SLI and leaves it undefined without traffic', () => {
    expect(sliValue(999, 1000)).toBeCloseTo(0.999, 12);
    expect(sliValue(0, 0)).toBeNull();
  });

  it('finds a burn rate of 14.4 when 2% of a 30-day budget goes in one hour', () => {
    // 2% of the budget in 1 h: the hour's error ratio is 0.02 x (30 x 24) x 0.001.
    const errorRatio = 0.02 * 30 * 24 * 0.001;
    const total = 1_000_000;
    const good = total - errorRatio * total;
    expect(burnRate(0.999, good, total)).toBeCloseTo(14.4, 6);
  });

  it('reports consumed and remaining budget, negative when overspent', () => {
    expect(budgetConsumed(0.99, 995, 1000)).toBeCloseTo(0.5, 9);
    expect(budgetRemaining(0.99, 995, 1000)).toBeCloseTo(0.5, 9);
    expect(budgetRemaining(0.99, 970, 1000)).toBeCloseTo(-2, 9);
    expect(budgetRemaining(0.99, 1000, 1000)).toBe(1);
    expect(budgetRemaining(0.99, 0, 0)).toBe(1);
  });

  it('projects time to exhaustion at the current burn rate', () => {
    // Half a 30-day budget left, burning at 14.4: 0.5 x 43200 / 14.4 = 1500 minutes.
    expect(minutesToExhaustion(0.5, 14.4, 30 * DAY)).toBeCloseTo(1500, 9);
    expect(minutesToExhaustion(0.5, 1, 30 * DAY)).toBeCloseTo(15 * DAY, 9);
  });

  it('projects "never" (null) when nothing burns or the budget is already gone', () => {
    expect(minutesToExhaustion(0.5, 0, 30 * DAY)).toBeNull();
    expect(minutesToExhaustion(0, 3, 30 * DAY)).toBeNull();
    expect(minutesToExhaustion(-0.2, 3, 30 * DAY)).toBeNull();
  });
});
