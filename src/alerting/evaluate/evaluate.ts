/**
 * Multi-window multi-burn-rate evaluation (SRE workbook ch. 5) as a pure function of
 * (SLO, counts, now, previous state). A severity fires when BOTH windows of ONE of its rows
 * burn faster than that row's factor (each window holding at least `minEvents` events), and
 * resolves when no row of that severity does. Beside burn rates: `noData` after
 * `noDataMinutes` without events, and `budgetExhausted` while the remaining budget is <= 0.
 *
 * Burn-rate alerting always reads event ratios, whatever the budgeting method; the budget
 * (and so budgetExhausted) follows the SLO's method.
 */
import type { AlertKind, AlertSeverity, Slo } from '../../slo/model.js';
import { budgetStatus, endMinuteOf, windowBounds, type MinuteCountsView, type WindowBounds, type WindowCounts } from '../../slo/math/index.js';
import type { AlertState, AlertTransition, SloEvaluation, SloStatus, WindowBurn } from './state.js';

export interface EvaluateOptions {
  /**
   * Since when data has been expected (epoch ms); the no-data alert cannot fire earlier than
   * `noDataMinutes` after it. Defaults to the first minute in `counts`, so an SLO that never
   * had data does not alert (the server passes its start time to catch those too).
   */
  watchingSinceMs?: number;
}

const SEVERITIES: readonly AlertSeverity[] = ['page', 'ticket'];

export function evaluateSlo(
  slo: Slo,
  counts: MinuteCountsView,
  nowMs: number,
  previous: AlertState,
  options: EvaluateOptions = {},
): SloEvaluation {
  const policy = slo.alerting;
  const end = endMinuteOf(nowMs);
  const scratch: WindowCounts = { good: 0, total: 0 };
  const allowed = 1 - slo.objective;

  const windows: WindowBurn[] = [];
  for (const row of policy.windows) {
    if (policy.disabled.includes(row.severity)) continue;
    const long = counts.sumInto(end - row.longMinutes, end, scratch);
    const longTotal = long.total;
    const longBurnRate = longTotal > 0 ? (longTotal - long.good) / longTotal / allowed : 0;
    const short = counts.sumInto(end - row.shortMinutes, end, scratch);
    const shortTotal = short.total;
    const shortBurnRate = shortTotal > 0 ? (shortTotal - short.good) / shortTotal / allowed : 0;
    const enough = longTotal >= policy.minEvents && shortTotal >= policy.minEvents && longTotal > 0;
    windows.push({
      severity: row.severity,
      longMinutes: row.longMinutes,
      shortMinutes: row.shortMinutes,
      factor: row.factor,
      longBurnRate,
      shortBurnRate,
      longTotal,
      shortTotal,
      exceeded: enough && longBurnRate > row.factor && shortBurnRate > row.factor,
    });
  }

  const { bounds, period } = boundsFor(slo, nowMs, previous);
  const budget = budgetStatus(slo, counts, nowMs, bounds, scratch);

  let noData = false;
  if (policy.noDataMinutes !== null) {
    const since = options.watchingSinceMs !== undefined ? Math.floor(options.watchingSinceMs / 60_000) : counts.firstMinute;
    noData = since !== null && end - policy.noDataMinutes >= since && counts.sumInto(end - policy.noDataMinutes, end, scratch).total === 0;
  }

  const active: Record<AlertKind, boolean> = {
    page: windows.some((w) => w.severity === 'page' && w.exceeded),
    ticket: windows.some((w) => w.severity === 'ticket' && w.exceeded),
    noData,
    budgetExhausted: policy.budgetExhausted && budget.total > 0 && budget.remaining <= 0,
  };

  const transitions: AlertTransition[] = [];
  let firing = previous.firing;
  for (const kind of ['page', 'ticket', 'noData', 'budgetExhausted'] as const) {
    const was = firing[kind] !== undefined;
    if (was === active[kind]) continue;
    firing = { ...firing };
    if (active[kind]) firing[kind] = { firedAtMs: nowMs };
    else delete firing[kind];
    const rows = kind === 'page' || kind === 'ticket' ? windows.filter((w) => w.severity === kind) : [];
    transitions.push({
      kind,
      change: active[kind] ? 'fired' : 'resolved',
      atMs: nowMs,
      burnRates: rows,
      remaining: budget.remaining,
      reason: reasonFor(kind, active[kind], rows, budget.remaining, policy.noDataMinutes),
    });
  }

  let state = previous;
  if (firing !== previous.firing || period !== previous.period) state = period === undefined ? { firing } : { firing, period };
  return { atMs: nowMs, state, transitions, windows, budget, noData, status: statusOf(active) };
}

function statusOf(active: Record<AlertKind, boolean>): SloStatus {
  if (active.page) return 'page';
  if (active.budgetExhausted) return 'exhausted';
  if (active.ticket) return 'ticket';
  if (active.noData) return 'noData';
  return 'ok';
}

/** Window bounds, reusing the cached calendar period while `now` is inside it. */
function boundsFor(slo: Slo, nowMs: number, previous: AlertState): { bounds: WindowBounds; period: AlertState['period'] } {
  if (slo.window.type === 'rolling') return { bounds: windowBounds(slo.window, nowMs), period: undefined };
  const cached = previous.period;
  if (cached && nowMs >= cached.startMs && nowMs < cached.endMs) {
    return {
      bounds: { startMs: cached.startMs, endMs: nowMs, periodStartMs: cached.startMs, periodEndMs: cached.endMs, periodMinutes: (cached.endMs - cached.startMs) / 60_000 },
      period: cached,
    };
  }
  const bounds = windowBounds(slo.window, nowMs);
  return { bounds, period: { startMs: bounds.periodStartMs, endMs: bounds.periodEndMs } };
}

export function formatWindow(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440}d`;
  if (minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}

function reasonFor(kind: AlertKind, fired: boolean, rows: WindowBurn[], remaining: number, noDataMinutes: number | null): string {
  const pct = (remaining * 100).toFixed(1);
  switch (kind) {
    case 'noData':
      return fired ? `no events for ${noDataMinutes} minutes` : 'events arrive again';
    case 'budgetExhausted':
      return fired ? `error budget exhausted (${pct}% remaining)` : `error budget positive again (${pct}% remaining)`;
    default: {
      const row = fired ? rows.find((w) => w.exceeded)! : rows[0];
      if (!row) return fired ? `${kind} fired` : `no ${kind} row exceeds its factor`;
      const text = `${formatWindow(row.longMinutes)} burn ${row.longBurnRate.toFixed(2)}x and ${formatWindow(row.shortMinutes)} burn ${row.shortBurnRate.toFixed(2)}x`;
      return fired ? `${text} above ${round(row.factor)}x` : `no ${kind} row exceeds its factor (${text} vs ${round(row.factor)}x)`;
    }
  }
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
