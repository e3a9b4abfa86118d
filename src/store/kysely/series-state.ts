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
import type { Kysely, Transaction } from 'kysely';
import type { SeriesPoint, StoreDialect } from '../store.js';
import type { StoreSchema } from './schema.js';

/** 3 parameters per row: 1,000 rows stay far below both databases' parameter limits. */
const ROWS_PER_STATEMENT = 1000;

/** Locks the rows of `ids` for this transaction and returns their last points (absent: never seen). */
export async function lockSeries(trx: Transaction<StoreSchema>, dialect: StoreDialect, ids: readonly string[]): Promise<Map<string, SeriesPoint>> {
  const sorted = [...new Set(ids)].sort();
  const points = new Map<string, SeriesPoint>();
  const read = async (chunk: readonly string[]): Promise<Set<string>> => {
    let query = trx.selectFrom('remote_write_series').select(['id', 'last_at', 'last_value']).where('id', 'in', chunk).orderBy('id');
    if (dialect === 'postgres') query = query.forUpdate();
    const found = new Set<string>();
    for (const row of await query.execute()) {
      found.add(row.id);
      if (row.last_at !== null && row.last_value !== null) points.set(row.id, { at: Number(row.last_at), value: row.last_value });
    }
    return found;
  };
  for (let i = 0; i < sorted.length; i += ROWS_PER_STATEMENT) {
    const chunk = sorted.slice(i, i + ROWS_PER_STATEMENT);
    const found = await read(chunk);
    if (dialect !== 'postgres') continue;
    // New series have no row to lock yet: insert placeholders (blocking on a concurrent
    // insert of the same id until it commits), then lock them. Steady state skips this.
    const missing = chunk.filter((id) => !found.has(id));
    if (missing.length === 0) continue;
    await trx
      .insertInto('remote_write_series')
      .values(missing.map((id) => ({ id, last_at: null, last_value: null })))
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    await read(missing);
  }
  return points;
}

/** Writes the new last points of series locked by `lockSeries` in the same transaction. */
export async function saveSeries(trx: Transaction<StoreSchema>, points: ReadonlyMap<string, SeriesPoint>): Promise<void> {
  const rows = [...points].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    await trx
      .insertInto('remote_write_series')
      .values(rows.slice(i, i + ROWS_PER_STATEMENT).map(([id, p]) => ({ id, last_at: p.at, last_value: p.value })))
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({ last_at: eb.ref('excluded.last_at'), last_value: eb.ref('excluded.last_value') })),
      )
      .execute();
  }
}

/** Deletes series whose last sample is older than `beforeAt` (and unused placeholders). */
export async function pruneSeriesState(db: Kysely<StoreSchema>, beforeAt: number): Promise<number> {
  const result = await db
    .deleteFrom('remote_write_series')
    .where((eb) => eb.or([eb('last_at', '<', beforeAt), eb('last_at', 'is', null)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
