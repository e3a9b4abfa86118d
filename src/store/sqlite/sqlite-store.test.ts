import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors/index.js';
import { openStore } from '../open-store.js';
import { runStoreContract } from '../store.case.js';
import { SQLITE_FILE_NAME, readOpenSqlitePragma } from './open-sqlite.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'sloop-store-'));
}

runStoreContract('SQLite', async () => {
  const dir = tempDir();
  // A subdirectory that does not exist yet: openStore must create it.
  const dataDir = join(dir, 'data');
  return {
    open: () => openStore({ dataDir }),
    appliedMigrations: async () => {
      const db = new Database(join(dataDir, SQLITE_FILE_NAME), { readonly: true });
      try {
        return (db.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((r) => r.name);
      } finally {
        db.close();
      }
    },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

describe('SQLite store settings', () => {
  it('opens the file in WAL mode with synchronous=FULL by default and NORMAL on request', async () => {
    for (const [option, expected] of [[undefined, 2], ['normal', 1]] as const) {
      const dir = tempDir();
      const store = await openStore({ dataDir: dir, sqliteSynchronous: option });
      try {
        expect(store.location).toBe(join(dir, SQLITE_FILE_NAME));
        // WAL is a property of the file: a second connection sees it too.
        const probe = new Database(store.location, { readonly: true });
        expect(probe.pragma('journal_mode', { simple: true })).toBe('wal');
        probe.close();
        expect(await readOpenSqlitePragma(store.location, 'synchronous')).toBe(expected);
        expect(await readOpenSqlitePragma(store.location, 'busy_timeout')).toBe(5000);
      } finally {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  it('rejects a database URL that is not PostgreSQL, and a missing data directory', async () => {
    await expect(openStore({ url: 'mysql://localhost/x' })).rejects.toBeInstanceOf(InputError);
    await expect(openStore({})).rejects.toThrow(/--data-dir/);
  });
});

