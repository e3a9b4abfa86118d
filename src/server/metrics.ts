/**
 * sloop measures itself. One registry per server instance (not prom-client's global one), so
 * tests can build many apps in one process and a replica exports only its own numbers.
 */
import { Counter, Histogram, Registry, collectDefaultMetrics, Gauge } from 'prom-client';

export interface ServerMetrics {
  registry: Registry;
  ingestedSamples: Counter<'source'>;
  ingestBatches: Counter<'source'>;
  evaluationDuration: Histogram<never>;
  evaluatedSlos: Gauge<never>;
  httpRequestDuration: Histogram<'method' | 'route' | 'status'>;
}

export function createServerMetrics(options: { processMetrics?: boolean } = {}): ServerMetrics {
  const registry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry, prefix: 'sloop_' });
  return {
    registry,
    ingestedSamples: new Counter({
      name: 'sloop_ingested_samples_total',
      help: 'SLI samples durably stored, by source (push, remote_write).',
      labelNames: ['source'],
      registers: [registry],
    }),
    ingestBatches: new Counter({
      name: 'sloop_ingest_batches_total',
      help: 'Ingest requests committed, by source.',
      labelNames: ['source'],
      registers: [registry],
    }),
    evaluationDuration: new Histogram({
      name: 'sloop_evaluation_duration_seconds',
      help: 'Wall time of one evaluation cycle over every SLO.',
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    evaluatedSlos: new Gauge({
      name: 'sloop_evaluated_slos',
      help: 'SLOs evaluated in the last cycle on this replica (0 when another replica holds the lease).',
      registers: [registry],
    }),
    httpRequestDuration: new Histogram({
      name: 'sloop_http_request_duration_seconds',
      help: 'HTTP request duration by method, route pattern and status.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
  };
}
