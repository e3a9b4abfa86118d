/**
 * Turns remote-written COUNTER series into per-minute good/total increases per SLO.
 *
 * remote_write carries cumulative values, so the mapper keeps the last value of every series
 * that matches some SLO selector and emits increases, with Prometheus's increase() semantics:
 * the first sample of a series is only a baseline, a drop means the counter reset and the new
 * value is the increase. An increase is counted in the minute of the later sample.
 *
 * Per-series state lives in memory only: after a restart each series costs one baseline sample
 * (the increase between the last sample before the restart and the first after it is lost).
 * Samples at or before a series' last timestamp are ignored, so a retried batch never double
 * counts. NaN values (Prometheus's staleness markers) are ignored. Series not seen for
 * `staleSeriesMs` of sample time are forgotten (memory stays bounded under label churn).
 */
import { compileTargets, TargetIndex, type Target } from './targets.js';
import type { Label, WriteRequest } from './write-request.js';

export interface RemoteWriteMapping {
  slo: string;
  /** Series selectors; exactly one of good and bad. */
  good?: string;
  bad?: string;
  total: string;
}

/** Same shape as the store's SloMinuteCount, so the server can ingest it as is. */
export interface SloMinuteCounts {
  slo: string;
  /** Epoch minute: Math.floor(epochMs / 60000), as in src/store. */
  minute: number;
  good: number;
  total: number;
}

export interface RemoteWriteMapperOptions {
  /** Forget a series after this much sample time without a sample. Default 1 hour. */
  staleSeriesMs?: number;
}

export interface PreparedIngest {
  counts: SloMinuteCounts[];
  /** Applies the per-series state; call it once the counts are durably stored. */
  commit(): void;
}

export interface RemoteWriteMapper {
  /** prepare(req) followed by commit(): for callers that do not need to store first. */
  ingest(req: WriteRequest): SloMinuteCounts[];
  /**
   * Computes counts without advancing state, so a failed store can answer 5xx and let
   * Prometheus retry the same batch. Prepare and commit one request at a time per series.
   */
  prepare(req: WriteRequest): PreparedIngest;
  /** Series whose last value is held in memory. */
  trackedSeries(): number;
  /**
   * Swaps the mappings (config reload) and keeps every series' last value, so a reload does
   * not cost a baseline sample. Throws InputError and keeps the old mappings if one is invalid.
   */
  reconfigure(mappings: readonly RemoteWriteMapping[]): void;
}

interface SeriesState { value: number; timestamp: number }
interface Bucket { good: number; bad: number; total: number }

const MINUTE_MS = 60_000;

export function createRemoteWriteMapper(
  mappings: readonly RemoteWriteMapping[],
  options: RemoteWriteMapperOptions = {},
): RemoteWriteMapper {
  let active = { mappings: [...mappings], index: new TargetIndex(compileTargets(mappings)) };
  const staleSeriesMs = options.staleSeriesMs ?? 60 * MINUTE_MS;
  const state = new Map<string, SeriesState>();
  let newestTimestamp = -Infinity;
  let lastSweep = -Infinity;

  function prepare(req: WriteRequest): PreparedIngest {
    const { mappings, index } = active;
    const buckets = new Map<number, Map<number, Bucket>>();
    const updates = new Map<string, SeriesState>();
    for (const series of req.timeseries) {
      const matched = index.matching(series.labels);
      if (matched.length === 0) continue;
      const key = seriesKey(series.labels);
      const previous = updates.get(key) ?? state.get(key);
      let lastValue = previous ? previous.value : NaN;
      let lastTimestamp = previous ? previous.timestamp : -Infinity;
      // Increases are summed per minute first: a batch usually spans one or two minutes.
      let minute = NaN;
      let increase = 0;
      for (const sample of series.samples) {
        if (!Number.isFinite(sample.value) || sample.timestamp <= lastTimestamp) continue;
        if (!Number.isNaN(lastValue)) {
          const sampleMinute = Math.floor(sample.timestamp / MINUTE_MS);
          if (sampleMinute !== minute) {
            if (!Number.isNaN(minute)) addIncrease(buckets, matched, minute, increase);
            minute = sampleMinute;
            increase = 0;
          }
          increase += sample.value >= lastValue ? sample.value - lastValue : sample.value;
        }
        lastValue = sample.value;
        lastTimestamp = sample.timestamp;
      }
      if (!Number.isNaN(minute)) addIncrease(buckets, matched, minute, increase);
      if (!Number.isNaN(lastValue)) updates.set(key, { value: lastValue, timestamp: lastTimestamp });
    }
    return {
      counts: toCounts(buckets, mappings),
      commit() {
        for (const [key, s] of updates) {
          const current = state.get(key);
          if (!current || s.timestamp > current.timestamp) state.set(key, s);
          if (s.timestamp > newestTimestamp) newestTimestamp = s.timestamp;
        }
        sweepStaleSeries();
      },
    };
  }

  function sweepStaleSeries(): void {
    if (newestTimestamp - lastSweep < staleSeriesMs / 4) return;
    lastSweep = newestTimestamp;
    const cutoff = newestTimestamp - staleSeriesMs;
    for (const [key, s] of state) if (s.timestamp < cutoff) state.delete(key);
  }

  return {
    prepare,
    ingest(req) {
      const prepared = prepare(req);
      prepared.commit();
      return prepared.counts;
    },
    trackedSeries: () => state.size,
    reconfigure(next) {
      active = { mappings: [...next], index: new TargetIndex(compileTargets(next)) };
    },
  };
}

/**
 * Labels arrive sorted from Prometheus; the same sender always sends the same order. join()
 * yields a flat string: a `+=` chain would keep a rope of small strings alive per series (about
 * 4x the memory of the flat key).
 */
function seriesKey(labels: readonly Label[]): string {
  const parts: string[] = new Array(labels.length * 2);
  for (let i = 0; i < labels.length; i++) {
    parts[2 * i] = labels[i].name;
    parts[2 * i + 1] = labels[i].value;
  }
  return parts.join('\u0000');
}

function addIncrease(buckets: Map<number, Map<number, Bucket>>, matched: readonly Target[], minute: number, increase: number): void {
  for (const t of matched) bucketFor(buckets, t.mapping, minute)[t.role] += increase;
}

function bucketFor(buckets: Map<number, Map<number, Bucket>>, mapping: number, minute: number): Bucket {
  let byMinute = buckets.get(mapping);
  if (!byMinute) buckets.set(mapping, (byMinute = new Map()));
  let bucket = byMinute.get(minute);
  if (!bucket) byMinute.set(minute, (bucket = { good: 0, bad: 0, total: 0 }));
  return bucket;
}

/**
 * good = total - bad when bad is configured. Good and total series scraped at slightly
 * different times can disagree within a minute; good is clamped to [0, total] so every
 * emitted row is a valid SLI sample.
 */
function toCounts(buckets: Map<number, Map<number, Bucket>>, mappings: readonly RemoteWriteMapping[]): SloMinuteCounts[] {
  const counts: SloMinuteCounts[] = [];
  for (const [mapping, byMinute] of [...buckets].sort((a, b) => a[0] - b[0])) {
    const usesBad = mappings[mapping].bad !== undefined;
    for (const [minute, b] of [...byMinute].sort((a, c) => a[0] - c[0])) {
      const rawGood = usesBad ? b.total - b.bad : b.good;
      counts.push({ slo: mappings[mapping].slo, minute, good: Math.min(Math.max(rawGood, 0), b.total), total: b.total });
    }
  }
  return counts;
}
