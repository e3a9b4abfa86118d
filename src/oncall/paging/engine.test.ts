/**
 * The durable engine and worker over a real SQLite store and real local HTTP receivers, with an
 * injected clock: the worker is ticked by hand, so every step's timing is exact.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChannelPolicies } from '../../notify/index.js';
import { always, startHttpReceiver, type TestReceiver } from '../../notify/receivers.case.js';
import { RetryBudget } from '../../reliability/index.js';
import { loadSources } from '../../slo/spec/load.js';
import { openStore } from '../../store/index.js';
import type { Store } from '../../store/store.js';
import { loadOnCallConfig } from '../config/load-oncall.js';
import { PagingEngine } from './engine.js';
import type { PagingConfig } from './model.js';
import { PagingWorker } from './worker.js';

const MIN = 60_000;
const T0 = Date.parse('2026-11-27T03:00:00Z');
const LINKS = { publicUrl: 'http://sloop.test', secret: 'engine-test-link-secret', ttlMs: 60 * MIN };

function onCallYaml(urls: { alice: string; aliceFallback: string; bob: string }): string {
  return `apiVersion: sloop/v1
kind: OnCall
people:
  - id: alice
    name: Alice
    timeZone: UTC
    contactMethods:
      - { id: hook, type: webhook, url: "${urls.alice}" }
      - { id: backup, type: webhook, url: "${urls.aliceFallback}" }
    notificationRules: [{ contactMethod: hook, after: 0m }]
  - id: bob
    name: Bob
    timeZone: UTC
    contactMethods: [{ id: hook, type: webhook, url: "${urls.bob}" }]
teams:
  - { id: nobody-home, members: [] }
schedules:
  - name: primary
    timeZone: UTC
    layers:
      - { name: all, participants: [alice], turn: 1w, handoffTime: "00:00", start: 2026-01-05 }
escalationPolicies:
  - name: shop
    steps:
      - { notify: { schedule: primary }, wait: 5m }
      - { notify: { people: [bob] }, wait: 10m }
    ackTimeout: 30m
  - name: empty-first
    steps:
      - { notify: { team: nobody-home }, wait: 5m }
      - { notify: { people: [bob] }, wait: 5m }
routes:
  - { match: { service: [lonely] }, policy: empty-first }
  - { default: true, policy: shop }
`;
}

describe('durable paging engine', () => {
  let dir: string;
  let store: Store;
  let receivers: { alice: TestReceiver; aliceFallback: TestReceiver; bob: TestReceiver };
  let clock: { now: number };
  let engine: PagingEngine;
  let worker: PagingWorker;

  async function setUp(aliceScript = always('ok')) {
    receivers = { alice: await startHttpReceiver(aliceScript), aliceFallback: await startHttpReceiver(always('ok')), bob: await startHttpReceiver(always('ok')) };
    const loaded = loadOnCallConfig(loadSources([{ file: 'oncall.yaml', text: onCallYaml({ alice: receivers.alice.url, aliceFallback: receivers.aliceFallback.url, bob: receivers.bob.url }) }]));
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const config: PagingConfig = loaded;
    engine = new PagingEngine({ store, config: () => config, clock: () => clock.now });
    const policies = new ChannelPolicies({ timeoutMs: 500, maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 5, breaker: { consecutiveFailures: 3, halfOpenAfterMs: 60_000 } }, new RetryBudget());
    worker = new PagingWorker({ engine, delivery: { links: LINKS, policies, person: (id) => config.people.find((p) => p.id === id) } });
  }

  async function run(): Promise<void> {
    await worker.tick();
    await worker.idle();
  }

  const bodies = (r: TestReceiver) => r.accepted().map((x) => JSON.parse(x.body) as { status: string; pageId: string; escalation: { step: number } });
  const alert = (labels: Record<string, string> = { service: 'checkout', severity: 'page' }) => ({
    dedupKey: 'webhook:test:checkout', status: 'firing' as const,
    alert: { source: 'webhook', summary: 'checkout errors', labels, annotations: {}, runbookUrl: 'https://runbooks.example/checkout' },
  });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sloop-paging-'));
    store = await openStore({ dataDir: dir });
    clock = { now: T0 };
  });
  afterEach(async () => {
    await Promise.all(Object.values(receivers ?? {}).map((r) => r.close()));
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('pages step 1 at once, step 2 exactly when the wait ends, each once, and folds re-triggers', async () => {
    await setUp();
    const opened = await engine.handleAlert(alert());
    expect(opened.outcome).toBe('opened');
    await run();
    expect(bodies(receivers.alice)).toHaveLength(1);
    expect(await engine.handleAlert(alert())).toMatchObject({ outcome: 'retriggered' });
    clock.now = T0 + 5 * MIN - 1;
    await run();
    expect(receivers.bob.requests).toHaveLength(0);
    clock.now = T0 + 5 * MIN;
    await run();
    await run();
    expect(bodies(receivers.bob).map((b) => b.escalation.step)).toEqual([1]);
    expect(bodies(receivers.alice)).toHaveLength(1);
    const detail = await store.paging.getPage((opened as { pageId: string }).pageId);
    expect(detail?.timeline.map((e) => e.kind)).toEqual(['triggered', 'notified', 'notified', 'retriggered', 'notified', 'notified']);
    expect(detail?.deliveries.map((d) => d.status)).toEqual(['delivered', 'delivered']);
  });

  it('stops escalating for everyone on acknowledge and tells whoever was paged', async () => {
    await setUp();
    const { pageId } = (await engine.handleAlert(alert())) as { pageId: string };
    await run();
    clock.now = T0 + 2 * MIN;
    const acked = await engine.act(pageId, { type: 'acknowledge', by: 'carol', via: 'API' });
    expect(acked.status).toBe('acknowledged');
    clock.now = T0 + 20 * MIN;
    await run();
    expect(receivers.bob.requests).toHaveLength(0);
    expect(bodies(receivers.alice).map((b) => b.status)).toEqual(['triggered', 'acknowledged']);
  });

  it('re-escalates from step 1 when an acknowledgement times out', async () => {
    await setUp();
    const { pageId } = (await engine.handleAlert(alert())) as { pageId: string };
    await run();
    await engine.act(pageId, { type: 'acknowledge', by: 'alice' });
    clock.now = T0 + 30 * MIN;
    await run();
    await run();
    const page = (await store.paging.getPage(pageId))!;
    expect(page.page).toMatchObject({ status: 'triggered', cycle: 1, step: 0 });
    expect(bodies(receivers.alice).filter((b) => b.status === 'triggered')).toHaveLength(2);
  });

  it('creates a highest-priority follow-up when a page is resolved as not actionable', async () => {
    await setUp();
    const { pageId } = (await engine.handleAlert(alert())) as { pageId: string };
    await engine.act(pageId, { type: 'resolve', by: 'alice', actionable: false, note: 'flapping' });
    const followUps = await store.paging.listFollowUps();
    expect(followUps).toEqual([expect.objectContaining({ pageId, priority: 'highest', status: 'open' })]);
    await expect(engine.act(pageId, { type: 'acknowledge', by: 'alice' })).rejects.toThrow(/already resolved/);
  });

  it('closes the page when the alert resolves itself, and opens a new one when it fires again', async () => {
    await setUp();
    const first = (await engine.handleAlert(alert())) as { pageId: string };
    expect(await engine.handleAlert({ ...alert(), status: 'resolved' })).toEqual({ outcome: 'resolved', pageId: first.pageId });
    const again = (await engine.handleAlert(alert())) as { pageId: string; outcome: string };
    expect(again.outcome).toBe('opened');
    expect(again.pageId).not.toBe(first.pageId);
  });

  it('moves on at once when a step reaches nobody, saying so on the timeline', async () => {
    await setUp();
    const { pageId } = (await engine.handleAlert(alert({ service: 'lonely' }))) as { pageId: string };
    await run();
    expect(bodies(receivers.bob)).toHaveLength(1);
    const detail = (await store.paging.getPage(pageId))!;
    expect(detail.timeline.map((e) => e.kind)).toContain('nobodyReached');
    expect(detail.page.step).toBe(1);
  });

  it('falls back to the next contact method when a channel fails, recording the failure', async () => {
    await setUp(always('fail'));
    const { pageId } = (await engine.handleAlert(alert())) as { pageId: string };
    await run();
    expect(receivers.alice.requests).toHaveLength(2);
    expect(bodies(receivers.aliceFallback)).toHaveLength(1);
    const detail = (await store.paging.getPage(pageId))!;
    expect(detail.timeline.filter((e) => e.kind === 'deliveryFailed').map((e) => e.message)).toEqual([expect.stringMatching(/Delivery to Alice failed/)]);
    expect(detail.deliveries[0]).toMatchObject({ status: 'delivered', attempts: 3, deliveredVia: expect.stringContaining('webhook') });
  });

  it('pages once per SLO alert transition in the event log, even when consumed again after a restart', async () => {
    await setUp();
    await engine.initCursor();
    await store.recordAlertTransitions([{ slo: 'checkout', kind: 'page', event: 'fired', at: T0, burnRates: { '1h': 15 }, details: { alertName: 'CheckoutAvailability', service: 'checkout', runbook: 'https://rb/checkout' } }]);
    await run();
    await store.paging.transaction(async (tx) => tx.setCursor('paging.alert-transitions', 0).then(() => undefined));
    // Rewinding the cursor replays the event; the open page absorbs it instead of paging again.
    await run();
    expect(bodies(receivers.alice)).toHaveLength(1);
    const [page] = await store.paging.listPages();
    expect(page).toMatchObject({ dedupKey: 'slo:checkout:page', alert: { runbookUrl: 'https://rb/checkout', labels: { severity: 'page', slo: 'checkout' } } });
    await store.recordAlertTransitions([{ slo: 'checkout', kind: 'page', event: 'resolved', at: T0 + MIN, burnRates: {} }]);
    await run();
    expect((await store.paging.listPages({ status: 'resolved' })).map((p) => p.id)).toEqual([page.id]);
  });
});
