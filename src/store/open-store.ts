/** Picks the dialect from the options: a postgres:// URL means PostgreSQL, else embedded SQLite. */
import { InputError } from '../errors/index.js';
import { isPostgresUrl, openPostgresStore } from './postgres/open-postgres.js';
import { openSqliteStore } from './sqlite/open-sqlite.js';
import type { OpenStoreOptions, Store } from './store.js';

/**
 * Opens the store and applies pending migrations. `url` starting with postgres:// or
 * postgresql:// selects PostgreSQL; otherwise `<dataDir>/sloop.db` (dataDir is required then).
 */
export async function openStore(opts: OpenStoreOptions): Promise<Store> {
  if (opts.url !== undefined && isPostgresUrl(opts.url)) return openPostgresStore(opts.url, { poolSize: opts.poolSize });
  if (opts.url !== undefined && opts.url !== '') {
    throw new InputError(`unsupported database URL scheme in ${JSON.stringify(opts.url.split(':')[0])}; use postgres://user@host:5432/db, or omit it to use the embedded SQLite file`, [
      { path: 'database', message: 'must start with postgres:// or postgresql://' },
    ]);
  }
  if (opts.dataDir === undefined || opts.dataDir === '') {
    throw new InputError('no data directory for the embedded database; pass --data-dir DIR or --database postgres://...', [
      { path: 'dataDir', message: 'is required when no PostgreSQL URL is given' },
    ]);
  }
  return openSqliteStore(opts.dataDir, { synchronous: opts.sqliteSynchronous });
}
