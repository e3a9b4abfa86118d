/**
 * PostgreSQL through a `pg` pool. BIGINT (int8) columns hold epoch milliseconds and ids;
 * pg returns them as strings by default to avoid precision loss above 2^53, which these
 * values never reach, so this pool parses them to numbers (a pool-local parser, not the
 * process-wide pg.types setting, so other pg users are unaffected).
 */
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { UnavailableError, describeError } from '../../errors/index.js';
import { KyselyStore } from '../kysely/kysely-store.js';
import type { StoreSchema } from '../kysely/schema.js';
import { migrateToLatest } from '../migrations/index.js';
import type { Store } from '../store.js';

const INT8_OID = 20;
/** Arbitrary constant naming the event-log append lock among advisory locks. */
const EVENT_LOG_LOCK_KEY = 0x510_0e7;

export interface PostgresStoreOptions {
  poolSize?: number;
}

export function isPostgresUrl(url: string | undefined): boolean {
  return url !== undefined && /^postgres(ql)?:\/\//i.test(url);
}

/** The URL without its password, safe for logs and error messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparseable url)';
  }
}

const int8AsNumber = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export async function openPostgresStore(url: string, opts: PostgresStoreOptions = {}): Promise<Store> {
  const location = redactUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10, types: int8AsNumber, connectionTimeoutMillis: 10_000 });
  // An idle client losing its connection must not crash the process; the next query reports it.
  pool.on('error', () => {});
  try {
    await pool.query('select 1');
  } catch (err: unknown) {
    await pool.end();
    throw new UnavailableError(
      `cannot connect to PostgreSQL at ${location}: ${describeError(err)}. Check --database / SLOOP_DATABASE_URL and that the server is running.`,
      { cause: err },
    );
  }
  const db = new Kysely<StoreSchema>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateToLatest(db, 'postgres');
  } catch (err: unknown) {
    await db.destroy();
    throw err;
  }
  return new KyselyStore(db, {
    dialect: 'postgres',
    location,
    lockEventLog: async (trx) => {
      await sql`select pg_advisory_xact_lock(${sql.lit(EVENT_LOG_LOCK_KEY)})`.execute(trx);
    },
  });
}
