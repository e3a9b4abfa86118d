/**
 * Composite SLOs (OpenSLO objectives with `compositeWeight`), evaluated from their components.
 *
 * Definition (docs/slos.md, "Composite SLOs"): each component keeps its own objective, window
 * and budgeting method. With share_i = weight_i / (sum of the weights of components that have
 * data):
 *   consumed(composite)  = sum of share_i x consumed_i   (each component's spent fraction of ITS budget)
 *   remaining(composite) = 1 - consumed(composite)
 *   burnRate(composite, W) = sum of share_i x burnRate_i(W)   (same window W for every component)
 * and the composite alerts by applying the default multi-window multi-burn-rate policy of its own
 * window to those weighted burn rates. Components without any recorded data drop out and the
 * shares are renormalised over the rest; with no component data at all there is no evaluation.
 * Pure: no clock, no I/O.
 */
import type { AlertPolicy, CompositeSlo, Slo, SloWindow } from '../model.js';
import { defaultAlertPolicy } from '../policy.js';
import { burnRate, errorBudgetMinutes } from './budget.js';
import type { MinuteCountsView, WindowCounts } from './minute-counts.js';
import { budgetStatus } from './slo-budget.js';
import type { WindowBurn } from './window-burn.js';
import { endMinuteOf, windowBounds, type WindowBounds } from './windows.js';

/** One component as evaluation sees it; `counts` is null when the data has no rows for it. */
export interface CompositeComponentData {
  slo: Slo;
  weight: number;
  counts: MinuteCountsView | null;
}

/** The components of `composite` with their counts (null: no data); unknown names are skipped. */
export function compositeComponents(composite: CompositeSlo, slos: readonly Slo[], counts: ReadonlyMap<string, MinuteCountsView | null>): CompositeComponentData[] {
  const byName = new Map(slos.map((s) => [s.name, s]));
  return composite.components.flatMap((c) => {
    const slo = byName.get(c.slo);
    return slo ? [{ slo, weight: c.weight, counts: counts.get(c.slo) ?? null }] : [];
  });
}

/**
 * weight / (sum of weights of the components that have data), 0 for those without; all zeros
 * when none has data or the weights sum to 0.
 */
export function componentShares(weights: readonly number[], hasData: readonly boolean[]): number[] {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) if (hasData[i]) sum += weights[i]!;
  return weights.map((w, i) => (sum > 0 && hasData[i] ? w / sum : 0));
}

/** sum of shares[i] x values[i]. */
export function weightedSum(values: readonly number[], shares: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += shares[i]! * values[i]!;
  return s;
}

/** Weighted mean of the non-null values, shares renormalised over them; null when all are null. */
export function weightedMeanOfPresent(values: readonly (number | null)[], shares: readonly number[]): number | null {
  let s = 0;
  let w = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || shares[i]! <= 0) continue;
    s += shares[i]! * v;
    w += shares[i]!;
  }
  return w > 0 ? s / w : null;
}

/** The policy a composite alerts with: the default table, factors derived from its own window. */
export function compositeAlertPolicy(composite: CompositeSlo): AlertPolicy {
  return defaultAlertPolicy(composite.name, composite.window);
}

export interface CompositeBudget {
  method: 'composite';
  /** Weighted share of the components' budgets spent: 0 untouched, 1 spent, above 1 overspent. */
  consumed: number;
  remaining: number;
  /** Weighted mean of the components' SLIs (null when none has events in its window). */
  sli: number | null;
  /** Events of all components inside their windows. */
  good: number;
  total: number;
  /** Time reading of the composite's budget: (1 - composite objective) x its period. */
  periodMinutes: number;
  budgetMinutes: number;
  remainingMinutes: number;
  /** Per component, in order: its share and the fraction of its own budget it spent (null: no data). */
  components: { slo: string; share: number; consumed: number | null }[];
}

export type CompositeStatus = 'page' | 'exhausted' | 'ticket' | 'noData' | 'ok';

export interface CompositeEvaluation {
  atMs: number;
  windows: WindowBurn[];
  budget: CompositeBudget;
  page: boolean;
  ticket: boolean;
  noData: boolean;
  exhausted: boolean;
  status: CompositeStatus;
}

/**
 * Cached calendar bounds per component (index-aligned with the components, then the composite's
 * own window), so a replay does
 * the time-zone arithmetic once per period, not once per minute. Start with `[]`.
 */
export type CompositeBoundsCache = (WindowBounds | undefined)[];

/**
 * The composite at `nowMs`, or null when no component has data. `policy` defaults to
 * compositeAlertPolicy(composite).
 */
export function evaluateComposite(
  composite: CompositeSlo,
  components: readonly CompositeComponentData[],
  nowMs: number,
  policy: AlertPolicy = compositeAlertPolicy(composite),
  cache: CompositeBoundsCache = [],
): CompositeEvaluation | null {
  const shares = componentShares(
    components.map((c) => c.weight),
    components.map((c) => c.counts !== null),
  );
  if (!shares.some((s) => s > 0)) return null;
  const end = endMinuteOf(nowMs);
  const scratch: WindowCounts = { good: 0, total: 0 };

  const windows: WindowBurn[] = [];
  let page = false;
  let ticket = false;
  for (const row of policy.windows) {
    if (policy.disabled.includes(row.severity)) continue;
    const long = weightedBurn(components, shares, end - row.longMinutes, end, scratch);
    const short = weightedBurn(components, shares, end - row.shortMinutes, end, scratch);
    const enough = long.total >= policy.minEvents && short.total >= policy.minEvents && long.total > 0;
    const exceeded = enough && long.rate > row.factor && short.rate > row.factor;
    if (exceeded && row.severity === 'page') page = true;
    if (exceeded && row.severity === 'ticket') ticket = true;
    windows.push({
      severity: row.severity,
      longMinutes: row.longMinutes,
      shortMinutes: row.shortMinutes,
      factor: row.factor,
      longBurnRate: long.rate,
      shortBurnRate: short.rate,
      longTotal: long.total,
      shortTotal: short.total,
      exceeded,
    });
  }

  const consumedParts: (number | null)[] = [];
  const slis: (number | null)[] = [];
  let good = 0;
  let total = 0;
  components.forEach((c, i) => {
    if (c.counts === null) {
      consumedParts.push(null);
      slis.push(null);
      return;
    }
    const b = budgetStatus(c.slo, c.counts, nowMs, cachedBounds(c.slo, nowMs, cache, i), scratch);
    consumedParts.push(b.consumed);
    slis.push(b.sli);
    good += b.good;
    total += b.total;
  });
  const consumed = weightedSum(
    consumedParts.map((c) => c ?? 0),
    shares,
  );
  const own = cachedBounds(composite, nowMs, cache, components.length);
  const budgetMinutes = errorBudgetMinutes(composite.objective, own.periodMinutes);
  const budget: CompositeBudget = {
    method: 'composite',
    consumed,
    remaining: 1 - consumed,
    sli: weightedMeanOfPresent(slis, shares),
    good,
    total,
    periodMinutes: own.periodMinutes,
    budgetMinutes,
    remainingMinutes: (1 - consumed) * budgetMinutes,
    components: components.map((c, i) => ({ slo: c.slo.name, share: shares[i]!, consumed: consumedParts[i]! })),
  };

  let noData = false;
  if (policy.noDataMinutes !== null) {
    let since = Infinity;
    let recent = 0;
    for (const c of components) {
      if (c.counts === null) continue;
      if (c.counts.firstMinute !== null) since = Math.min(since, c.counts.firstMinute);
      recent += c.counts.sumInto(end - policy.noDataMinutes, end, scratch).total;
    }
    noData = Number.isFinite(since) && end - policy.noDataMinutes >= since && recent === 0;
  }
  const exhausted = policy.budgetExhausted && total > 0 && budget.remaining <= 0;
  const status: CompositeStatus = page ? 'page' : exhausted ? 'exhausted' : ticket ? 'ticket' : noData ? 'noData' : 'ok';
  return { atMs: nowMs, windows, budget, page, ticket, noData, exhausted, status };
}

/** Weighted burn rate of the components over minutes [from, to), and their events there. */
export function weightedBurn(
  components: readonly CompositeComponentData[],
  shares: readonly number[],
  fromMinute: number,
  toMinute: number,
  scratch: WindowCounts = { good: 0, total: 0 },
): { rate: number; total: number } {
  let rate = 0;
  let total = 0;
  for (let i = 0; i < components.length; i++) {
    const c = components[i]!;
    if (c.counts === null || shares[i]! <= 0) continue;
    const w = c.counts.sumInto(fromMinute, toMinute, scratch);
    rate += shares[i]! * burnRate(c.slo.objective, w.good, w.total);
    total += w.total;
  }
  return { rate, total };
}

function cachedBounds(slo: { window: SloWindow }, nowMs: number, cache: CompositeBoundsCache, i: number): WindowBounds {
  const hit = cache[i];
  if (slo.window.type === 'calendar' && hit && nowMs >= hit.periodStartMs && nowMs < hit.periodEndMs) {
    hit.endMs = nowMs;
    return hit;
  }
  const fresh = windowBounds(slo.window, nowMs);
  cache[i] = fresh;
  return fresh;
}
