/**
 * The initial schema. Portable except for two spots, switched on the dialect:
 * auto-increment ids (SQLite AUTOINCREMENT never reuses an id after deletes, which the event
 * log relies on; PostgreSQL uses bigserial), and `WITHOUT ROWID` for SQLite's sli_counts,
 * which stores the rows inside the primary-key b-tree instead of a table plus an index.
 * Counts reference SLOs by a small integer id rather than by name: the count table is the
 * only one that grows with SLOs x minutes, and the name would dominate its row size
 * (docs/storage.md has the measurements).
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { StoreDialect } from '../store.js';
import { createTableWithId } from './create-table.js';

export function initialMigration(dialect: StoreDialect): Migration {
  const withId = (db: Kysely<unknown>, table: string) => createTableWithId(db, dialect, table);

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const slos = dialect === 'sqlite'
        ? db.schema.createTable('slos').addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        : db.schema.createTable('slos').addColumn('id', 'serial', (c) => c.primaryKey());
      await slos.addColumn('name', 'text', (c) => c.notNull().unique()).execute();

      let counts = db.schema
        .createTable('sli_counts')
        .addColumn('slo_id', 'integer', (c) => c.notNull())
        .addColumn('minute', 'integer', (c) => c.notNull())
        .addColumn('good', 'double precision', (c) => c.notNull())
        .addColumn('total', 'double precision', (c) => c.notNull())
        .addPrimaryKeyConstraint('sli_counts_pk', ['slo_id', 'minute']);
      if (dialect === 'sqlite') counts = counts.modifyEnd(sql`without rowid`);
      await counts.execute();
      // Pruning by age and reading recent minutes across all SLOs go by minute.
      await db.schema.createIndex('sli_counts_minute_idx').on('sli_counts').columns(['minute', 'slo_id']).execute();

      await db.schema
        .createTable('idempotency_keys')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('accepted', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('idempotency_keys_created_idx')
        .on('idempotency_keys')
        .column('created_at')
        .execute();

      await db.schema
        .createTable('alert_states')
        .addColumn('slo', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('firing', 'integer', (c) => c.notNull())
        .addColumn('since', 'bigint', (c) => c.notNull())
        .addColumn('burn_rates', 'text', (c) => c.notNull())
        .addColumn('details', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('alert_states_pk', ['slo', 'kind'])
        .execute();

      await withId(db, 'alert_transitions')
        .addColumn('slo', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('event', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('burn_rates', 'text', (c) => c.notNull())
        .addColumn('details', 'text', (c) => c.notNull())
        .addUniqueConstraint('alert_transitions_once', ['slo', 'kind', 'event', 'at'])
        .execute();
      await db.schema.createIndex('alert_transitions_at_idx').on('alert_transitions').column('at').execute();

      await withId(db, 'events')
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('scopes', 'text', (c) => c.notNull())
        .addColumn('secret_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('last_used_at', 'bigint')
        .addColumn('revoked_at', 'bigint')
        .execute();

      await db.schema
        .createTable('leases')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('holder', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('acquired_at', 'bigint', (c) => c.notNull())
        .execute();
    },

    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of ['leases', 'api_tokens', 'events', 'alert_transitions', 'alert_states', 'idempotency_keys', 'sli_counts', 'slos']) {
        await db.schema.dropTable(table).ifExists().execute();
      }
    },
  };
}
