/** Glue between the SLO model, the mapper and the store's batch shape. */
import type { Slo } from '../../../slo/model.js';
import type { RemoteWriteMapping, SloMinuteCounts } from './mapper.js';

/** The mappings declared by SLOs with `sli.remoteWrite`, in config order. */
export function remoteWriteMappingsFrom(slos: readonly Slo[]): RemoteWriteMapping[] {
  const mappings: RemoteWriteMapping[] = [];
  for (const slo of slos) {
    const rw = slo.sli.remoteWrite;
    if (rw) mappings.push({ slo: slo.name, total: rw.total, ...(rw.good !== undefined ? { good: rw.good } : {}), ...(rw.bad !== undefined ? { bad: rw.bad } : {}) });
  }
  return mappings;
}

/** Groups mapper output into `{ slo, samples }` batches, the shape of Store.ingestSamples. */
export function groupCountsBySlo(counts: readonly SloMinuteCounts[]): Array<{ slo: string; samples: Array<{ minute: number; good: number; total: number }> }> {
  const bySlo = new Map<string, Array<{ minute: number; good: number; total: number }>>();
  for (const c of counts) {
    let samples = bySlo.get(c.slo);
    if (!samples) bySlo.set(c.slo, (samples = []));
    samples.push({ minute: c.minute, good: c.good, total: c.total });
  }
  return [...bySlo].map(([slo, samples]) => ({ slo, samples }));
}
