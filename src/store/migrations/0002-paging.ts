/**
 * Durable paging tables (src/store/paging.ts describes the guarantees). The page itself is
 * kept as JSON (`state`, the escalation model's Page) plus the columns queries filter on;
 * `open_key` holds the dedup key while the page is open and NULL once resolved, so a unique
 * index allows one open page per key and any number of resolved ones.
 */
import type { Kysely, Migration } from 'kysely';
import type { StoreDialect } from '../store.js';
import { createTableWithId } from './create-table.js';

export function pagingMigration(dialect: StoreDialect): Migration {
  const withId = (db: Kysely<unknown>, table: string) => createTableWithId(db, dialect, table);

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('pages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('dedup_key', 'text', (c) => c.notNull())
        .addColumn('open_key', 'text', (c) => c.unique())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('policy', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('acknowledged_at', 'bigint')
        .addColumn('resolved_at', 'bigint')
        .addColumn('actionable', 'integer')
        .execute();
      await db.schema.createIndex('pages_status_created_idx').on('pages').columns(['status', 'created_at']).execute();
      await db.schema.createIndex('pages_created_idx').on('pages').column('created_at').execute();

      await withId(db, 'page_timeline')
        .addColumn('page_id', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('actor', 'text')
        .execute();
      await db.schema.createIndex('page_timeline_page_idx').on('page_timeline').columns(['page_id', 'id']).execute();

      await db.schema
        .createTable('page_timers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('page_id', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('page_timers_due_idx').on('page_timers').columns(['state', 'at']).execute();
      await db.schema.createIndex('page_timers_page_idx').on('page_timers').column('page_id').execute();

      await withId(db, 'page_deliveries')
        .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
        .addColumn('page_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('cycle', 'integer', (c) => c.notNull())
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('contact_method_id', 'text', (c) => c.notNull())
        .addColumn('due_at', 'bigint', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('claimed_by', 'text')
        .addColumn('claimed_at', 'bigint')
        .addColumn('finished_at', 'bigint')
        .addColumn('delivered_via', 'text')
        .addColumn('plan', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('page_deliveries_due_idx').on('page_deliveries').columns(['status', 'due_at']).execute();
      await db.schema.createIndex('page_deliveries_page_idx').on('page_deliveries').columns(['page_id', 'cycle']).execute();

      await withId(db, 'follow_ups')
        .addColumn('page_id', 'text', (c) => c.notNull())
        .addColumn('priority', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('paging_cursors')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('position', 'bigint', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of ['paging_cursors', 'follow_ups', 'page_deliveries', 'page_timers', 'page_timeline', 'pages']) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}
