/**
 * The embedded store: one SQLite file in WAL mode. WAL lets readers run while a write
 * commits; `synchronous` decides what an acknowledged commit survives:
 *   NORMAL: the commit is in the WAL file (OS page cache) when the call returns, so it
 *           survives SIGKILL or a crash of sloop, but not power loss or a kernel crash.
 *   FULL:   the WAL is fsynced on every commit, so it also survives power loss.
 * sloop promises that an acknowledged ingest is durable, so the default is FULL; batches
 * make the fsync per commit affordable (docs/storage.md has the numbers). `normal` is an
 * opt-in for throughput when losing the last moments on power loss is acceptable.
 *
 * Stores opened on the same file within one process share one connection. better-sqlite3
 * is synchronous: with two connections in one process, a transaction open on one (across
 * awaits) would make the other block the only thread in its busy handler until it times
 * out. One connection behind kysely's mutex serialises them instead. Separate processes
 * (a CLI next to the server) use SQLite's file locks and `busy_timeout`.
 */
import { mkdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { UnavailableError, describeError } from '../../errors/index.js';
import { KyselyStore } from '../kysely/kysely-store.js';
import type { StoreSchema } from '../kysely/schema.js';
import { migrateToLatest } from '../migrations/index.js';
import type { Store } from '../store.js';

export const SQLITE_FILE_NAME = 'sloop.db';

export interface SqliteStoreOptions {
  /** Applies when the file is first opened in this process; later openers share that setting. */
  synchronous?: 'full' | 'normal';
}

interface SharedHandle {
  db: Kysely<StoreSchema>;
  refs: number;
  destroyed: boolean;
}

/** Open handles by real file path; entries hold a promise so concurrent opens share one migration. */
const handles = new Map<string, Promise<SharedHandle>>();

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

async function openHandle(file: string, synchronous: 'full' | 'normal'): Promise<SharedHandle> {
  let database: Database.Database;
  try {
    database = openDatabase(file, synchronous);
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
  return { db, refs: 0, destroyed: false };
}

export async function openSqliteStore(dataDir: string, opts: SqliteStoreOptions = {}): Promise<Store> {
  let file: string;
  try {
    mkdirSync(dataDir, { recursive: true });
    file = join(realpathSync(dataDir), SQLITE_FILE_NAME);
  } catch (err: unknown) {
    throw new UnavailableError(`cannot create the data directory ${dataDir}: ${describeError(err)}. Pass a writable --data-dir DIR.`, { cause: err });
  }
  let handle: SharedHandle;
  do {
    let pending = handles.get(file);
    if (!pending) {
      pending = openHandle(file, opts.synchronous ?? 'full');
      handles.set(file, pending);
      pending.catch(() => handles.delete(file));
    }
    handle = await pending;
  } while (handle.destroyed); // closed by its last user while we waited: open anew
  handle.refs++;
  return new KyselyStore(handle.db, {
    dialect: 'sqlite',
    location: file,
    // One connection, one writer: ids become visible in order without extra locking.
    lockEventLog: async () => {},
    close: async () => {
      handle.refs--;
      if (handle.refs === 0) {
        handle.destroyed = true;
        handles.delete(file);
        await handle.db.destroy();
      }
    },
  });
}

/**
 * Reads a pragma (e.g. `synchronous`, `journal_mode`) on the connection this process holds
 * for `file` (a store's `location`), for diagnostics and tests. Null when the file is not open.
 */
export async function readOpenSqlitePragma(file: string, pragma: 'synchronous' | 'journal_mode' | 'busy_timeout'): Promise<unknown> {
  const pending = handles.get(file);
  if (!pending) return null;
  const handle = await pending;
  const result = await sql.raw<Record<string, unknown>>(`pragma ${pragma}`).execute(handle.db);
  const row = result.rows[0];
  return row ? Object.values(row)[0] : null;
}
