export * from './store.js';
export * from './scopes.js';
export { openStore } from './open-store.js';
export { SQLITE_FILE_NAME } from './sqlite/open-sqlite.js';
export { isPostgresUrl, redactUrl } from './postgres/open-postgres.js';
