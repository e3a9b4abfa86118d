export { openPostgresStore, isPostgresUrl, redactUrl, type PostgresStoreOptions } from './open-postgres.js';
