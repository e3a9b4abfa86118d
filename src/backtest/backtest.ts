/**
 * Replays recorded per-minute traffic through the live engine (`evaluateSlo`), one evaluation
 * per minute, exactly as the server would have evaluated it: at the end of each minute, with
 * windows reading only data before that moment. Every SLO shares one timeline, so an SLO whose
 * data stops early gets its no-data alert.
 */
import { createEvaluationWorkspace, evaluateSlo, formatWindow, initialAlertState, type AlertState } from '../alerting/evaluate/index.js';
import { MinuteCounts, type BudgetStatus } from '../slo/math/index.js';
import type { AlertKind, CompositeSlo, Slo } from '../slo/model.js';
import { compositeComponents } from '../slo/math/composite.js';
import { backtestComposite, type CompositeBacktest } from './composite.js';

export interface MinuteSeriesData {
  startMinute: number;
  good: Float64Array;
  total: Float64Array;
}

export interface BacktestAlert {
  /** page, ticket, noData or budgetExhausted. */
  severity: AlertKind;
  firedAtMs: number;
  /** null when still firing at the end of the replay. */
  resolvedAtMs: number | null;
  /** Why it fired, e.g. "1h burn 20.10x and 5m burn 41.00x above 13.44x". */
  reason: string;
}

export interface WorstBurn {
  rate: number;
  windowMinutes: number;
  /** Evaluation time (end of the window). */
  atMs: number;
}

export interface SloBacktest {
  slo: Slo;
  /** False when the data file had no rows for this SLO (e.g. a PromQL SLO); nothing else is set. */
  hasData: boolean;
  alerts: BacktestAlert[];
  /** Budget at the end of the replay over the SLO's window. */
  budget: BudgetStatus | null;
  /**
   * Highest burn rate over any of the policy's LONG windows (1h, 6h, 1d, 3d by default) holding
   * at least minEvents events. Short windows are left out: they only confirm a long window, and
   * a 5-minute window in a quiet hour swings wildly on one failure.
   */
  worstBurn: WorstBurn | null;
  /** Events inside the replayed range. */
  good: number;
  total: number;
}

export interface BacktestResult {
  /** Replayed range [fromMs, toMs): evaluations ran at the end of each minute in it. */
  fromMs: number;
  toMs: number;
  slos: SloBacktest[];
  /** One per composite SLO, in configuration order (rendered after their components). */
  composites: CompositeBacktest[];
}

export interface BacktestOptions {
  /** Defaults: the earliest minute in the data plus `warmupMinutes`, and after the latest minute. */
  fromMs?: number;
  toMs?: number;
  /**
   * Without `fromMs`, evaluations start this long after the first data (default 60): a burn
   * rate or budget over the first few minutes of a recording divides by a handful of events,
   * and one early failure would "exhaust" the budget. The windows still read that data.
   */
  warmupMinutes?: number;
  /** Composite SLOs to replay from their components' data (default none). */
  composites?: readonly CompositeSlo[];
  /** Called now and then with minutes replayed so far and in all (over all SLOs). */
  onProgress?(done: number, total: number): void;
}

export const DEFAULT_WARMUP_MINUTES = 60;

/** `series` holds, per SLO name, its recorded per-minute counts (absent or null: no data). */
export function runBacktest(slos: readonly Slo[], series: ReadonlyMap<string, MinuteSeriesData | null>, options: BacktestOptions = {}): BacktestResult {
  let first = Infinity;
  let last = -Infinity;
  for (const s of series.values()) {
    if (!s || s.good.length === 0) continue;
    first = Math.min(first, s.startMinute);
    last = Math.max(last, s.startMinute + s.good.length);
  }
  const fromMinute = options.fromMs !== undefined ? Math.floor(options.fromMs / 60_000) : first + (options.warmupMinutes ?? DEFAULT_WARMUP_MINUTES);
  const toMinute = options.toMs !== undefined ? Math.ceil(options.toMs / 60_000) : last;
  const withData = slos.filter((s) => series.get(s.name));
  const span = Number.isFinite(fromMinute) && Number.isFinite(toMinute) ? Math.max(0, toMinute - fromMinute) : 0;
  const totalWork = span * withData.length;
  let done = 0;
  // Composites read their components' counts: fromSeries takes over the arrays, so build each once.
  const shared = new Map<string, MinuteCounts | null>();
  const results = slos.map((slo): SloBacktest => {
    const data = series.get(slo.name);
    const counts = data ? MinuteCounts.fromSeries(data.startMinute, data.good, data.total) : null;
    shared.set(slo.name, counts);
    if (!counts || span === 0) return { slo, hasData: Boolean(data), alerts: [], budget: null, worstBurn: null, good: 0, total: 0 };
    const result = backtestSlo(slo, counts, fromMinute, toMinute, (m) => options.onProgress?.(done + m, totalWork));
    done += span;
    return result;
  });
  const composites = (options.composites ?? []).map((c) => backtestComposite(c, compositeComponents(c, slos, shared), fromMinute, span === 0 ? fromMinute : toMinute));
  options.onProgress?.(totalWork, totalWork);
  return { fromMs: (Number.isFinite(fromMinute) ? fromMinute : 0) * 60_000, toMs: (Number.isFinite(toMinute) ? toMinute : 0) * 60_000, slos: results, composites };
}

/** Replays one SLO over minutes [fromMinute, toMinute). */
export function backtestSlo(slo: Slo, counts: MinuteCounts, fromMinute: number, toMinute: number, onProgress?: (minutesDone: number) => void): SloBacktest {
  let state: AlertState = initialAlertState();
  const alerts: BacktestAlert[] = [];
  const open = new Map<AlertKind, BacktestAlert>();
  // Plain locals, not an object per new maximum: this loop runs once per SLO-minute.
  let worstRate = -1;
  let worstWindow = 0;
  let worstAt = 0;
  let budget: BudgetStatus | null = null;
  const minEvents = Math.max(1, slo.alerting.minEvents);
  const workspace = createEvaluationWorkspace();
  const noOptions = {};
  for (let m = fromMinute; m < toMinute; m++) {
    const e = evaluateSlo(slo, counts, (m + 1) * 60_000, state, noOptions, workspace);
    state = e.state;
    budget = e.budget;
    const transitions = e.transitions;
    for (let i = 0; i < transitions.length; i++) {
      const t = transitions[i]!;
      if (t.change === 'fired') {
        const alert: BacktestAlert = { severity: t.kind, firedAtMs: t.atMs, resolvedAtMs: null, reason: t.reason };
        alerts.push(alert);
        open.set(t.kind, alert);
      } else {
        const alert = open.get(t.kind);
        if (alert) alert.resolvedAtMs = t.atMs;
        open.delete(t.kind);
      }
    }
    const windows = e.windows;
    for (let i = 0; i < windows.length; i++) {
      const w = windows[i]!;
      if (w.longTotal >= minEvents && w.longBurnRate > worstRate) {
        worstRate = w.longBurnRate;
        worstWindow = w.longMinutes;
        worstAt = m + 1;
      }
    }
    if (onProgress && (m - fromMinute) % 4096 === 0) onProgress(m - fromMinute);
  }
  const worst: WorstBurn | null = worstRate < 0 ? null : { rate: worstRate, windowMinutes: worstWindow, atMs: worstAt * 60_000 };
  const replayed = counts.sum(fromMinute, toMinute);
  // The workspace's budget object is reused by every evaluation: keep a copy of the last one.
  return { slo, hasData: true, alerts, budget: budget && { ...budget }, worstBurn: worst, good: replayed.good, total: replayed.total };
}

export function describeWorstBurn(w: WorstBurn): string {
  return `${w.rate.toFixed(2)}x over ${formatWindow(w.windowMinutes)}`;
}
