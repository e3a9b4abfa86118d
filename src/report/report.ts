/**
 * The state of every SLO at one moment, from recorded per-minute counts: SLI, budget left (as a
 * fraction and as minutes), burn rate per policy window and the alert state. The alert
 * conditions have no memory (a row fires exactly while both its windows exceed the factor), so
 * one evaluation from a fresh state gives the same answer as a full replay.
 */
import { evaluateSlo, initialAlertState, type SloEvaluation, type SloStatus } from '../alerting/evaluate/index.js';
import type { AlertKind, CompositeSlo, Slo } from '../slo/model.js';
import type { MinuteSeriesData } from '../backtest/index.js';
import { burnRate, endMinuteOf, minutesToExhaustion, MinuteCounts } from '../slo/math/index.js';
import { buildCompositeReport, type CompositeReport } from './composite.js';


/** Time to exhaustion is projected at the burn rate of the last hour. */
export const PROJECTION_WINDOW_MINUTES = 60;

export interface SloReport {
  slo: Slo;
  hasData: boolean;
  /** null without data. */
  evaluation: SloEvaluation | null;
  status: SloStatus | 'noData';
  firing: AlertKind[];
  /** Burn rate over the last PROJECTION_WINDOW_MINUTES. */
  currentBurnRate: number;
  /** Minutes until the budget is gone at `currentBurnRate`; null: never (not burning) or already gone. */
  minutesToExhaustion: number | null;
}

export interface Report {
  atMs: number;
  slos: SloReport[];
  /** One per composite SLO, in configuration order (rendered after their components). */
  composites: CompositeReport[];
}

/** The latest moment the data covers: the end of its last minute (null without data). */
export function endOfData(series: ReadonlyMap<string, MinuteSeriesData | null>): number | null {
  let last = -Infinity;
  for (const s of series.values()) if (s && s.good.length > 0) last = Math.max(last, s.startMinute + s.good.length);
  return Number.isFinite(last) ? last * 60_000 : null;
}

export function buildReport(
  slos: readonly Slo[],
  series: ReadonlyMap<string, MinuteSeriesData | null>,
  atMs: number,
  composites: readonly CompositeSlo[] = [],
): Report {
  // One MinuteCounts per SLO, shared with the composites: fromSeries takes over the arrays.
  const counts = new Map<string, MinuteCounts | null>();
  for (const slo of slos) {
    const data = series.get(slo.name);
    counts.set(slo.name, data ? MinuteCounts.fromSeries(data.startMinute, data.good, data.total) : null);
  }
  return {
    atMs,
    slos: slos.map((slo): SloReport => {
      const c = counts.get(slo.name);
      if (!c) return { slo, hasData: false, evaluation: null, status: 'noData', firing: [], currentBurnRate: 0, minutesToExhaustion: null };
      const evaluation = evaluateSlo(slo, c, atMs, initialAlertState());
      const end = endMinuteOf(atMs);
      const lastHour = c.sum(end - PROJECTION_WINDOW_MINUTES, end);
      const current = burnRate(slo.objective, lastHour.good, lastHour.total);
      return {
        slo,
        hasData: true,
        evaluation,
        status: evaluation.status,
        firing: Object.keys(evaluation.state.firing) as AlertKind[],
        currentBurnRate: current,
        minutesToExhaustion: minutesToExhaustion(evaluation.budget.remaining, current, evaluation.budget.periodMinutes),
      };
    }),
    composites: composites.map((c) => buildCompositeReport(c, slos, counts, atMs, PROJECTION_WINDOW_MINUTES)),
  };
}
