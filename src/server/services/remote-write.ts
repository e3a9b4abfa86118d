/**
 * remote_write -> store: decode, match series onto SLOs (the Prometheus adapter), then let
 * the store compute each series' increase against its persisted last point inside the
 * transaction that adds the counts. Replicas behind a load balancer therefore share one
 * baseline per series: batches of one series alternating between replicas, a retried batch,
 * or two replicas racing on the same series each count every interval exactly once. A failed
 * commit answers 5xx and changes nothing, so Prometheus's retry is counted once too.
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
      // A reloaded config swaps the selectors; series state is in the store, so nothing is lost.
      if (mappedFor !== slos) {
        const mappings = remoteWriteMappings(slos);
        if (mapper) mapper.reconfigure(mappings);
        else mapper = createRemoteWriteMapper(mappings);
        mappedFor = slos;
      }
      const request = decodeRemoteWrite(body);
      const samples = request.timeseries.reduce((n, s) => n + s.samples.length, 0);
      const prepared = mapper!.prepareWithState(request);
      let applied: SloSamples[] = [];
      if (prepared.seriesIds.length > 0) {
        ({ applied } = await deps.store.ingestSeries(prepared, { now: deps.now() }));
      }
      if (applied.length > 0) await deps.onCommitted(applied);
      deps.metrics.ingestedSamples.inc({ source: 'remote_write' }, samples);
      deps.metrics.ingestBatches.inc({ source: 'remote_write' });
      return { samples, matched: applied.reduce((n, b) => n + b.samples.length, 0) };
    },
  };
}
