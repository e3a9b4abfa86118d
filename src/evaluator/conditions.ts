/**
 * Which alert conditions hold for one SLO at `now` (multi-window multi-burn-rate per the SLO's
 * policy, no data, budget exhausted), and the transitions that move the stored state there.
 * Pure: the evaluator feeds it counts and the current states and persists what it returns.
 */
import { burnRate } from '../slo/math/budget.js';
import type { MinuteCountsView } from '../slo/math/minute-counts.js';
import { endMinuteOf } from '../slo/math/windows.js';
import type { AlertKind, Slo } from '../slo/model.js';
import type { AlertState, AlertTransition, BurnRates } from '../store/store.js';
import { computeBudget, windowLabel } from './slo-status.js';

export interface Condition {
  kind: AlertKind;
  firing: boolean;
  burnRates: BurnRates;
  details: Record<string, unknown>;
}

export const ALERT_KINDS: readonly AlertKind[] = ['page', 'ticket', 'noData', 'budgetExhausted'];

export function evaluateConditions(slo: Slo, counts: MinuteCountsView, now: number): Condition[] {
  const to = endMinuteOf(now);
  const policy = slo.alerting;
  const conditions: Condition[] = [];
  for (const severity of ['page', 'ticket'] as const) {
    const rows = policy.windows.filter((w) => w.severity === severity);
    if (rows.length === 0 || policy.disabled.includes(severity)) continue;
    const burnRates: BurnRates = {};
    let firingRow: (typeof rows)[number] | null = null;
    for (const row of rows) {
      const long = counts.sum(to - row.longMinutes, to);
      const short = counts.sum(to - row.shortMinutes, to);
      const longRate = burnRate(slo.objective, long.good, long.total);
      const shortRate = burnRate(slo.objective, short.good, short.total);
      burnRates[windowLabel(row.longMinutes)] = longRate;
      burnRates[windowLabel(row.shortMinutes)] = shortRate;
      if (!firingRow && long.total >= policy.minEvents && longRate > row.factor && shortRate > row.factor) firingRow = row;
    }
    conditions.push({
      kind: severity,
      firing: firingRow !== null,
      burnRates,
      details: firingRow
        ? { severity, factor: firingRow.factor, longWindow: windowLabel(firingRow.longMinutes), shortWindow: windowLabel(firingRow.shortMinutes), alertName: policy.name }
        : { severity, alertName: policy.name },
    });
  }
  if (policy.noDataMinutes !== null) {
    // Only after data was seen once: a freshly declared SLO is not "broken", it is new.
    const last = counts.lastMinuteWithData;
    const silentMinutes = last === null ? 0 : to - 1 - last;
    conditions.push({
      kind: 'noData',
      firing: last !== null && silentMinutes >= policy.noDataMinutes,
      burnRates: {},
      details: { silentMinutes, noDataMinutes: policy.noDataMinutes, alertName: policy.name },
    });
  }
  if (policy.budgetExhausted) {
    const budget = computeBudget(slo, counts, now);
    conditions.push({
      kind: 'budgetExhausted',
      firing: budget.total > 0 && budget.remainingFraction <= 0,
      burnRates: {},
      details: { remainingFraction: budget.remainingFraction, alertName: policy.name },
    });
  }
  return conditions;
}

/** Transitions from `current` (the stored states of this SLO) to `conditions`; none if equal. */
export function transitionsFor(slo: string, conditions: readonly Condition[], current: ReadonlyMap<AlertKind, AlertState>, now: number): AlertTransition[] {
  const out: AlertTransition[] = [];
  for (const c of conditions) {
    const wasFiring = current.get(c.kind)?.firing ?? false;
    if (c.firing === wasFiring) continue;
    out.push({ slo, kind: c.kind, event: c.firing ? 'fired' : 'resolved', at: now, burnRates: c.burnRates, details: c.details });
  }
  // A kind no longer evaluated (disabled in a reloaded config) resolves instead of firing forever.
  for (const [kind, state] of current) {
    if (state.firing && !conditions.some((c) => c.kind === kind)) {
      out.push({ slo, kind, event: 'resolved', at: now, burnRates: {}, details: { reason: 'no longer evaluated by the current config' } });
    }
  }
  return out;
}
