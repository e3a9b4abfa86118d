/**
 * SLI counts: the statements of additive, idempotent ingest (ingest-queue.ts groups calls
 * into transactions) and the reads the evaluator needs. The idempotency key is claimed
 * first inside the same transaction as the counts, so a retry that races the original
 * blocks on the key row (PostgreSQL) or the write lock (SQLite) and then sees a duplicate.
 */
import type { Kysely, Transaction } from 'kysely';
import { IDEMPOTENCY_KEY_TTL_MS, type MinuteCount, type SloMinuteCount } from '../store.js';
import type { StoreSchema } from './schema.js';

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

export async function addCounts(trx: Transaction<StoreSchema>, rows: SloMinuteCount[]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    await trx
      .insertInto('sli_counts')
      .values(rows.slice(i, i + ROWS_PER_INSERT))
      .onConflict((oc) =>
        oc.columns(['slo', 'minute']).doUpdateSet((eb) => ({
          good: eb('sli_counts.good', '+', eb.ref('excluded.good')),
          total: eb('sli_counts.total', '+', eb.ref('excluded.total')),
        })),
      )
      .execute();
  }
}

export async function readCounts(db: Db, slo: string, fromMinute: number, toMinuteExclusive: number): Promise<MinuteCount[]> {
  return db
    .selectFrom('sli_counts')
    .select(['minute', 'good', 'total'])
    .where('slo', '=', slo)
    .where('minute', '>=', fromMinute)
    .where('minute', '<', toMinuteExclusive)
    .orderBy('minute')
    .execute();
}

/** Keyset pagination over the primary key: each chunk is one indexed range query. */
export async function* readAllCountsSince(db: Db, fromMinute: number, chunkSize = 10_000): AsyncGenerator<SloMinuteCount[]> {
  let after: SloMinuteCount | undefined;
  for (;;) {
    let query = db.selectFrom('sli_counts').select(['slo', 'minute', 'good', 'total']).where('minute', '>=', fromMinute);
    if (after) {
      const last = after;
      query = query.where((eb) => eb(eb.refTuple('slo', 'minute'), '>', eb.tuple(last.slo, last.minute)));
    }
    const rows = await query.orderBy('slo').orderBy('minute').limit(chunkSize).execute();
    if (rows.length > 0) yield rows;
    if (rows.length < chunkSize) return;
    after = rows[rows.length - 1];
  }
}

export async function pruneCounts(db: Db, beforeMinute: number, slo?: string): Promise<number> {
  let query = db.deleteFrom('sli_counts').where('minute', '<', beforeMinute);
  if (slo !== undefined) query = query.where('slo', '=', slo);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function lastIngestMinute(db: Db, slo: string): Promise<number | null> {
  const row = await db
    .selectFrom('sli_counts')
    .select('minute')
    .where('slo', '=', slo)
    .orderBy('minute', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.minute ?? null;
}

export async function pruneIdempotencyKeys(db: Db, now: number): Promise<number> {
  const result = await db.deleteFrom('idempotency_keys').where('created_at', '<=', now - IDEMPOTENCY_KEY_TTL_MS).executeTakeFirst();
  return Number(result.numDeletedRows);
}
