/**
 * SLOs whose SLI is PromQL (`sli.prometheus` with good/bad + total queries): on each tick the
 * evaluator's lease holder pulls per-minute counts from Prometheus (query_range, step 1m) for
 * the complete minutes it has not stored yet, commits them to the store like pushed data and
 * adds them to the in-memory counts; evaluation then treats them like any other SLO (budget,
 * burn rates, gate, series). Only the lease holder pulls, and it always resumes after the last
 * minute in the STORE, so replicas taking turns never count a minute twice.
 *
 * errorRatio queries have no event counts and are not evaluated by the server (yet).
 */
import type { PrometheusQuerySource } from '../sources/prometheus/index.js';
import type { Slo } from '../slo/model.js';
import { countsCapacityFor } from '../slo/math/capacity.js';
import type { SloSamples, Store } from '../store/store.js';

/** Prometheus needs a moment to scrape a minute completely; pull minutes older than this. */
export const DEFAULT_PROMETHEUS_LAG_MS = 2 * 60_000;

export function isPulledSlo(slo: Slo): boolean {
  return slo.sli.prometheus?.type === 'events';
}

export interface PullOptions {
  source: PrometheusQuerySource;
  store: Store;
  lagMs?: number;
  /** Called with what was committed (the evaluator adds it to its counts). */
  onCommitted(batches: SloSamples[]): void;
  onError?(err: unknown, slo: Slo): void;
}

export async function pullPrometheusCounts(slos: readonly Slo[], at: number, options: PullOptions): Promise<number> {
  const toMinute = Math.floor((at - (options.lagMs ?? DEFAULT_PROMETHEUS_LAG_MS)) / 60_000);
  let stored = 0;
  for (const slo of slos) {
    if (!isPulledSlo(slo)) continue;
    try {
      const last = await options.store.lastIngestMinute(slo.name);
      const fromMinute = Math.max(last === null ? -Infinity : last + 1, toMinute - countsCapacityFor(slo) + 1);
      if (fromMinute >= toMinute) continue;
      const samples = await options.source.fetchMinuteCounts(slo, fromMinute, toMinute);
      if (samples.length === 0) continue;
      const batches = [{ slo: slo.name, samples }];
      await options.store.ingestSamples(batches, { idempotencyKey: `prometheus:${slo.name}:${fromMinute}:${toMinute}`, now: at });
      options.onCommitted(batches);
      stored += samples.length;
    } catch (err: unknown) {
      // One unreachable Prometheus or bad query must not stop the other SLOs' evaluation.
      options.onError?.(err, slo);
    }
  }
  return stored;
}
