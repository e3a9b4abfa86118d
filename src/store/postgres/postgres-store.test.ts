import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnavailableError } from '../../errors/index.js';
import { createTestDatabase, execOnDatabase, type TestDatabase } from '../../../test/support/postgres.js';
import { openStore } from '../open-store.js';
import { runStoreContract } from '../store.case.js';
import { redactUrl } from './open-postgres.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.drop();
});

const STORE_TABLES = ['slos', 'sli_counts', 'idempotency_keys', 'alert_states', 'alert_transitions', 'events', 'console_sessions', 'api_tokens', 'leases', 'remote_write_series'];
/** DELETE beats TRUNCATE on tiny tables (no new files); ids keep counting, which no test relies on. */
const EMPTY_TABLES = STORE_TABLES.map((t) => `delete from ${t};`).join(' ');
let migrated = false;

// One database per test file. The first test migrates it from empty; later tests start from
// emptied tables (much cheaper than re-creating the schema each time). The tests
// below that drop the schema exercise the migrations from empty again.
runStoreContract('PostgreSQL', async () => {
  if (migrated) await execOnDatabase(database.url, EMPTY_TABLES);
  migrated = true;
  return {
    open: () => openStore({ url: database.url, poolSize: 4 }),
    appliedMigrations: async () => {
      const result = await execOnDatabase(database.url, 'select name from kysely_migration order by name');
      return result.rows.map((r: { name: string }) => r.name);
    },
    cleanup: async () => {},
  };
});

describe('PostgreSQL store under concurrent replicas', () => {
  it('migrates an empty database and grants an expired lease to exactly one of nine callers on three pools', async () => {
    await execOnDatabase(database.url, 'drop schema public cascade; create schema public');
    migrated = false;
    const stores = await Promise.all([0, 1, 2].map(() => openStore({ url: database.url, poolSize: 3 })));
    try {
      const winners: string[] = [];
      for (let round = 0; round < 30; round++) {
        // Each round starts exactly when the previous lease expires: everyone races for an expired row.
        const now = 1_000_000 + round * 5_000;
        const holders = Array.from({ length: 9 }, (_, i) => `replica-${i}`);
        const results = await Promise.all(holders.map((h, i) => stores[i % 3]!.tryAcquireLease('evaluate', h, 5_000, now)));
        expect(results.filter(Boolean), `round ${round}`).toHaveLength(1);
        winners.push(holders[results.indexOf(true)]!);
        expect((await stores[0]!.getLease('evaluate'))?.holder).toBe(winners.at(-1));
      }
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('never lets a reader skip an event while two pools append concurrently', async () => {
    await execOnDatabase(database.url, EMPTY_TABLES);
    const writers = await Promise.all([0, 1].map(() => openStore({ url: database.url, poolSize: 4 })));
    const reader = await openStore({ url: database.url, poolSize: 1 });
    try {
      let writing = true;
      const seen: number[] = [];
      const read = (async () => {
        let after = 0;
        while (writing || (await reader.lastEventId()) > after) {
          const events = await reader.readEventsAfter(after, 50);
          for (const e of events) seen.push(e.id);
          if (events.length > 0) after = events.at(-1)!.id;
        }
      })();
      const appended = (
        await Promise.all(Array.from({ length: 120 }, (_, i) => writers[i % 2]!.appendEvents([{ type: 'tick', payload: i }], i)))
      ).flat();
      writing = false;
      await read;
      expect(seen).toEqual([...appended].sort((a, b) => a - b));
    } finally {
      await Promise.all([...writers, reader].map((s) => s.close()));
    }
  });
});

describe('PostgreSQL store connection', () => {
  it('fails with a clear message naming the server when PostgreSQL is unreachable', async () => {
    const error = await openStore({ url: 'postgres://postgres:secret@127.0.0.1:1/none' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnavailableError);
    expect((error as Error).message).toMatch(/cannot connect to PostgreSQL at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/none/);
    expect((error as Error).message).not.toContain('secret');
  });

  it('hides the password when describing the URL', () => {
    expect(redactUrl('postgresql://u:pw@db:5432/sloop')).toBe('postgresql://u:***@db:5432/sloop');
  });
});
