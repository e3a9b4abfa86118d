/**
 * The embedded store: one SQLite file in WAL mode. WAL lets readers run while a write
 * commits; `synchronous` decides what an acknowledged commit survives:
 *   NORMAL: the commit is in the WAL file (OS page cache) when the call returns, so it
 *           survives SIGKILL or a crash of sloop, but not power loss or a kernel crash.
 *   FULL:   the WAL is fsynced on every commit, so it also survives power loss.
 * sloop promises that an acknowledged ingest is durable, so the default is FULL; batches
 * make the fsync per commit affordable (docs/storage.md has the numbers). `normal` is an
 * opt-in for throughput when losing the last moments on power loss is acceptable.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { UnavailableError, describeError } from '../../errors/index.js';
import { KyselyStore } from '../kysely/kysely-store.js';
import type { StoreSchema } from '../kysely/schema.js';
import { migrateToLatest } from '../migrations/index.js';
import type { Store } from '../store.js';

export const SQLITE_FILE_NAME = 'sloop.db';

export interface SqliteStoreOptions {
  synchronous?: 'full' | 'normal';
}

function openDatabase(file: string, synchronous: 'full' | 'normal'): Database.Database {
  const database = new Database(file);
  try {
    const mode = database.pragma('journal_mode = WAL', { simple: true });
    if (String(mode).toLowerCase() !== 'wal') throw new Error(`journal_mode stayed ${String(mode)}`);
    database.pragma(`synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    // Another process (`sloop token create` next to a running server) may hold the write lock briefly.
    database.pragma('busy_timeout = 5000');
    return database;
  } catch (err: unknown) {
    database.close();
    throw err;
  }
}

export async function openSqliteStore(dataDir: string, opts: SqliteStoreOptions = {}): Promise<Store> {
  const file = join(dataDir, SQLITE_FILE_NAME);
  let database: Database.Database;
  try {
    mkdirSync(dataDir, { recursive: true });
    database = openDatabase(file, opts.synchronous ?? 'full');
  } catch (err: unknown) {
    throw new UnavailableError(
      `cannot open the SQLite database ${file}: ${describeError(err)}. Check that the data directory is writable, or pass --data-dir DIR.`,
      { cause: err },
    );
  }
  const db = new Kysely<StoreSchema>({ dialect: new SqliteDialect({ database }) });
  try {
    await migrateToLatest(db, 'sqlite');
  } catch (err: unknown) {
    await db.destroy();
    throw err;
  }
  // One connection, one writer: ids become visible in order without extra locking.
  return new KyselyStore(db, { dialect: 'sqlite', location: file, lockEventLog: async () => {} });
}
