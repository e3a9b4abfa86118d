export { openSqliteStore, readOpenSqlitePragma, SQLITE_FILE_NAME, type SqliteStoreOptions } from './open-sqlite.js';
