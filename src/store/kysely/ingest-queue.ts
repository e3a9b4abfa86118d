/**
 * Group commit for ingest. Each acknowledged ingest needs a durable commit, and a commit
 * costs an fsync (milliseconds on real disks), so one transaction per HTTP request caps
 * throughput at the disk's fsync rate. Calls that arrive while a commit is in flight wait
 * and are committed together in the next transaction; every caller still resolves only
 * after the commit that holds its data. Each call keeps its own idempotency key, claimed in
 * call order inside the shared transaction, so a duplicate inside one group is detected too.
 * Input is validated per call before queueing, so a bad batch fails alone; a database
 * error fails the whole group (no caller was acknowledged, so all may retry).
 */
import type { Kysely } from 'kysely';
import type { IngestOptions, IngestResult, SloMinuteCount, SloSamples } from '../store.js';
import { addCounts, claimIdempotencyKey } from './counts.js';
import type { StoreSchema } from './schema.js';
import type { SloIdCache } from './slo-ids.js';
import { aggregateSamples, validateIdempotencyKey } from './validate-ingest.js';

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

async function commitGroup(db: Kysely<StoreSchema>, sloIds: SloIdCache, group: PendingIngest[]): Promise<IngestResult[]> {
  const { results, ids } = await db.transaction().execute(async (trx) => {
    const results: IngestResult[] = [];
    const merged = new Map<string, SloMinuteCount>();
    for (const call of group) {
      if (call.key !== undefined) {
        const original = await claimIdempotencyKey(trx, call.key, call.sampleCount, call.now);
        if (original !== null) {
          results.push({ accepted: original, duplicate: true });
          continue;
        }
      }
      mergeRows(merged, call.rows);
      results.push({ accepted: call.sampleCount, duplicate: false });
    }
    const rows = [...merged.values()];
    const ids = await sloIds.ensure(trx, rows.map((r) => r.slo));
    await addCounts(trx, rows, ids);
    return { results, ids };
  });
  sloIds.remember(ids);
  return results;
}

export class IngestQueue {
  readonly #db: Kysely<StoreSchema>;
  readonly #sloIds: SloIdCache;
  #queue: PendingIngest[] = [];
  /** Set and cleared synchronously with the queue check, so no call is ever left behind. */
  #running = false;
  #drained: Promise<void> = Promise.resolve();

  constructor(db: Kysely<StoreSchema>, sloIds: SloIdCache) {
    this.#db = db;
    this.#sloIds = sloIds;
  }

  async ingest(batches: SloSamples[], opts: IngestOptions): Promise<IngestResult> {
    validateIdempotencyKey(opts.idempotencyKey);
    const { rows, sampleCount } = aggregateSamples(batches);
    return new Promise<IngestResult>((resolve, reject) => {
      this.#queue.push({ rows, sampleCount, key: opts.idempotencyKey, now: opts.now, resolve, reject });
      if (!this.#running) {
        this.#running = true;
        this.#drained = this.#drain();
      }
    });
  }

  /** Resolves once every queued call has been committed or failed. */
  async idle(): Promise<void> {
    while (this.#running) await this.#drained;
  }

  #takeGroup(): PendingIngest[] {
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
    // Let callers of the same tick join the first group.
    await Promise.resolve();
    for (;;) {
      if (this.#queue.length === 0) {
        this.#running = false;
        return;
      }
      const group = this.#takeGroup();
      try {
        const results = await commitGroup(this.#db, this.#sloIds, group);
        group.forEach((call, i) => call.resolve(results[i]!));
      } catch (err: unknown) {
        for (const call of group) call.reject(err);
      }
    }
  }
}
