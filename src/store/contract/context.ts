import type { Store } from '../store.js';

/** What each contract case file gets: the current store and ways to reopen or add instances. */
export interface ContractContext {
  store(): Store;
  /** Closes the current store and opens a fresh instance on the same data. */
  reopen(): Promise<Store>;
  /** Opens a second, independent instance (own connection or pool) on the same data. */
  openAnother(): Promise<Store>;
  appliedMigrations(): Promise<string[]>;
}

/** 2026-01-01T00:00Z in epoch minutes and ms, so tests read like real times. */
export const BASE_MINUTE = 29_453_760;
export const BASE_MS = BASE_MINUTE * 60_000;
