/**
 * Two paging workers (separate pools, as two replicas would have) on one PostgreSQL database:
 * every delivery is claimed and sent by exactly one of them, and the escalation timers they
 * race for fire once.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/store.js';
import { onCallYaml, waitFor } from './support/paging-fixture.js';
import { makeRig, type Rig } from './support/engine-rig.js';
import { startCountingReceiver, type CountingReceiver } from './support/receiver.js';

const PAGES = 60;
const RELIABILITY = { timeoutMs: 2000, maxAttempts: 2, initialDelayMs: 5, maxDelayMs: 20, breaker: { consecutiveFailures: 50, halfOpenAfterMs: 1000 } };
let database: TestDatabase;
let stores: Store[] = [];
let rigs: Rig[] = [];
let alice: CountingReceiver;
let bob: CountingReceiver;

beforeAll(async () => {
  database = await createTestDatabase();
  alice = await startCountingReceiver();
  bob = await startCountingReceiver();
  stores = [await openStore({ url: database.url, poolSize: 4 }), await openStore({ url: database.url, poolSize: 4 })];
  // Step 1 waits 1 s, so both workers also race for every page's escalation timer.
  const yaml = onCallYaml({ aliceUrl: alice.url, bobUrl: bob.url, step1Wait: '1s' });
  rigs = stores.map((store, i) => makeRig(store, yaml, RELIABILITY, { holder: `replica-${i}`, maxInFlight: 16 }));
});

afterAll(async () => {
  await Promise.all(rigs.map((r) => r.worker.stop()));
  await Promise.all(stores.map((s) => s.close()));
  await alice?.close();
  await bob?.close();
  await database?.drop();
});

it('sends each delivery once with two workers on one database', async () => {
  // Alerts arrive at both replicas, some for the same dedup key at once (one page per key).
  await Promise.all(Array.from({ length: PAGES * 2 }, (_, i) => rigs[i % 2].engine.handleAlert({
    dedupKey: `svc-${i % PAGES}`, status: 'firing',
    alert: { source: 'webhook', summary: `service ${i % PAGES} down`, labels: { severity: 'page' }, annotations: {}, runbookUrl: null },
  })));
  expect(await stores[0].paging.listPages({ limit: 1000 })).toHaveLength(PAGES);
  await Promise.all(rigs.map((r) => r.worker.start()));

  await waitFor('step 1 and step 2 of every page', () => alice.receipts.length >= PAGES && bob.receipts.length >= PAGES, 30_000);
  await new Promise((r) => setTimeout(r, 1000));
  for (const receiver of [alice, bob]) {
    expect(receiver.receipts).toHaveLength(PAGES);
    expect(new Set(receiver.receipts.map((r) => r.idempotencyKey)).size).toBe(PAGES);
  }
  const pages = await stores[1].paging.listPages({ limit: 1000 });
  const claimants = new Set<string>();
  for (const page of pages) {
    const detail = (await stores[1].paging.getPage(page.id))!;
    expect(detail.deliveries.map((d) => [d.personId, d.status])).toEqual([['alice', 'delivered'], ['bob', 'delivered']]);
    detail.deliveries.forEach((d) => claimants.add(d.claimedBy!));
    expect(detail.timeline.filter((e) => e.kind === 'notified' && e.message.startsWith('Paging'))).toHaveLength(2);
  }
  expect(claimants).toEqual(new Set(['replica-0', 'replica-1']));
}, 60_000);
