/**
 * A throwaway PostgreSQL database per test file, on the server this machine runs
 * (127.0.0.1:5432, user postgres, trust auth). Unreachable PostgreSQL is a failure with a
 * message saying how to start it, never a skip. SLOOP_TEST_POSTGRES_URL overrides the server
 * (any database on it; the test database is created beside it).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  /** Connection URL of the new, empty database. */
  url: string;
  name: string;
  /** Drops the database, disconnecting any clients still attached. */
  drop(): Promise<void>;
}

function adminUrl(): string {
  return process.env.SLOOP_TEST_POSTGRES_URL ?? DEFAULT_ADMIN_URL;
}

async function withAdminClient<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl(), connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (err: unknown) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(
      `PostgreSQL is required by this test but is not reachable at ${adminUrl()} (${reason}); ` +
        'start it with `pg_ctlcluster 15 main start` (or run bash .ci/run), or set SLOOP_TEST_POSTGRES_URL',
    );
  }
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Creates `sloop_test_<random>` and returns its URL and a drop function. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `sloop_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient((client) => client.query(`create database ${name}`));
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => withAdminClient(async (client) => {
      await client.query(`drop database if exists ${name} with (force)`);
    }),
  };
}

/** Runs one SQL statement on the given database (for resetting schemas between tests). */
export async function execOnDatabase(url: string, statement: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await client.query(statement);
  } finally {
    await client.end();
  }
}
