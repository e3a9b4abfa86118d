/**
 * SLI counts: the statements of additive, idempotent ingest (ingest-queue.ts groups calls
 * into transactions) and the reads the evaluator needs. The idempotency key is claimed
 * first inside the same transaction as the counts, so a retry that races the original
 * blocks on the key row (PostgreSQL) or the write lock (SQLite) and then sees a duplicate.
 * Rows reference SLOs by id (slo-ids.ts); reads join or map back to names.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { IDEMPOTENCY_KEY_TTL_MS, type MinuteCount, type SloMinuteCount, type StoreDialect } from '../store.js';
import type { StoreSchema } from './schema.js';
import type { SloIdCache } from './slo-ids.js';

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

/**
 * Adds rows (at most one per slo+minute) to the stored counts, in the given order, with one
 * fixed statement: the rows travel as one JSON array (SQLite) or as typed arrays (PostgreSQL),
 * as in series-state.ts, so the statement is neither compiled by kysely nor prepared per row
 * count. Both databases read the doubles back exactly (series.case.ts checks).
 */
export async function addCounts(trx: Transaction<StoreSchema>, dialect: StoreDialect, rows: SloMinuteCount[], sloIds: ReadonlyMap<string, number>): Promise<void> {
  if (rows.length === 0) return;
  const add = sql`on conflict (slo_id, minute) do update set good = sli_counts.good + excluded.good, total = sli_counts.total + excluded.total`;
  if (dialect === 'postgres') {
    const ids = rows.map((r) => sloIds.get(r.slo)!);
    const minutes = rows.map((r) => r.minute);
    const good = rows.map((r) => r.good);
    const total = rows.map((r) => r.total);
    // WITH ORDINALITY + ORDER BY keeps the caller's order, which is the lock order on the rows.
    await sql`insert into sli_counts (slo_id, minute, good, total)
      select slo_id, minute, good, total from unnest(${ids}::int[], ${minutes}::int[], ${good}::float8[], ${total}::float8[]) with ordinality as t(slo_id, minute, good, total, n)
      order by n ${add}`.execute(trx);
    return;
  }
  const payload = JSON.stringify(rows.map((r) => [sloIds.get(r.slo)!, r.minute, r.good, r.total]));
  // "where true" resolves SQLite's parse ambiguity between an upsert's ON and a join's ON.
  await sql`insert into sli_counts (slo_id, minute, good, total)
    select value ->> 0, value ->> 1, value ->> 2, value ->> 3 from json_each(${payload}) where true ${add}`.execute(trx);
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
