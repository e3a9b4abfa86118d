/**
 * The Store contract suite (Hono's common.case.test pattern): every behaviour test, run
 * against each implementation by a dialect's test file. A harness opens stores on one
 * database per test, so tests can close, reopen, and open a second instance on the same data.
 */
import { afterEach, beforeEach, describe } from 'vitest';
import type { Store } from './store.js';
import { alertsContract } from './contract/alerts.case.js';
import { countsContract } from './contract/counts.case.js';
import { eventsContract } from './contract/events.case.js';
import { leasesContract } from './contract/leases.case.js';
import { lifecycleContract } from './contract/lifecycle.case.js';
import { pagingContract } from './contract/paging.case.js';
import { schedulesContract } from './contract/schedules.case.js';
import { incidentsContract } from './contract/incidents.case.js';
import { statusContract } from './contract/status.case.js';
import { seriesContract } from './contract/series.case.js';
import { hourlyCountsContract } from './contract/hourly.case.js';
import { tokensContract } from './contract/tokens.case.js';
import { sessionsContract } from './contract/sessions.case.js';
import type { ContractContext } from './contract/context.js';

export interface StoreHarness {
  /** Opens a new Store instance on this test's database (migrating it if empty). */
  open(): Promise<Store>;
  /** Names of the migrations recorded as applied in this test's database. */
  appliedMigrations(): Promise<string[]>;
  /** Removes the test's database or files. */
  cleanup(): Promise<void>;
}

export function runStoreContract(name: string, makeHarness: () => Promise<StoreHarness>): void {
  describe(`Store contract: ${name}`, () => {
    let harness: StoreHarness;
    let current: Store;
    let open: Store[] = [];

    const track = async (): Promise<Store> => {
      const store = await harness.open();
      open.push(store);
      return store;
    };
    const close = async (store: Store): Promise<void> => {
      open = open.filter((s) => s !== store);
      await store.close();
    };

    const ctx: ContractContext = {
      store: () => current,
      reopen: async () => {
        await close(current);
        current = await track();
        return current;
      },
      openAnother: track,
      appliedMigrations: () => harness.appliedMigrations(),
    };

    beforeEach(async () => {
      harness = await makeHarness();
      current = await track();
    });

    afterEach(async () => {
      for (const store of open) await store.close();
      open = [];
      await harness.cleanup();
    });

    countsContract(ctx);
    alertsContract(ctx);
    eventsContract(ctx);
    tokensContract(ctx);
    sessionsContract(ctx);
    leasesContract(ctx);
    lifecycleContract(ctx);
    pagingContract(ctx);
    schedulesContract(ctx);
    incidentsContract(ctx);
    statusContract(ctx);
    seriesContract(ctx);
    hourlyCountsContract(ctx);
  });
}
