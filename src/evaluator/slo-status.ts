/**
 * Pure read-side computations for one SLO at `now`: budget (the engine's budgetStatus, so
 * every budgeting method counts the same as in alerting), burn rates per alert window, a
 * budget burndown series for charts and the projected recovery of an exhausted budget.
 */
import { formatWindow } from '../alerting/evaluate/index.js';
import { burnRate } from '../slo/math/budget.js';
import type { MinuteCountsView } from '../slo/math/minute-counts.js';
import { budgetStatus } from '../slo/math/slo-budget.js';
import { endMinuteOf, windowBounds } from '../slo/math/windows.js';
import type { Slo } from '../slo/model.js';

export interface BudgetView {
  remainingFraction: number;
  remainingMinutes: number;
  totalMinutes: number;
  good: number;
  total: number;
  sli: number | null;
}

export interface BurnRateView {
  window: string;
  minutes: number;
  burnRate: number;
  total: number;
}

export const windowLabel = formatWindow;

export function computeBudget(slo: Slo, counts: MinuteCountsView, now: number): BudgetView {
  const b = budgetStatus(slo, counts, now);
  return { remainingFraction: b.remaining, remainingMinutes: b.remainingMinutes, totalMinutes: b.budgetMinutes, good: b.good, total: b.total, sli: b.sli };
}

/** Burn rate over each distinct window of the SLO's alert policy (long and short). */
export function computeBurnRates(slo: Slo, counts: MinuteCountsView, now: number): BurnRateView[] {
  const minutes = new Set<number>();
  for (const w of slo.alerting.windows) {
    minutes.add(w.shortMinutes);
    minutes.add(w.longMinutes);
  }
  const to = endMinuteOf(now);
  return [...minutes]
    .sort((a, b) => a - b)
    .map((m) => {
      const { good, total } = counts.sum(to - m, to);
      return { window: windowLabel(m), minutes: m, burnRate: burnRate(slo.objective, good, total), total };
    });
}

/**
 * Budget burndown over the current window: at each point, the share of the window's budget
 * (allowed failures of all its events) not yet spent by failures since the window start. The
 * last point equals the event-based budget remaining now.
 */
export function budgetSeries(slo: Slo, counts: MinuteCountsView, now: number, points: number): Array<{ at: number; remainingFraction: number }> {
  const { fromMinute, toMinute } = budgetStatus(slo, counts, now);
  const whole = counts.sum(fromMinute, toMinute);
  const allowedBad = (1 - slo.objective) * whole.total;
  const span = toMinute - fromMinute;
  const out: Array<{ at: number; remainingFraction: number }> = [];
  for (let i = 0; i < points; i++) {
    const minute = fromMinute + Math.round((span * (i + 1)) / points);
    const part = counts.sum(fromMinute, minute);
    const bad = part.total - part.good;
    out.push({ at: minute * 60_000, remainingFraction: allowedBad > 0 ? 1 - bad / allowedBad : 1 });
  }
  return out;
}

/**
 * When an exhausted budget is expected back, assuming no new traffic: for a rolling window,
 * the first minute at which enough old minutes have rolled out of the window for budget to
 * remain; for a calendar window, the start of the next period. Null while budget remains, or
 * when no recovery is found within one window.
 */
export function projectedRecovery(slo: Slo, counts: MinuteCountsView, now: number): number | null {
  const current = budgetStatus(slo, counts, now);
  if (current.total === 0 || current.remaining > 0) return null;
  if (slo.window.type === 'calendar') return windowBounds(slo.window, now).periodEndMs;
  const windowMinutes = slo.window.minutes;
  const to = endMinuteOf(now);
  for (let k = 1; k <= windowMinutes; k++) {
    // k minutes from now the window starts k minutes later and has gained only empty minutes.
    const { good, total } = counts.sum(to - windowMinutes + k, to);
    if (total === 0 || burnRate(slo.objective, good, total) < 1) return (to + k) * 60_000;
  }
  return null;
}
