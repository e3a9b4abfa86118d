/**
 * Turns remote-written COUNTER series into per-minute good/total increases per SLO (the
 * counting rules are in ./increases.ts).
 *
 * Two ways to keep each series' last point:
 * - `prepareWithState(req)`: the caller keeps them. The sloop server stores them in the
 *   database and computes the increases inside the ingest transaction, so replicas behind a
 *   load balancer share one baseline per series and a retried batch is counted once.
 * - `ingest` / `prepare` + `commit`: in process memory, for a single process. After a restart
 *   each series costs one baseline sample. Series not seen for `staleSeriesMs` of sample time
 *   are forgotten (memory stays bounded under label churn).
 */
import { compileTargets, TargetIndex } from './targets.js';
import { computeIncreases, matchSeries, type Increases, type SeriesPoint } from './increases.js';
import type { WriteRequest } from './write-request.js';

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

/** A request matched against the mappings, waiting for its series' last points. */
export interface StatefulIngest {
  /** Ids of the matched series: the caller locks and reads their last points. */
  seriesIds: string[];
  /** Pure: the increases against `previous` (absent: a series never seen) and the new last points. */
  compute(previous: ReadonlyMap<string, SeriesPoint>): Increases;
}

export interface RemoteWriteMapper {
  /** prepare(req) followed by commit(): for callers that do not need to store first. */
  ingest(req: WriteRequest): SloMinuteCounts[];
  /**
   * Computes counts without advancing state, so a failed store can answer 5xx and let
   * Prometheus retry the same batch. Prepare and commit one request at a time per series.
   */
  prepare(req: WriteRequest): PreparedIngest;
  /** Matches series with the current mappings; the caller keeps the per-series state. */
  prepareWithState(req: WriteRequest): StatefulIngest;
  /** Series whose last value is held in memory (by ingest/prepare). */
  trackedSeries(): number;
  /**
   * Swaps the mappings (config reload) and keeps every series' last value, so a reload does
   * not cost a baseline sample. Throws InputError and keeps the old mappings if one is invalid.
   */
  reconfigure(mappings: readonly RemoteWriteMapping[]): void;
}

const MINUTE_MS = 60_000;

export function createRemoteWriteMapper(
  mappings: readonly RemoteWriteMapping[],
  options: RemoteWriteMapperOptions = {},
): RemoteWriteMapper {
  let active = { mappings: [...mappings], index: new TargetIndex(compileTargets(mappings)) };
  const staleSeriesMs = options.staleSeriesMs ?? 60 * MINUTE_MS;
  const state = new Map<string, SeriesPoint>();
  let newestTimestamp = -Infinity;
  let lastSweep = -Infinity;

  function prepareWithState(req: WriteRequest): StatefulIngest {
    const { mappings, index } = active;
    const series = matchSeries(req, index);
    return {
      seriesIds: series.map((s) => s.id),
      compute: (previous) => computeIncreases(series, (id) => previous.get(id), mappings, staleSeriesMs),
    };
  }

  function prepare(req: WriteRequest): PreparedIngest {
    const { counts, next } = prepareWithState(req).compute(state);
    return {
      counts,
      commit() {
        for (const [id, point] of next) {
          const current = state.get(id);
          if (!current || point.at > current.at) state.set(id, point);
          if (point.at > newestTimestamp) newestTimestamp = point.at;
        }
        sweepStaleSeries();
      },
    };
  }

  function sweepStaleSeries(): void {
    if (newestTimestamp - lastSweep < staleSeriesMs / 4) return;
    lastSweep = newestTimestamp;
    const cutoff = newestTimestamp - staleSeriesMs;
    for (const [id, point] of state) if (point.at < cutoff) state.delete(id);
  }

  return {
    prepare,
    prepareWithState,
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
