/**
 * SLIs computed by Prometheus: the SLO's `sli.prometheus` queries (Sloth-style, with the
 * `{{.window}}` placeholder) are run against the Prometheus HTTP API.
 *
 * - queryWindow: one instant evaluation for a window ending at `atMs` (burn-rate checks).
 * - fetchMinuteCounts: per-minute increases via query_range with step 60s and
 *   `{{.window}}` = 1m, so the server can store them like pushed counts. The value at time T
 *   covers (T-1m, T] and is stored under the minute that starts at T-1m.
 *
 * Several result series are summed (a query without sum() still yields one number); an empty
 * result counts as 0 events (e.g. no 5xx series exist yet). With `bad`, good = total - bad,
 * clamped to [0, total].
 */
import { InputError } from '../../../errors/index.js';
import type { PrometheusSli, Slo } from '../../../slo/model.js';
import { instantQuery, rangeQuery, type PrometheusHttpOptions, type ResultSeries } from './http-api.js';

export interface PrometheusQuerySourceOptions extends PrometheusHttpOptions {
  /** Steps per query_range call; longer ranges are split. Prometheus allows 11,000. */
  maxPointsPerQuery?: number;
}

export type WindowResult =
  | { good: number; total: number }
  /** null when Prometheus has no data for the window (empty result or 0/0). */
  | { errorRatio: number | null };

export interface MinuteCounts {
  /** Epoch minute: Math.floor(epochMs / 60000), as in src/store. */
  minute: number;
  good: number;
  total: number;
}

export interface PrometheusQuerySource {
  queryWindow(slo: Slo, windowMinutes: number, atMs: number): Promise<WindowResult>;
  /** Minutes with fromMinute <= minute < toMinuteExclusive that Prometheus has data for. */
  fetchMinuteCounts(slo: Slo, fromMinute: number, toMinuteExclusive: number): Promise<MinuteCounts[]>;
}

const MINUTE_MS = 60_000;
const WINDOW_PLACEHOLDER = /\{\{\s*\.window\s*\}\}/g;

export function createPrometheusQuerySource(options: PrometheusQuerySourceOptions): PrometheusQuerySource {
  const maxPoints = options.maxPointsPerQuery ?? 10_000;

  async function queryWindow(slo: Slo, windowMinutes: number, atMs: number): Promise<WindowResult> {
    const sli = prometheusSli(slo);
    if (!Number.isInteger(windowMinutes) || windowMinutes < 1) {
      throw new InputError(`window must be a whole number of minutes >= 1, got ${windowMinutes}`);
    }
    const run = (query: string) => instantQuery(options, withWindow(query, windowMinutes), atMs).then(sumInstant);
    if (sli.type === 'errorRatio') {
      const ratio = await run(sli.query);
      return { errorRatio: ratio === null || Number.isNaN(ratio) ? null : ratio };
    }
    const [good, bad, total] = await Promise.all([
      sli.good === undefined ? null : run(sli.good),
      sli.bad === undefined ? null : run(sli.bad),
      run(sli.total),
    ]);
    return goodAndTotal(sli, good ?? 0, bad ?? 0, total ?? 0);
  }

  async function fetchMinuteCounts(slo: Slo, fromMinute: number, toMinuteExclusive: number): Promise<MinuteCounts[]> {
    const sli = prometheusSli(slo);
    if (!Number.isInteger(fromMinute) || !Number.isInteger(toMinuteExclusive)) {
      throw new InputError(`minutes must be whole epoch minutes, got ${fromMinute}..${toMinuteExclusive}`);
    }
    if (sli.type !== 'events') {
      throw new InputError(
        `SLO "${slo.name}" uses an errorRatio query, which has no event counts to store per minute; ` +
          'give sli.prometheus good or bad plus total queries, or use queryWindow',
      );
    }
    const counts: MinuteCounts[] = [];
    for (let from = fromMinute; from < toMinuteExclusive; from += maxPoints) {
      const to = Math.min(from + maxPoints, toMinuteExclusive);
      counts.push(...(await fetchChunk(sli, from, to)));
    }
    return counts;
  }

  async function fetchChunk(sli: Extract<PrometheusSli, { type: 'events' }>, from: number, to: number): Promise<MinuteCounts[]> {
    // The point at T = (m + 1) minutes covers minute m.
    const range = { startMs: (from + 1) * MINUTE_MS, endMs: to * MINUTE_MS, stepMs: MINUTE_MS };
    const run = (query: string) => rangeQuery(options, withWindow(query, 1), range).then(sumByMinute);
    const [good, bad, total] = await Promise.all([
      sli.good === undefined ? null : run(sli.good),
      sli.bad === undefined ? null : run(sli.bad),
      run(sli.total),
    ]);
    const counts: MinuteCounts[] = [];
    for (const [minute, totalValue] of [...total].sort((a, b) => a[0] - b[0])) {
      if (!Number.isFinite(totalValue)) continue;
      const result = goodAndTotal(sli, good?.get(minute) ?? 0, bad?.get(minute) ?? 0, totalValue);
      counts.push({ minute, ...result });
    }
    return counts;
  }

  return { queryWindow, fetchMinuteCounts };
}

function prometheusSli(slo: Slo): PrometheusSli {
  const sli = slo.sli.prometheus;
  if (!sli) {
    throw new InputError(`SLO "${slo.name}" has no sli.prometheus queries; its data must be pushed to sloop instead`);
  }
  return sli;
}

function withWindow(query: string, minutes: number): string {
  return query.replace(WINDOW_PLACEHOLDER, `${minutes}m`);
}

function goodAndTotal(sli: Extract<PrometheusSli, { type: 'events' }>, good: number, bad: number, total: number) {
  const safeTotal = Math.max(total, 0);
  const rawGood = sli.bad !== undefined ? total - bad : good;
  return { good: Math.min(Math.max(rawGood, 0), safeTotal), total: safeTotal };
}

function sumInstant(series: ResultSeries[]): number | null {
  if (series.length === 0) return null;
  return series.reduce((sum, s) => sum + (s.points[0]?.[1] ?? 0), 0);
}

function sumByMinute(series: ResultSeries[]): Map<number, number> {
  const byMinute = new Map<number, number>();
  for (const s of series) {
    for (const [ms, value] of s.points) {
      const minute = Math.round(ms / MINUTE_MS) - 1;
      byMinute.set(minute, (byMinute.get(minute) ?? 0) + value);
    }
  }
  return byMinute;
}
