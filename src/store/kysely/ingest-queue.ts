/**
 * Group commit for ingest. Each acknowledged ingest needs a durable commit, and a commit
 * costs an fsync (milliseconds on real disks), so one transaction per HTTP request caps
 * throughput at the disk's fsync rate. Calls that arrive while a commit is in flight wait
 * and are committed together in the next transaction; every caller still resolves only
 * after the commit that holds its data. Each call keeps its own idempotency key, claimed in
 * call order inside the shared transaction, so a duplicate inside one group is detected too.
 * Input is validated per call before queueing, so a bad batch fails alone; a database
 * error fails the whole group (no caller was acknowledged, so all may retry).
 *
 * remote_write calls (`series`) join the same groups: the group first locks the persisted
 * last points of every series any of its calls touches (series-state.ts), then computes each
 * call's increases in call order against those points (a later call in the group sees the
 * points an earlier one advanced), and writes the counts and the new points before commit.
 */
import type { Kysely } from 'kysely';
import type { IngestOptions, IngestResult, SeriesIngest, SeriesIngestResult, SeriesPoint, SloMinuteCount, SloSamples, StoreDialect } from '../store.js';
import { addCounts, claimIdempotencyKey } from './counts.js';
import { lockSeries, saveSeries } from './series-state.js';
import type { StoreSchema } from './schema.js';
import type { SloIdCache } from './slo-ids.js';
import { aggregateSamples, validateIdempotencyKey, validateSeriesIds } from './validate-ingest.js';

const MAX_CALLS_PER_GROUP = 256;
const MAX_ROWS_PER_GROUP = 50_000;

interface PendingIngest {
  rows: SloMinuteCount[];
  sampleCount: number;
  key: string | undefined;
  now: number;
  resolve(result: IngestResult): void;
  reject(error: unknown): void;
}

interface PendingSeries {
  series: SeriesIngest;
  /** Group sizing only: series calls usually add about one row per series. */
  rows: { length: number };
  resolve(result: SeriesIngestResult): void;
  reject(error: unknown): void;
}

type Pending = PendingIngest | PendingSeries;

function isSeries(call: Pending): call is PendingSeries {
  return 'series' in call;
}

/** Runs one series call's compute against the group's current points; throws InputError on bad output. */
function computeSeries(call: PendingSeries, points: Map<string, SeriesPoint>): { rows: SloMinuteCount[]; applied: SloSamples[]; next: ReadonlyMap<string, SeriesPoint> } {
  const { counts, next } = call.series.compute(points);
  const bySlo = new Map<string, SloSamples>();
  for (const c of counts) {
    let batch = bySlo.get(c.slo);
    if (!batch) bySlo.set(c.slo, (batch = { slo: c.slo, samples: [] }));
    batch.samples.push({ minute: c.minute, good: c.good, total: c.total });
  }
  const applied = [...bySlo.values()];
  return { rows: aggregateSamples(applied).rows, applied, next };
}

function mergeRows(into: Map<string, SloMinuteCount>, rows: SloMinuteCount[]): void {
  for (const row of rows) {
    const key = `${row.slo}\u0000${row.minute}`;
    const existing = into.get(key);
    if (existing) {
      existing.good += row.good;
      existing.total += row.total;
    } else {
      into.set(key, { ...row });
    }
  }
}

type CallOutcome = { ok: IngestResult | SeriesIngestResult } | { error: unknown };

async function commitGroup(db: Kysely<StoreSchema>, dialect: StoreDialect, sloIds: SloIdCache, group: Pending[]): Promise<CallOutcome[]> {
  const { results, ids } = await db.transaction().execute(async (trx) => {
    const results: CallOutcome[] = [];
    const merged = new Map<string, SloMinuteCount>();
    const seriesIds = group.flatMap((call) => (isSeries(call) ? call.series.seriesIds : []));
    const points = seriesIds.length > 0 ? await lockSeries(trx, dialect, seriesIds) : new Map<string, SeriesPoint>();
    const changedPoints = new Map<string, SeriesPoint>();
    for (const call of group) {
      if (isSeries(call)) {
        let computed;
        try {
          computed = computeSeries(call, points);
        } catch (err: unknown) {
          // A bad result fails only this call; the group's points are not advanced by it.
          results.push({ error: err });
          continue;
        }
        for (const [id, point] of computed.next) {
          // Points only move forward, whatever a compute returns.
          const current = points.get(id);
          if (current && point.at <= current.at) continue;
          points.set(id, point);
          changedPoints.set(id, point);
        }
        mergeRows(merged, computed.rows);
        results.push({ ok: { applied: computed.applied } });
        continue;
      }
      if (call.key !== undefined) {
        const original = await claimIdempotencyKey(trx, call.key, call.sampleCount, call.now);
        if (original !== null) {
          results.push({ ok: { accepted: original, duplicate: true } });
          continue;
        }
      }
      mergeRows(merged, call.rows);
      results.push({ ok: { accepted: call.sampleCount, duplicate: false } });
    }
    if (changedPoints.size > 0) await saveSeries(trx, dialect, changedPoints);
    const rows = [...merged.values()];
    const ids = await sloIds.ensure(trx, rows.map((r) => r.slo));
    // One order for every writer: replicas upserting the same rows cannot deadlock.
    rows.sort((a, b) => ids.get(a.slo)! - ids.get(b.slo)! || a.minute - b.minute);
    await addCounts(trx, dialect, rows, ids);
    return { results, ids };
  });
  sloIds.remember(ids);
  return results;
}

export class IngestQueue {
  readonly #db: Kysely<StoreSchema>;
  readonly #dialect: StoreDialect;
  readonly #sloIds: SloIdCache;
  #queue: Pending[] = [];
  /** Set and cleared synchronously with the queue check, so no call is ever left behind. */
  #running = false;
  #drained: Promise<void> = Promise.resolve();

  constructor(db: Kysely<StoreSchema>, dialect: StoreDialect, sloIds: SloIdCache) {
    this.#db = db;
    this.#dialect = dialect;
    this.#sloIds = sloIds;
  }

  async ingest(batches: SloSamples[], opts: IngestOptions): Promise<IngestResult> {
    validateIdempotencyKey(opts.idempotencyKey);
    const { rows, sampleCount } = aggregateSamples(batches);
    return new Promise<IngestResult>((resolve, reject) => {
      this.#enqueue({ rows, sampleCount, key: opts.idempotencyKey, now: opts.now, resolve, reject });
    });
  }

  async ingestSeries(series: SeriesIngest): Promise<SeriesIngestResult> {
    validateSeriesIds(series.seriesIds);
    return new Promise<SeriesIngestResult>((resolve, reject) => {
      this.#enqueue({ series, rows: { length: series.seriesIds.length }, resolve, reject });
    });
  }

  #enqueue(call: Pending): void {
    this.#queue.push(call);
    if (!this.#running) {
      this.#running = true;
      this.#drained = this.#drain();
    }
  }

  /** Resolves once every queued call has been committed or failed. */
  async idle(): Promise<void> {
    while (this.#running) await this.#drained;
  }

  #takeGroup(): Pending[] {
    let rows = 0;
    let count = 0;
    while (count < this.#queue.length && count < MAX_CALLS_PER_GROUP) {
      rows += this.#queue[count]!.rows.length;
      count++;
      if (rows >= MAX_ROWS_PER_GROUP) break;
    }
    return this.#queue.splice(0, count);
  }

  async #drain(): Promise<void> {
    // Let every call that is ready join the first group: wait for the event loop's check
    // phase, after the I/O callbacks of this loop turn (other requests whose bodies arrived
    // together) have enqueued. A microtask is not enough on SQLite: better-sqlite3 runs the
    // whole transaction synchronously inside promise callbacks, so requests that arrived
    // meanwhile are only read afterwards and each would otherwise commit (and fsync) alone.
    await new Promise<void>((resolve) => setImmediate(resolve));
    for (;;) {
      if (this.#queue.length === 0) {
        this.#running = false;
        return;
      }
      const group = this.#takeGroup();
      try {
        const outcomes = await commitGroup(this.#db, this.#dialect, this.#sloIds, group);
        group.forEach((call, i) => {
          const outcome = outcomes[i]!;
          if ('error' in outcome) call.reject(outcome.error);
          else (call.resolve as (r: IngestResult | SeriesIngestResult) => void)(outcome.ok);
        });
      } catch (err: unknown) {
        for (const call of group) call.reject(err);
      }
    }
  }
}
