/**
 * remote_write -> store: decode, map series onto SLOs (the Prometheus adapter), commit the
 * per-minute increases, and only then advance the mapper's per-series state, so a failed
 * commit answers 5xx and Prometheus's retry is counted once.
 */
import { createRemoteWriteMapper, decodeRemoteWrite, type RemoteWriteMapper } from '../../sources/prometheus/index.js';
import type { Slo } from '../../slo/model.js';
import type { SloSamples, Store } from '../../store/store.js';
import type { ServerMetrics } from '../metrics.js';

export function remoteWriteMappings(slos: readonly Slo[]) {
  return slos.flatMap((slo) => (slo.sli.remoteWrite ? [{ slo: slo.name, ...slo.sli.remoteWrite }] : []));
}

export function createRemoteWriteService(deps: {
  store: Store;
  metrics: ServerMetrics;
  now: () => number;
  slos: () => readonly Slo[];
  onCommitted(batches: SloSamples[]): void | Promise<void>;
}) {
  let mapper: RemoteWriteMapper | null = null;
  let mappedFor: readonly Slo[] | null = null;
  return {
    async ingest(body: Buffer): Promise<{ samples: number; matched: number }> {
      const slos = deps.slos();
      // A reloaded config gets a new mapper (series baselines restart: one sample each).
      if (mappedFor !== slos) {
        mapper = createRemoteWriteMapper(remoteWriteMappings(slos));
        mappedFor = slos;
      }
      const request = decodeRemoteWrite(body);
      const samples = request.timeseries.reduce((n, s) => n + s.samples.length, 0);
      const prepared = mapper!.prepare(request);
      const bySlo = new Map<string, SloSamples>();
      for (const c of prepared.counts) {
        let batch = bySlo.get(c.slo);
        if (!batch) bySlo.set(c.slo, (batch = { slo: c.slo, samples: [] }));
        batch.samples.push({ minute: c.minute, good: c.good, total: c.total });
      }
      const batches = [...bySlo.values()];
      if (batches.length > 0) await deps.store.ingestSamples(batches, { now: deps.now() });
      prepared.commit();
      if (batches.length > 0) await deps.onCommitted(batches);
      deps.metrics.ingestedSamples.inc({ source: 'remote_write' }, samples);
      deps.metrics.ingestBatches.inc({ source: 'remote_write' });
      return { samples, matched: prepared.counts.length };
    },
  };
}
