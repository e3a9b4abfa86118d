/**
 * Runtime schedule changes (overrides and swaps) and recorded fairness exceptions. A swap
 * uses the `other_*` columns for its second side; `span_start`/`span_end` cover every side so
 * a range query needs one index. Rows are never deleted, only marked (`deleted_at`).
 * `server_secrets` keeps secrets the server generates once and every replica shares (the
 * iCalendar feed signing key), so signed feed URLs survive restarts.
 */
import type { Kysely, Migration } from 'kysely';
import type { StoreDialect } from '../store.js';
import { createTableWithId } from './create-table.js';

export function schedulesMigration(dialect: StoreDialect): Migration {
  const withId = (db: Kysely<unknown>, table: string) => createTableWithId(db, dialect, table);

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await withId(db, 'schedule_changes')
        .addColumn('schedule', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('person', 'text', (c) => c.notNull())
        .addColumn('start_at', 'bigint', (c) => c.notNull())
        .addColumn('end_at', 'bigint', (c) => c.notNull())
        .addColumn('other_person', 'text')
        .addColumn('other_start_at', 'bigint')
        .addColumn('other_end_at', 'bigint')
        .addColumn('span_start', 'bigint', (c) => c.notNull())
        .addColumn('span_end', 'bigint', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('deleted_at', 'bigint')
        .addColumn('deleted_by', 'text')
        .execute();
      await db.schema.createIndex('schedule_changes_span_idx').on('schedule_changes').columns(['schedule', 'span_end', 'span_start']).execute();

      await withId(db, 'fairness_exceptions')
        .addColumn('schedule', 'text', (c) => c.notNull())
        .addColumn('person', 'text', (c) => c.notNull())
        .addColumn('approved_by', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('until_at', 'bigint', (c) => c.notNull())
        .addColumn('max_share', 'double precision')
        .addColumn('change_id', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('fairness_exceptions_schedule_idx').on('fairness_exceptions').columns(['schedule', 'person']).execute();

      await db.schema
        .createTable('server_secrets')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('server_secrets').execute();
      await db.schema.dropTable('fairness_exceptions').execute();
      await db.schema.dropTable('schedule_changes').execute();
    },
  };
}
