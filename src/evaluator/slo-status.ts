/**
 * Pure read-side computations for one SLO at `now`: budget, burn rates per alert window, a
 * budget burndown series for charts and the projected recovery of an exhausted budget.
 * Only the SLO engine's formulas (src/slo/math) are used, over a MinuteCountsView.
 */
import { burnRate, budgetRemaining, errorBudgetMinutes, sliValue } from '../slo/math/budget.js';
import type { MinuteCountsView } from '../slo/math/minute-counts.js';
import { endMinuteOf, minuteOf, windowBounds } from '../slo/math/windows.js';
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

/** 5 -> 5m, 60 -> 1h, 1440 -> 1d (labels used in burn-rate records and the API). */
export function windowLabel(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440}d`;
  if (minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}

export function sloWindowMinutes(slo: Slo, now: number): { fromMinute: number; toMinute: number; periodMinutes: number; periodEndMs: number } {
  const bounds = windowBounds(slo.window, now);
  return {
    fromMinute: minuteOf(bounds.startMs),
    toMinute: endMinuteOf(now),
    periodMinutes: bounds.periodMinutes,
    periodEndMs: bounds.periodEndMs,
  };
}

export function computeBudget(slo: Slo, counts: MinuteCountsView, now: number): BudgetView {
  const { fromMinute, toMinute, periodMinutes } = sloWindowMinutes(slo, now);
  const { good, total } = counts.sum(fromMinute, toMinute);
  const remainingFraction = budgetRemaining(slo.objective, good, total);
  const totalMinutes = errorBudgetMinutes(slo.objective, periodMinutes);
  return { remainingFraction, remainingMinutes: remainingFraction * totalMinutes, totalMinutes, good, total, sli: sliValue(good, total) };
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
 * last point equals the budget remaining now.
 */
export function budgetSeries(slo: Slo, counts: MinuteCountsView, now: number, points: number): Array<{ at: number; remainingFraction: number }> {
  const { fromMinute, toMinute } = sloWindowMinutes(slo, now);
  const whole = counts.sum(fromMinute, toMinute);
  const allowedBad = (1 - slo.objective) * whole.total;
  const out: Array<{ at: number; remainingFraction: number }> = [];
  const span = toMinute - fromMinute;
  for (let i = 0; i < points; i++) {
    const minute = fromMinute + Math.round((span * (i + 1)) / points);
    const part = counts.sum(fromMinute, minute);
    const bad = part.total - part.good;
    out.push({ at: minute * 60_000, remainingFraction: allowedBad > 0 ? 1 - bad / allowedBad : whole.total > 0 ? (bad > 0 ? -Infinity : 1) : 1 });
  }
  return out.map((p) => ({ ...p, remainingFraction: Number.isFinite(p.remainingFraction) ? p.remainingFraction : -1 }));
}

/**
 * When an exhausted budget is expected back, assuming no new traffic: for a rolling window,
 * the first minute at which enough old minutes have rolled out that budget remains; for a
 * calendar window, the start of the next period. Null when budget remains now or no recovery
 * is found within one window.
 */
export function projectedRecovery(slo: Slo, counts: MinuteCountsView, now: number): number | null {
  const current = computeBudget(slo, counts, now);
  if (current.remainingFraction > 0) return null;
  if (slo.window.type === 'calendar') return sloWindowMinutes(slo, now).periodEndMs;
  const windowMinutes = slo.window.minutes;
  const to = endMinuteOf(now);
  for (let k = 1; k <= windowMinutes; k++) {
    // At time now + k minutes the window starts k minutes later and adds only empty minutes.
    const { good, total } = counts.sum(to - windowMinutes + k, to);
    if (total === 0 || budgetRemaining(slo.objective, good, total) > 0) return (to + k) * 60_000;
  }
  return null;
}
