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
import { InputError, type FieldProblem } from '../../../errors/index.js';
import { labelValue, parseSeriesSelector, selectorMatches, type SeriesSelector } from './selector.js';
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

type Role = 'good' | 'bad' | 'total';
interface Target { mapping: number; role: Role; selector: SeriesSelector }
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
 * Finds the selectors that may match a series without testing all of them: by metric name,
 * then by the value of the label most selectors of that name pin with `=` (usually `job` or
 * `service`). Remote write sends every series Prometheus has, so this runs per series per
 * request; with many SLOs on one metric it turns a scan of all selectors into a map lookup.
 */
class TargetIndex {
  private readonly byName = new Map<string, NameIndex>();
  private readonly anyName: Target[] = [];

  constructor(targets: Target[]) {
    const named = new Map<string, Target[]>();
    for (const t of targets) {
      const name = t.selector.metricName;
      if (name === undefined) this.anyName.push(t);
      else named.set(name, [...(named.get(name) ?? []), t]);
    }
    for (const [name, group] of named) this.byName.set(name, buildNameIndex(group));
  }

  matching(labels: readonly Label[]): Target[] {
    const matched: Target[] = [];
    const entry = this.byName.get(labelValue(labels, '__name__'));
    if (entry) {
      if (entry.label !== null) collect(entry.byValue.get(labelValue(labels, entry.label)), labels, matched);
      collect(entry.rest, labels, matched);
    }
    collect(this.anyName, labels, matched);
    return matched;
  }
}

interface NameIndex {
  label: string | null;
  byValue: Map<string, Target[]>;
  rest: Target[];
}

function buildNameIndex(targets: Target[]): NameIndex {
  const pinned = (t: Target, label: string) => t.selector.matchers.find((m) => m.name === label && m.op === '=');
  const counts = new Map<string, number>();
  for (const t of targets) {
    for (const m of t.selector.matchers) if (m.op === '=' && m.name !== '__name__') counts.set(m.name, (counts.get(m.name) ?? 0) + 1);
  }
  const label = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  const byValue = new Map<string, Target[]>();
  const rest: Target[] = [];
  for (const t of targets) {
    const m = label === null ? undefined : pinned(t, label);
    if (m) byValue.set(m.value, [...(byValue.get(m.value) ?? []), t]);
    else rest.push(t);
  }
  return { label, byValue, rest };
}

function collect(candidates: readonly Target[] | undefined, labels: readonly Label[], into: Target[]): void {
  if (candidates) for (const t of candidates) if (selectorMatches(t.selector, labels)) into.push(t);
}

function compileTargets(mappings: readonly RemoteWriteMapping[]): Target[] {
  const problems: FieldProblem[] = [];
  const targets: Target[] = [];
  const seen = new Set<string>();
  mappings.forEach((m, i) => {
    if (seen.has(m.slo)) problems.push({ path: `mappings[${i}].slo`, message: `SLO "${m.slo}" is mapped twice; keep one mapping per SLO` });
    seen.add(m.slo);
    if ((m.good === undefined) === (m.bad === undefined)) {
      problems.push({ path: `mappings[${i}]`, message: `SLO "${m.slo}": give exactly one of good and bad (besides total)` });
    }
    for (const role of ['good', 'bad', 'total'] as const) {
      const text = m[role];
      if (text === undefined) continue;
      try {
        targets.push({ mapping: i, role, selector: parseSeriesSelector(text) });
      } catch (err: unknown) {
        if (!(err instanceof InputError)) throw err;
        problems.push({ path: `mappings[${i}].${role}`, message: `SLO "${m.slo}": ${err.message}` });
      }
    }
  });
  if (problems.length > 0) {
    throw new InputError(
      `remote_write mapping has ${problems.length} problem(s): ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
      problems,
    );
  }
  return targets;
}

/** Labels arrive sorted from Prometheus; the same sender always sends the same order. */
function seriesKey(labels: readonly Label[]): string {
  let key = '';
  for (const l of labels) key += l.name + '\u0000' + l.value + '\u0001';
  return key;
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
