/** Schema helpers shared by the migrations, so both dialects get the same tables. */
import type { Kysely } from 'kysely';
import type { StoreDialect } from '../store.js';

/** `create table` with an auto-incrementing integer `id` primary key in either dialect. */
export function createTableWithId(db: Kysely<unknown>, dialect: StoreDialect, table: string) {
  return dialect === 'sqlite'
    ? db.schema.createTable(table).addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    : db.schema.createTable(table).addColumn('id', 'bigserial', (c) => c.primaryKey());
}
