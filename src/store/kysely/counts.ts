/**
 * SLI counts: the statements of additive, idempotent ingest (ingest-queue.ts groups calls
 * into transactions) and the reads the evaluator needs. The idempotency key is claimed
 * first inside the same transaction as the counts, so a retry that races the original
 * blocks on the key row (PostgreSQL) or the write lock (SQLite) and then sees a duplicate.
 * Rows reference SLOs by id (slo-ids.ts); reads join or map back to names.
 */
import type { Kysely, Transaction } from 'kysely';
import { IDEMPOTENCY_KEY_TTL_MS, type MinuteCount, type SloMinuteCount } from '../store.js';
import type { StoreSchema } from './schema.js';
import type { SloIdCache } from './slo-ids.js';

/** 4 parameters per row: 1,000 rows stay far below SQLite's 32,766 and PostgreSQL's 65,535. */
const ROWS_PER_INSERT = 1000;

type Db = Kysely<StoreSchema>;

/** Returns null when the key is new (or expired) and now ours; else the original's accepted count. */
export async function claimIdempotencyKey(trx: Transaction<StoreSchema>, key: string, accepted: number, now: number): Promise<number | null> {
  const inserted = await trx
    .insertInto('idempotency_keys')
    .values({ key, created_at: now, accepted })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .executeTakeFirst();
  if (inserted) return null;
  const renewed = await trx
    .updateTable('idempotency_keys')
    .set({ created_at: now, accepted })
    .where('key', '=', key)
    .where('created_at', '<=', now - IDEMPOTENCY_KEY_TTL_MS)
    .returning('key')
    .executeTakeFirst();
  if (renewed) return null;
  const existing = await trx.selectFrom('idempotency_keys').select('accepted').where('key', '=', key).executeTakeFirst();
  return existing?.accepted ?? 0;
}

/** Adds rows (at most one per slo+minute) to the stored counts. */
export async function addCounts(trx: Transaction<StoreSchema>, rows: SloMinuteCount[], sloIds: ReadonlyMap<string, number>): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const values = rows.slice(i, i + ROWS_PER_INSERT).map((r) => ({ slo_id: sloIds.get(r.slo)!, minute: r.minute, good: r.good, total: r.total }));
    await trx
      .insertInto('sli_counts')
      .values(values)
      .onConflict((oc) =>
        oc.columns(['slo_id', 'minute']).doUpdateSet((eb) => ({
          good: eb('sli_counts.good', '+', eb.ref('excluded.good')),
          total: eb('sli_counts.total', '+', eb.ref('excluded.total')),
        })),
      )
      .execute();
  }
}

function sloIdOf(db: Db, slo: string) {
  return db.selectFrom('slos').select('id').where('name', '=', slo);
}

export async function readCounts(db: Db, slo: string, fromMinute: number, toMinuteExclusive: number): Promise<MinuteCount[]> {
  return db
    .selectFrom('sli_counts')
    .select(['minute', 'good', 'total'])
    .where('slo_id', '=', sloIdOf(db, slo))
    .where('minute', '>=', fromMinute)
    .where('minute', '<', toMinuteExclusive)
    .orderBy('minute')
    .execute();
}

/**
 * Keyset pagination over the (minute, slo_id) index: each chunk is one indexed range query,
 * and a read of recent minutes touches only recent rows however much history is kept.
 */
export async function* readAllCountsSince(db: Db, cache: SloIdCache, fromMinute: number, chunkSize = 10_000): AsyncGenerator<SloMinuteCount[]> {
  let after: { minute: number; slo_id: number } | undefined;
  for (;;) {
    // Spelled out rather than as a row value `(minute, slo_id) > (?, ?)`: SQLite then seeks
    // the index straight to the last minute instead of rescanning from fromMinute per chunk.
    const last = after;
    const query = last
      ? db
          .selectFrom('sli_counts')
          .select(['slo_id', 'minute', 'good', 'total'])
          .where('minute', '>=', last.minute)
          .where((eb) => eb.or([eb('minute', '>', last.minute), eb('slo_id', '>', last.slo_id)]))
      : db.selectFrom('sli_counts').select(['slo_id', 'minute', 'good', 'total']).where('minute', '>=', fromMinute);
    const rows = await query.orderBy('minute').orderBy('slo_id').limit(chunkSize).execute();
    const chunk: SloMinuteCount[] = [];
    for (const row of rows) {
      const slo = cache.cachedName(row.slo_id) ?? (await cache.nameOf(db, row.slo_id));
      if (slo !== undefined) chunk.push({ slo, minute: row.minute, good: row.good, total: row.total });
    }
    if (chunk.length > 0) yield chunk;
    if (rows.length < chunkSize) return;
    const final = rows[rows.length - 1]!;
    after = { minute: final.minute, slo_id: final.slo_id };
  }
}

export async function pruneCounts(db: Db, beforeMinute: number, slo?: string): Promise<number> {
  let query = db.deleteFrom('sli_counts').where('minute', '<', beforeMinute);
  if (slo !== undefined) query = query.where('slo_id', '=', sloIdOf(db, slo));
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function lastIngestMinute(db: Db, slo: string): Promise<number | null> {
  const row = await db
    .selectFrom('sli_counts')
    .select('minute')
    .where('slo_id', '=', sloIdOf(db, slo))
    .orderBy('minute', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.minute ?? null;
}

export async function pruneIdempotencyKeys(db: Db, now: number): Promise<number> {
  const result = await db.deleteFrom('idempotency_keys').where('created_at', '<=', now - IDEMPOTENCY_KEY_TTL_MS).executeTakeFirst();
  return Number(result.numDeletedRows);
}
