export * from './store.js';
export * from './scopes.js';
export { openStore } from './open-store.js';
export { pruneStore, type PruneStoreOptions, type PruneStoreResult } from './maintenance.js';
export { SQLITE_FILE_NAME, readOpenSqlitePragma } from './sqlite/index.js';
export { isPostgresUrl, redactUrl } from './postgres/index.js';
export type * from './paging.js';
export type * from './schedule-store.js';
export type * from './incident-store.js';
