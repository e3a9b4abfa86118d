/**
 * Error-budget arithmetic over good/total counts. Objectives are fractions (0.999), periods
 * whole minutes. Everything here is a pure function of numbers so both the backtest and the
 * live server use exactly the same formulas.
 */

export const MINUTES_PER_DAY = 24 * 60;

/** good/total, or null when there were no events (an SLI is undefined without traffic). */
export function sliValue(good: number, total: number): number | null {
  return total > 0 ? good / total : null;
}

/** The share of events allowed to fail: 1 - objective (99.9% -> 0.001). */
export function errorBudgetFraction(objective: number): number {
  return 1 - objective;
}

/** How many of `totalEvents` may fail without breaking the objective. */
export function errorBudgetEvents(objective: number, totalEvents: number): number {
  return (1 - objective) * totalEvents;
}

/** Time-based reading of the budget: 99.9% over 28 days (40320 min) allows 40.32 minutes. */
export function errorBudgetMinutes(objective: number, periodMinutes: number): number {
  return (1 - objective) * periodMinutes;
}

/**
 * Burn rate = observed error ratio / allowed error ratio. 1 spends the budget exactly over the
 * period; 14.4 spends a 30-day budget in 50 hours. 0 when there were no events.
 */
export function burnRate(objective: number, good: number, total: number): number {
  if (total <= 0) return 0;
  return (total - good) / total / (1 - objective);
}

/**
 * Share of the budget consumed by `bad` failures out of `total` events (event-based budget:
 * the allowance grows with traffic). Above 1 when overspent; 0 without events.
 */
export function budgetConsumed(objective: number, good: number, total: number): number {
  return burnRate(objective, good, total);
}

/** 1 - consumed: 1 untouched, 0 exactly spent, negative when overspent. */
export function budgetRemaining(objective: number, good: number, total: number): number {
  return 1 - budgetConsumed(objective, good, total);
}

/**
 * Minutes until the remaining budget is gone if the current burn rate holds. At burn rate b
 * the budget of a `periodMinutes` period drains by b/periodMinutes per minute.
 * Returns null ("never") when nothing is burning (b <= 0) and also when the budget is already
 * gone (remaining <= 0): there is nothing left to project, and "exhausted" is reported instead.
 */
export function minutesToExhaustion(remaining: number, currentBurnRate: number, periodMinutes: number): number | null {
  if (currentBurnRate <= 0 || remaining <= 0) return null;
  return (remaining * periodMinutes) / currentBurnRate;
}
