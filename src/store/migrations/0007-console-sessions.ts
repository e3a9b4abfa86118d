/**
 * Console log-in sessions (see ../session-store.ts). The primary key is SHA-256 of the cookie
 * value, so the table holds nothing a reader could replay; `token_id` names the API token row
 * the session was created from (its secret stays hashed in `api_tokens` only). No foreign key,
 * like the other tables (SQLite would not enforce it without a pragma); the store checks the
 * token inside the insert's transaction. The indexes serve pruning by expiry and the per-token cap.
 * No `createTableWithId`: the hash is the natural key, and an integer id would only be unused.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { StoreDialect } from '../store.js';

export function consoleSessionsMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      let table = db.schema
        .createTable('console_sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('token_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull());
      if (dialect === 'sqlite') table = table.modifyEnd(sql`without rowid`);
      await table.execute();
      await db.schema.createIndex('console_sessions_expires_idx').on('console_sessions').column('expires_at').execute();
      await db.schema.createIndex('console_sessions_token_idx').on('console_sessions').columns(['token_id', 'created_at']).execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('console_sessions').execute();
    },
  };
}
