/**
 * Statements for the persisted per-series state of remote-written counters (see
 * migrations/0006-series-state.ts). Rows are locked before they are read, so two replicas
 * computing increases for the same series serialise: on PostgreSQL existing rows are taken
 * with SELECT ... FOR UPDATE in sorted id order, then placeholder rows are inserted for unseen
 * series (so there is a row to lock) and locked the same way. A deadlock between replicas is
 * unlikely with this order and, if PostgreSQL detects one, fails the request with a 5xx that
 * Prometheus retries. SQLite needs neither: the store's transactions on one file are
 * serialised (one connection per file in a process, one server process per SQLite file).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { SeriesPoint, StoreDialect } from '../store.js';
import type { StoreSchema } from './schema.js';

/*
 * Each statement has one fixed text whatever the number of series: the ids and points travel
 * as one JSON array (SQLite, read with json_each) or as typed arrays (PostgreSQL, = ANY and
 * unnest). A multi-row VALUES list would cost three bound parameters per row, a query
 * compilation in kysely and a fresh statement preparation per call, which profiling showed
 * to be a large part of remote_write's time. SQLite 3.53 parses JSON numbers to the same
 * double JavaScript wrote (series-state.test.ts checks awkward values), and PostgreSQL reads
 * float8 array elements from their shortest round-trip text, so points stay exact.
 */

interface SeriesRow {
  id: string;
  last_at: number | string | null;
  last_value: number | null;
}

async function readRows(trx: Transaction<StoreSchema>, dialect: StoreDialect, ids: readonly string[]): Promise<SeriesRow[]> {
  const query =
    dialect === 'postgres'
      ? // ORDER BY below FOR UPDATE: rows are locked in id order, the same order on every replica.
        sql<SeriesRow>`select id, last_at, last_value from remote_write_series where id = any(${[...ids]}::text[]) order by id for update`
      : sql<SeriesRow>`select id, last_at, last_value from remote_write_series where id in (select value from json_each(${JSON.stringify(ids)}))`;
  return (await query.execute(trx)).rows;
}

/** Locks the rows of `ids` for this transaction and returns their last points (absent: never seen). */
export async function lockSeries(trx: Transaction<StoreSchema>, dialect: StoreDialect, ids: readonly string[]): Promise<Map<string, SeriesPoint>> {
  const points = new Map<string, SeriesPoint>();
  const take = (rows: SeriesRow[]) => {
    for (const row of rows) {
      if (row.last_at !== null && row.last_value !== null) points.set(row.id, { at: Number(row.last_at), value: row.last_value });
    }
    return rows;
  };
  // SQLite takes no row locks (the transaction holds the file's write lock), so neither order
  // nor duplicates matter there.
  if (dialect !== 'postgres') {
    take(await readRows(trx, dialect, ids));
    return points;
  }
  const sorted = [...new Set(ids)].sort();
  const found = new Set(take(await readRows(trx, dialect, sorted)).map((row) => row.id));
  // New series have no row to lock yet: insert placeholders (blocking on a concurrent insert
  // of the same id until it commits), then lock them. Steady state skips this.
  const missing = sorted.filter((id) => !found.has(id));
  if (missing.length > 0) {
    await sql`insert into remote_write_series (id, last_at, last_value) select id, null, null from unnest(${missing}::text[]) as t(id) on conflict (id) do nothing`.execute(trx);
    take(await readRows(trx, dialect, missing));
  }
  return points;
}

/** Writes the new last points of series locked by `lockSeries` in the same transaction. */
export async function saveSeries(trx: Transaction<StoreSchema>, dialect: StoreDialect, points: ReadonlyMap<string, SeriesPoint>): Promise<void> {
  if (points.size === 0) return;
  const upsert = sql`on conflict (id) do update set last_at = excluded.last_at, last_value = excluded.last_value`;
  if (dialect === 'postgres') {
    // In id order, like the locks, in case a row was not locked by lockSeries.
    const ids = [...points.keys()].sort();
    const ats = ids.map((id) => points.get(id)!.at);
    const values = ids.map((id) => points.get(id)!.value);
    await sql`insert into remote_write_series (id, last_at, last_value) select * from unnest(${ids}::text[], ${ats}::bigint[], ${values}::float8[]) ${upsert}`.execute(trx);
    return;
  }
  const rows: Array<[string, number, number]> = [];
  for (const [id, p] of points) rows.push([id, p.at, p.value]);
  // "where true" resolves SQLite's parse ambiguity between an upsert's ON and a join's ON.
  await sql`insert into remote_write_series (id, last_at, last_value) select value ->> 0, value ->> 1, value ->> 2 from json_each(${JSON.stringify(rows)}) where true ${upsert}`.execute(trx);
}

/** Deletes series whose last sample is older than `beforeAt` (and unused placeholders). */
export async function pruneSeriesState(db: Kysely<StoreSchema>, beforeAt: number): Promise<number> {
  const result = await db
    .deleteFrom('remote_write_series')
    .where((eb) => eb.or([eb('last_at', '<', beforeAt), eb('last_at', 'is', null)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
