/**
 * The pure core of remote_write counting: cumulative counter samples -> per-minute increases
 * per SLO, given each series' last point. The caller decides where the last points live: the
 * server keeps them in the database and runs this inside the ingest transaction (so replicas
 * share them), the in-memory mapper keeps them in a Map.
 *
 * Prometheus's increase() semantics: the first sample of a series is only a baseline; a drop
 * means the counter reset and the new value is the increase; an increase is counted in the
 * minute of the later sample. Samples at or before a series' last point are ignored (a retried
 * or reordered batch never counts twice); NaN values (staleness markers) are ignored; after a
 * gap longer than `staleSeriesMs` the next sample is a new baseline (a series that disappeared
 * and came back does not dump the whole gap's increase into one minute).
 */
import { createHash, hash as oneShotHash } from 'node:crypto';
import type { RemoteWriteMapping, SloMinuteCounts } from './mapper.js';
import type { Target, TargetIndex } from './targets.js';
import type { Label, Sample, WriteRequest } from './write-request.js';

/** The last sample of a series: time (epoch ms) and cumulative value. */
export interface SeriesPoint {
  at: number;
  value: number;
}

/** A series of a request that some SLO selector matches. */
export interface MatchedSeries {
  /** Stable id of the label set (see seriesId). */
  id: string;
  targets: readonly Target[];
  samples: Sample[];
}

export interface Increases {
  counts: SloMinuteCounts[];
  /** New last point of every series that had a usable sample. */
  next: Map<string, SeriesPoint>;
}

interface Bucket { good: number; bad: number; total: number }

const MINUTE_MS = 60_000;

/** Series of `req` that match some target; a label set sent twice in one request is merged. */
export function matchSeries(req: WriteRequest, index: TargetIndex, idOf: (labels: readonly Label[]) => string = seriesId): MatchedSeries[] {
  const byId = new Map<string, MatchedSeries>();
  for (const series of req.timeseries) {
    const targets = index.matching(series.labels);
    if (targets.length === 0) continue;
    const id = idOf(series.labels);
    const seen = byId.get(id);
    if (seen) seen.samples = [...seen.samples, ...series.samples];
    else byId.set(id, { id, targets, samples: series.samples });
  }
  return [...byId.values()];
}

export function computeIncreases(
  series: readonly MatchedSeries[],
  previous: (id: string) => SeriesPoint | undefined,
  mappings: readonly RemoteWriteMapping[],
  staleSeriesMs: number,
): Increases {
  const buckets = new Map<number, Map<number, Bucket>>();
  const next = new Map<string, SeriesPoint>();
  for (const s of series) {
    const last = previous(s.id);
    let lastValue = last ? last.value : NaN;
    let lastAt = last ? last.at : -Infinity;
    // Increases are summed per minute first: a batch usually spans one or two minutes.
    let minute = NaN;
    let increase = 0;
    for (const sample of s.samples) {
      if (!Number.isFinite(sample.value) || sample.timestamp <= lastAt) continue;
      if (!Number.isNaN(lastValue) && sample.timestamp - lastAt <= staleSeriesMs) {
        const sampleMinute = Math.floor(sample.timestamp / MINUTE_MS);
        if (sampleMinute !== minute) {
          if (!Number.isNaN(minute)) addIncrease(buckets, s.targets, minute, increase);
          minute = sampleMinute;
          increase = 0;
        }
        increase += sample.value >= lastValue ? sample.value - lastValue : sample.value;
      }
      lastValue = sample.value;
      lastAt = sample.timestamp;
    }
    if (!Number.isNaN(minute)) addIncrease(buckets, s.targets, minute, increase);
    if (!Number.isNaN(lastValue) && (!last || lastAt > last.at)) next.set(s.id, { at: lastAt, value: lastValue });
  }
  return { counts: toCounts(buckets, mappings), next };
}

/**
 * A 128-bit hash of the label set, so the persisted key has a fixed small size however long
 * the labels are. Labels arrive sorted from Prometheus; the same sender always sends the same
 * order. join() yields one flat string to hash.
 */
export function seriesId(labels: readonly Label[]): string {
  if (!Object.isFrozen(labels)) return hashLabels(labels);
  let id = idsOfFrozen.get(labels);
  if (id === undefined) idsOfFrozen.set(labels, (id = hashLabels(labels)));
  return id;
}

/** Ids of frozen label sets, which the decoder reuses for a series sent again (decode.ts). */
const idsOfFrozen = new WeakMap<readonly Label[], string>();

function hashLabels(labels: readonly Label[]): string {
  let text = '';
  for (let i = 0; i < labels.length; i++) text += (i === 0 ? '' : '\u0000') + labels[i].name + '\u0000' + labels[i].value;
  return sha256Base64url(text).slice(0, 22);
}

/** crypto.hash (Node >= 20.12) hashes in one call, about twice as fast as a Hash object per series. */
const sha256Base64url: (text: string) => string =
  typeof oneShotHash === 'function'
    ? (text) => oneShotHash('sha256', text, 'base64url')
    : (text) => createHash('sha256').update(text).digest('base64url');

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
