/**
 * Per-series state of remote-written counters: the last sample (time and value) of every
 * series that maps onto an SLO, keyed by a hash of the series' labels. remote_write carries
 * cumulative values; the increase of a batch is computed against this row inside the same
 * transaction that adds the increase to `sli_counts`, so replicas behind a load balancer
 * share one baseline and a retried batch is counted once. `last_at` is null for a row created
 * as a lock placeholder whose batch had no usable sample; the index serves pruning.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { StoreDialect } from '../store.js';

export function seriesStateMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      let table = db.schema
        .createTable('remote_write_series')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('last_at', 'bigint')
        .addColumn('last_value', 'double precision');
      if (dialect === 'sqlite') table = table.modifyEnd(sql`without rowid`);
      await table.execute();
      await db.schema.createIndex('remote_write_series_last_at_idx').on('remote_write_series').column('last_at').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('remote_write_series').execute();
    },
  };
}
