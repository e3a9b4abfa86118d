/**
 * The built-in weekly digest: two server runtimes on one database (SQLite file, PostgreSQL),
 * a shared injected clock and a short check interval. Before the slot nothing is sent; at the
 * slot exactly one replica sends once; a restarted replica does not send that week again; the
 * next week is sent once more.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, type SloopRuntime } from '../../src/server/runtime.js';
import { loadConfig } from '../../src/slo/spec/index.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/store.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';
import { startChatReceiver, type ChatReceiver } from './support/chat-receiver.js';

const CONFIG = `apiVersion: sloop/v1
service:
  name: shop
slos:
  - name: checkout-availability
    objective: 99.9
    window: 28d
---
apiVersion: sloop/v1
kind: Incidents
digest:
  weekly: { day: monday, at: "09:00", timeZone: Europe/Berlin }
`;
// Monday 2026-11-23 09:00 in Berlin is 08:00 UTC.
const SLOT = Date.parse('2026-11-23T08:00:00Z');
const WEEK = 7 * 86_400_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(['sqlite', 'postgres'] as const)('weekly digest on %s', (dialect) => {
  let dir: string;
  let database: TestDatabase | undefined;
  let receiver: ChatReceiver;
  const stores: Store[] = [];
  const running = new Set<SloopRuntime>();
  const clock = { now: SLOT - 60_000 };

  async function replica(): Promise<SloopRuntime> {
    const store = await openStore(database ? { url: database.url, poolSize: 3 } : { dataDir: join(dir, 'data') });
    stores.push(store);
    const runtime = await createRuntime({
      store,
      configPaths: [join(dir, 'sloop.yaml')],
      loadConfig,
      version: 'test',
      now: () => clock.now,
      env: { SLOOP_DIGEST_WEBHOOK_URL: receiver.url, SLOOP_ACTION_LINK_SECRET: 'digest-test-link-secret-0123456789' },
      incidentIntervals: { digestMs: 20, timelineFeedMs: 50 },
      evaluationIntervalMs: 60_000,
    });
    await runtime.start();
    running.add(runtime);
    return runtime;
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sloop-digest-'));
    await writeFile(join(dir, 'sloop.yaml'), CONFIG);
    if (dialect === 'postgres') database = await createTestDatabase();
    receiver = await startChatReceiver();
  }, 30_000);

  afterAll(async () => {
    for (const runtime of running) await runtime.stop();
    for (const store of stores) await store.close();
    await receiver?.close();
    await database?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  async function settle(count: number): Promise<void> {
    for (let waited = 0; receiver.received.length < count && waited < 5000; waited += 20) await sleep(20);
    await sleep(300); // long enough for many more checks by both replicas
  }

  it('sends once per week from one of two replicas, and not again after a restart', async () => {
    const a = await replica();
    const b = await replica();
    await settle(0);
    expect(receiver.received).toHaveLength(0);

    clock.now = SLOT + 30_000;
    await settle(1);
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.text).toContain('ollow-through');

    // Restart the replica that holds the lease (or either): the week is recorded, nothing is resent.
    await a.stop();
    running.delete(a);
    await replica();
    clock.now = SLOT + 60 * 60_000;
    await settle(1);
    expect(receiver.received).toHaveLength(1);
    expect(await b.deps.incidents!.digestScheduler.lastSentWeek()).toBe(202648);

    clock.now = SLOT + WEEK + 30_000;
    await settle(2);
    expect(receiver.received).toHaveLength(2);
    expect(await b.deps.incidents!.digestScheduler.lastSentWeek()).toBe(202649);
  }, 30_000);
});
