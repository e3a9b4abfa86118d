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

// One database per test file; each test starts from an empty schema, so every test also
// exercises the migrations from scratch.
runStoreContract('PostgreSQL', async () => {
  await execOnDatabase(database.url, 'drop schema public cascade; create schema public');
  return {
    open: () => openStore({ url: database.url, poolSize: 4 }),
    appliedMigrations: async () => {
      const result = await execOnDatabase(database.url, 'select name from kysely_migration order by name');
      return result.rows.map((r: { name: string }) => r.name);
    },
    cleanup: async () => {},
  };
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
