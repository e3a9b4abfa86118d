/**
 * Channel failure (issue 4): Alice's first contact method answers 500 or hangs. Each delivery
 * retries with backoff, the breaker opens after repeated failures (later deliveries fail fast),
 * the fallback contact method delivers, every failure is on its page's timeline, and every
 * page reaches Alice exactly once.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/store.js';
import { onCallYaml, waitFor } from './support/paging-fixture.js';
import { makeRig, type Rig } from './support/engine-rig.js';
import { startCountingReceiver, type CountingReceiver } from './support/receiver.js';

const PAGES = 8;
const RELIABILITY = { timeoutMs: 300, maxAttempts: 3, initialDelayMs: 5, maxDelayMs: 20, breaker: { consecutiveFailures: 4, halfOpenAfterMs: 60_000 } };
let cleanup: Array<() => Promise<unknown>> = [];

afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function setUp(primaryAnswer: () => number): Promise<{ store: Store; rig: Rig; primary: CountingReceiver & { hits: () => number }; fallback: CountingReceiver }> {
  let hits = 0;
  const primaryReceiver = await startCountingReceiver(() => {
    hits++;
    return primaryAnswer();
  });
  const fallback = await startCountingReceiver();
  const bob = await startCountingReceiver();
  const dir = await mkdtemp(join(tmpdir(), 'sloop-channel-'));
  const store = await openStore({ dataDir: dir });
  const rig = makeRig(store, onCallYaml({ aliceUrl: primaryReceiver.url, aliceFallbackUrl: fallback.url, bobUrl: bob.url, step1Wait: '10m' }), RELIABILITY, { maxInFlight: 1 }); // one at a time: the breaker's effect is deterministic
  cleanup.push(() => primaryReceiver.close(), () => fallback.close(), () => bob.close(), () => rm(dir, { recursive: true, force: true }), () => store.close(), () => rig.worker.stop());
  return { store, rig, primary: { ...primaryReceiver, hits: () => hits }, fallback };
}

async function pageAll(rig: Rig): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < PAGES; i++) {
    const outcome = await rig.engine.handleAlert({ dedupKey: `svc-${i}`, status: 'firing', alert: { source: 'webhook', summary: `service ${i} down`, labels: { severity: 'page' }, annotations: {}, runbookUrl: null } });
    if (!('pageId' in outcome)) throw new Error(`not paged: ${JSON.stringify(outcome)}`);
    ids.push(outcome.pageId);
  }
  return ids;
}

async function expectEachPageDeliveredOnceByFallback(store: Store, fallback: CountingReceiver, ids: string[]): Promise<string[]> {
  await waitFor('every page at the fallback', () => fallback.receipts.length >= PAGES, 20_000);
  await new Promise((r) => setTimeout(r, 300));
  expect(fallback.receipts).toHaveLength(PAGES);
  expect(new Set(fallback.receipts.map((r) => r.body.pageId))).toEqual(new Set(ids));
  expect(new Set(fallback.receipts.map((r) => r.idempotencyKey)).size).toBe(PAGES);
  const failures: string[] = [];
  for (const id of ids) {
    const detail = (await store.paging.getPage(id))!;
    expect(detail.deliveries.map((d) => d.status)).toEqual(['delivered']);
    expect(detail.deliveries[0].deliveredVia).toBe(`webhook ${new URL(fallback.url).origin}`);
    const failed = detail.timeline.filter((e) => e.kind === 'deliveryFailed');
    expect(failed).toHaveLength(1);
    failures.push(failed[0].message);
    expect(detail.timeline.at(-1)?.message).toMatch(/Notified Alice via webhook .* \(fallback\)/);
  }
  return failures;
}

it('retries a failing receiver, opens the breaker, falls back, and records each failure on the timeline', async () => {
  const { store, rig, primary, fallback } = await setUp(() => 500);
  const ids = await pageAll(rig);
  await rig.worker.start();
  const failures = await expectEachPageDeliveredOnceByFallback(store, fallback, ids);
  expect(failures[0]).toMatch(/\[serverError, 3 attempt\(s\)\]/);
  expect(failures.slice(2).every((m) => /\[circuitOpen, 0 attempt\(s\)\]/.test(m))).toBe(true);
  // Without the breaker every page would cost 3 attempts.
  expect(primary.hits()).toBeLessThan(PAGES * 3);
  expect(primary.receipts).toHaveLength(0);
}, 30_000);

it('times out a receiver that hangs and falls back, losing and duplicating nothing', async () => {
  const { store, rig, fallback } = await setUp(() => 0);
  const ids = await pageAll(rig);
  await rig.worker.start();
  const failures = await expectEachPageDeliveredOnceByFallback(store, fallback, ids);
  expect(failures[0]).toMatch(/no answer within 300 ms.*\[timeout, 3 attempt\(s\)\]/);
  expect(failures.slice(2).every((m) => /\[circuitOpen, 0 attempt\(s\)\]/.test(m))).toBe(true);
}, 30_000);
