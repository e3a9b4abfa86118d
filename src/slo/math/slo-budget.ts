/**
 * The error budget of one SLO at one moment, for any budgeting method, read from MinuteCounts
 * in O(1). Event-based (Occurrences) budgets grow with traffic: consumed = error ratio /
 * (1 - objective). Timeslices budgets are time-based: (1 - objective) of the period's slices
 * may be bad. RatioTimeslices treat the mean slice ratio like an error ratio.
 */
import type { Budgeting, SloWindow } from '../model.js';
import { errorBudgetMinutes, sliValue } from './budget.js';
import type { MinuteCountsView, WindowCounts } from './minute-counts.js';
import { MS_PER_MINUTE, endMinuteOf, windowBounds, type WindowBounds } from './windows.js';

export interface BudgetStatus {
  method: Budgeting['method'];
  /** Minutes [fromMinute, toMinute) the SLO window covers at this moment. */
  fromMinute: number;
  toMinute: number;
  /** Real length of the budget period (calendar months and DST weeks vary). */
  periodMinutes: number;
  good: number;
  total: number;
  /** Good/total (Occurrences), good slices/slices (Timeslices) or mean slice ratio; null without data. */
  sli: number | null;
  /** Share of the budget spent: 0 untouched, 1 exactly spent, above 1 overspent. */
  consumed: number;
  /** 1 - consumed: negative when overspent. */
  remaining: number;
  /** The period's budget read as time: (1 - objective) x periodMinutes. */
  budgetMinutes: number;
  remainingMinutes: number;
}

export interface BudgetedSlo {
  objective: number;
  window: SloWindow;
  budgeting: Budgeting;
}

/** The minutes an SLO window covers at `nowMs`, given its bounds. */
export function windowMinutes(window: SloWindow, nowMs: number, bounds: WindowBounds): { fromMinute: number; toMinute: number } {
  const toMinute = endMinuteOf(nowMs);
  const fromMinute = window.type === 'rolling' ? toMinute - window.minutes : Math.floor(bounds.periodStartMs / MS_PER_MINUTE);
  return { fromMinute, toMinute };
}

export function budgetStatus(
  slo: BudgetedSlo,
  counts: MinuteCountsView,
  nowMs: number,
  /** Pass cached bounds to skip the time-zone arithmetic of calendar windows. */
  bounds: WindowBounds = windowBounds(slo.window, nowMs),
  scratch: WindowCounts = { good: 0, total: 0 },
  /** Written and returned instead of a new object (the replay reuses one per SLO). */
  out?: BudgetStatus,
): BudgetStatus {
  // Inlined windowMinutes(): this runs once per evaluation and must not allocate.
  const toMinute = endMinuteOf(nowMs);
  const fromMinute = slo.window.type === 'rolling' ? toMinute - slo.window.minutes : Math.floor(bounds.periodStartMs / MS_PER_MINUTE);
  const { good, total } = counts.sumInto(fromMinute, toMinute, scratch);
  const allowed = 1 - slo.objective;
  let sli: number | null;
  let consumed: number;
  const b = slo.budgeting;
  if (b.method === 'occurrences') {
    sli = sliValue(good, total);
    consumed = total > 0 ? (total - good) / total / allowed : 0;
  } else {
    const tally = counts.slices(fromMinute, toMinute, b.sliceMinutes, b.method === 'timeslices' ? b.sliceTarget : 1);
    if (b.method === 'timeslices') {
      sli = tally.slices > 0 ? (tally.slices - tally.badSlices) / tally.slices : null;
      const allowedBadSlices = (allowed * bounds.periodMinutes) / b.sliceMinutes;
      consumed = tally.badSlices / allowedBadSlices;
    } else {
      sli = tally.slicesWithData > 0 ? tally.ratioSum / tally.slicesWithData : null;
      consumed = sli === null ? 0 : (1 - sli) / allowed;
    }
  }
  const budgetMinutes = errorBudgetMinutes(slo.objective, bounds.periodMinutes);
  const result = out ?? ({} as BudgetStatus);
  result.method = b.method;
  result.fromMinute = fromMinute;
  result.toMinute = toMinute;
  result.periodMinutes = bounds.periodMinutes;
  result.good = good;
  result.total = total;
  result.sli = sli;
  result.consumed = consumed;
  result.remaining = 1 - consumed;
  result.budgetMinutes = budgetMinutes;
  result.remainingMinutes = (1 - consumed) * budgetMinutes;
  return result;
}
