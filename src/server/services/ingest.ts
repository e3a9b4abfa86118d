/**
 * The push path: check samples against the current config, commit them to the store (one
 * transaction, idempotent per token + key), and only then tell the evaluator and count them.
 */
import { InputError, NotFoundError, type FieldProblem } from '../../errors/index.js';
import type { Slo } from '../../slo/model.js';
import type { MinuteCount, SloSamples, Store } from '../../store/store.js';
import type { ServerMetrics } from '../metrics.js';
import type { Principal } from '../plugins/auth.js';
import { checkSampleTimes, toEpochMs, type TimedSample } from './sample-checks.js';

export interface IngestOptions {
  idempotencyKey?: string;
  principal: Principal | null;
  source: 'push' | 'remote_write';
  samplePath: (batchIndex: number, sampleIndex: number) => string;
  /** Path of a whole batch in the request, e.g. `params.slo` or `body.batches[2].slo`. */
  batchPath: (batchIndex: number) => string;
}

export interface IngestOutcome {
  accepted: number;
  duplicate: boolean;
}

export interface IngestService {
  ingest(batches: ReadonlyArray<{ slo: string; samples: readonly TimedSample[] }>, options: IngestOptions): Promise<IngestOutcome>;
}

export interface IngestDeps {
  store: Store;
  metrics: ServerMetrics;
  now: () => number;
  sloByName(name: string): Slo | undefined;
  /** Called after the commit with what was stored (the evaluator updates its counts). */
  onCommitted(batches: SloSamples[]): void | Promise<void>;
}

/** Merges samples of one minute so the store and the engine see one row per minute. */
export function toMinuteCounts(samples: readonly TimedSample[]): MinuteCount[] {
  const byMinute = new Map<number, MinuteCount>();
  for (const s of samples) {
    const minute = Math.floor(toEpochMs(s.timestamp) / 60_000);
    const row = byMinute.get(minute);
    if (row) {
      row.good += s.good;
      row.total += s.total;
    } else byMinute.set(minute, { minute, good: s.good, total: s.total });
  }
  return [...byMinute.values()].sort((a, b) => a.minute - b.minute);
}

export function createIngestService(deps: IngestDeps): IngestService {
  return {
    async ingest(batches, options) {
      const now = deps.now();
      const problems: FieldProblem[] = [];
      const storeBatches: SloSamples[] = [];
      batches.forEach((batch, b) => {
        const slo = deps.sloByName(batch.slo);
        if (!slo) {
          throw new NotFoundError(`unknown SLO "${batch.slo}"; GET /api/v1/slos lists the configured SLOs`);
        }
        if (slo.sli.prometheus) {
          problems.push({
            path: options.batchPath(b),
            message: `SLO "${slo.name}" reads its SLI from Prometheus; push data only to SLOs without a prometheus query`,
          });
          return;
        }
        problems.push(...checkSampleTimes(slo, batch.samples, now, (i) => options.samplePath(b, i)));
        storeBatches.push({ slo: slo.name, samples: toMinuteCounts(batch.samples) });
      });
      if (problems.length > 0) {
        throw new InputError(`rejected ${problems.length} sample(s); nothing was stored: ${problems.slice(0, 3).map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
      }
      const key = options.idempotencyKey === undefined ? undefined : `${options.principal?.tokenId ?? 'anonymous'}:${options.idempotencyKey}`;
      const result = await deps.store.ingestSamples(storeBatches, { idempotencyKey: key, now });
      if (!result.duplicate) {
        await deps.onCommitted(storeBatches);
        const count = batches.reduce((n, batch) => n + batch.samples.length, 0);
        deps.metrics.ingestedSamples.inc({ source: options.source }, count);
      }
      deps.metrics.ingestBatches.inc({ source: options.source });
      return { accepted: result.accepted, duplicate: result.duplicate };
    },
  };
}
