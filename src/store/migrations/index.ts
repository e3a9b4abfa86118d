/**
 * Versioned migrations, provided in code (no files to locate at runtime, so they survive
 * bundling and `dist/`). Names sort in apply order; never edit a released migration, add one.
 */
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { UnavailableError, describeError } from '../../errors/index.js';
import type { StoreDialect } from '../store.js';
import { initialMigration } from './0001-initial.js';
import { pagingMigration } from './0002-paging.js';
import { schedulesMigration } from './0003-schedules.js';
import { incidentsMigration } from './0004-incidents.js';
import { statusMigration } from './0005-status.js';
import { seriesStateMigration } from './0006-series-state.js';
import { consoleSessionsMigration } from './0007-console-sessions.js';

export function storeMigrations(dialect: StoreDialect): Record<string, Migration> {
  return {
    '0001-initial': initialMigration(dialect),
    '0002-paging': pagingMigration(dialect),
    '0003-schedules': schedulesMigration(dialect),
    '0004-incidents': incidentsMigration(dialect),
    '0005-status': statusMigration(dialect),
    '0006-series-state': seriesStateMigration(dialect),
    '0007-console-sessions': consoleSessionsMigration(dialect),
  };
}

export function migrationProvider(dialect: StoreDialect): MigrationProvider {
  return { getMigrations: async () => storeMigrations(dialect) };
}

/** Applies every pending migration; throws UnavailableError naming the failed one. */
export async function migrateToLatest(db: Kysely<any>, dialect: StoreDialect): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider(dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new UnavailableError(
      `database migration ${failed} failed: ${describeError(error)}. ` +
        'Check that the database is reachable and writable, then start sloop again.',
      { cause: error },
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
