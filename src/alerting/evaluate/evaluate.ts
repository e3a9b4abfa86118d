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
import type { AlertKind, Slo } from '../../slo/model.js';
import { budgetStatus, calendarPeriod, endMinuteOf, type BudgetStatus, type MinuteCountsView, type WindowBounds, type WindowCounts } from '../../slo/math/index.js';
import type { AlertState, AlertTransition, SloEvaluation, SloStatus, WindowBurn } from './state.js';

export interface EvaluateOptions {
  /**
   * Since when data has been expected (epoch ms); the no-data alert cannot fire earlier than
   * `noDataMinutes` after it. Defaults to the first minute in `counts`, so an SLO that never
   * had data does not alert (the server passes its start time to catch those too).
   */
  watchingSinceMs?: number;
}

/**
 * Reusable objects for evaluating one SLO many times (the backtest's fast path): with a
 * workspace, `windows` and `budget` of the returned evaluation are overwritten by the next call
 * with the same workspace (the evaluation object itself is reused), so copy what you keep;
 * transitions and states are always fresh objects.
 */
export interface EvaluationWorkspace {
  windows: WindowBurn[];
  budget: BudgetStatus;
  bounds: WindowBounds;
  scratch: WindowCounts;
  /** The returned evaluation itself (null until the first call). */
  result: SloEvaluation | null;
}

/**
 * Objects reused across evaluations start with every field present and doubles in the numeric
 * fields, so V8 fixes their layout once and later writes update numbers in place.
 */
function newWindowBurn(): WindowBurn {
  return { severity: 'page', longMinutes: 0, shortMinutes: 0, factor: 0.5, longBurnRate: 0.5, shortBurnRate: 0.5, longTotal: 0.5, shortTotal: 0.5, exceeded: false };
}

function newBudgetStatus(): BudgetStatus {
  return {
    method: 'occurrences',
    fromMinute: 0,
    toMinute: 0,
    periodMinutes: 0.5,
    good: 0.5,
    total: 0.5,
    sli: 0.5,
    consumed: 0.5,
    remaining: 0.5,
    budgetMinutes: 0.5,
    remainingMinutes: 0.5,
  };
}

export function createEvaluationWorkspace(): EvaluationWorkspace {
  return {
    windows: [],
    budget: newBudgetStatus(),
    bounds: { startMs: 0.5, endMs: 0.5, periodStartMs: 0.5, periodEndMs: 0.5, periodMinutes: 0.5 },
    scratch: { good: 0.5, total: 0.5 },
    result: null,
  };
}

export function evaluateSlo(
  slo: Slo,
  counts: MinuteCountsView,
  nowMs: number,
  previous: AlertState,
  options: EvaluateOptions = {},
  workspace: EvaluationWorkspace = createEvaluationWorkspace(),
): SloEvaluation {
  const policy = slo.alerting;
  const end = endMinuteOf(nowMs);
  const scratch = workspace.scratch;
  const allowed = 1 - slo.objective;

  const windows = workspace.windows;
  let n = 0;
  let page = false;
  let ticket = false;
  // Indexed loops, not for-of: this runs millions of times in a replay and the array iterators
  // were not optimised away (they allocated ~150 bytes per evaluation).
  const rows = policy.windows;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    if (policy.disabled.length > 0 && policy.disabled.includes(row.severity)) continue;
    const long = counts.sumInto(end - row.longMinutes, end, scratch);
    const longTotal = long.total;
    const longBurnRate = longTotal > 0 ? (longTotal - long.good) / longTotal / allowed : 0;
    const short = counts.sumInto(end - row.shortMinutes, end, scratch);
    const shortTotal = short.total;
    const shortBurnRate = shortTotal > 0 ? (shortTotal - short.good) / shortTotal / allowed : 0;
    const enough = longTotal >= policy.minEvents && shortTotal >= policy.minEvents && longTotal > 0;
    const exceeded = enough && longBurnRate > row.factor && shortBurnRate > row.factor;
    if (exceeded) {
      if (row.severity === 'page') page = true;
      else ticket = true;
    }
    let w = windows[n];
    if (w === undefined) windows.push((w = newWindowBurn()));
    w.severity = row.severity;
    w.longMinutes = row.longMinutes;
    w.shortMinutes = row.shortMinutes;
    w.factor = row.factor;
    w.longBurnRate = longBurnRate;
    w.shortBurnRate = shortBurnRate;
    w.longTotal = longTotal;
    w.shortTotal = shortTotal;
    w.exceeded = exceeded;
    n++;
  }
  if (windows.length !== n) windows.length = n;

  const period = boundsFor(slo, nowMs, previous, workspace.bounds);
  const budget = budgetStatus(slo, counts, nowMs, workspace.bounds, scratch, workspace.budget);

  let noData = false;
  if (policy.noDataMinutes !== null) {
    const since = options.watchingSinceMs !== undefined ? Math.floor(options.watchingSinceMs / 60_000) : counts.firstMinute;
    noData = since !== null && end - policy.noDataMinutes >= since && counts.sumInto(end - policy.noDataMinutes, end, scratch).total === 0;
  }
  const exhausted = policy.budgetExhausted && budget.total > 0 && budget.remaining <= 0;

  let transitions: AlertTransition[] = NO_TRANSITIONS;
  let firing = previous.firing;
  for (let k = 0; k < ALERT_KINDS.length; k++) {
    const kind = ALERT_KINDS[k]!;
    const now = kind === 'page' ? page : kind === 'ticket' ? ticket : kind === 'noData' ? noData : exhausted;
    if ((firing[kind] !== undefined) === now) continue;
    firing = { ...firing };
    if (now) firing[kind] = { firedAtMs: nowMs };
    else delete firing[kind];
    if (transitions === NO_TRANSITIONS) transitions = [];
    transitions.push(transitionFor(kind, now, windows, nowMs, budget.remaining, policy.noDataMinutes));
  }

  let state = previous;
  if (firing !== previous.firing || period !== previous.period) state = period === undefined ? { firing } : { firing, period };
  const status: SloStatus = page ? 'page' : exhausted ? 'exhausted' : ticket ? 'ticket' : noData ? 'noData' : 'ok';
  const result = workspace.result;
  if (result === null) return (workspace.result = { atMs: nowMs, state, transitions, windows, budget, noData, status });
  result.atMs = nowMs;
  result.state = state;
  result.transitions = transitions;
  result.noData = noData;
  result.status = status;
  return result;
}

const ALERT_KINDS: readonly AlertKind[] = ['page', 'ticket', 'noData', 'budgetExhausted'];

// A separate function so the closures below do not force a context allocation on every
// iteration of evaluateSlo's loop over alert kinds (the replay calls it millions of times).
function transitionFor(kind: AlertKind, fired: boolean, windows: WindowBurn[], nowMs: number, remaining: number, noDataMinutes: number | null): AlertTransition {
  const rows = kind === 'page' || kind === 'ticket' ? windows.filter((w) => w.severity === kind).map((w) => ({ ...w })) : [];
  return {
    kind,
    change: fired ? 'fired' : 'resolved',
    atMs: nowMs,
    burnRates: rows,
    remaining,
    reason: reasonFor(kind, fired, rows, remaining, noDataMinutes),
  };
}
/** Shared empty list: most evaluations change nothing. Never mutated. */
const NO_TRANSITIONS: AlertTransition[] = Object.freeze([]) as unknown as AlertTransition[];

/** Writes the window bounds into `out`, reusing the cached calendar period while `now` is inside it. */
function boundsFor(slo: Slo, nowMs: number, previous: AlertState, out: WindowBounds): AlertState['period'] {
  if (slo.window.type === 'rolling') {
    out.startMs = nowMs - slo.window.minutes * 60_000;
    out.endMs = nowMs;
    out.periodStartMs = out.startMs;
    out.periodEndMs = nowMs;
    out.periodMinutes = slo.window.minutes;
    return undefined;
  }
  const cached = previous.period;
  const period = cached && nowMs >= cached.startMs && nowMs < cached.endMs ? cached : calendarPeriod(slo.window.unit, slo.window.timeZone, nowMs);
  out.startMs = period.startMs;
  out.endMs = nowMs;
  out.periodStartMs = period.startMs;
  out.periodEndMs = period.endMs;
  out.periodMinutes = (period.endMs - period.startMs) / 60_000;
  return period;
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
