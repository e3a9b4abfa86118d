/**
 * A real sloop server for status page tests: the demo shop's SLOs, a StatusPage document
 * with grouped components, 90 days of SLI counts ingested into the real store (SQLite in a
 * temp dir, or PostgreSQL), an adjustable clock, and tokens named after people (the token
 * name is the actor, so "erin" acts as the Communications lead).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime, type SloopRuntime } from '../../../src/server/runtime.js';
import { loadConfig } from '../../../src/slo/spec/index.js';
import { openStore } from '../../../src/store/index.js';
import type { SloSamples, Store } from '../../../src/store/store.js';

export const NOW = Date.parse('2026-11-27T12:00:00Z');
const DAY = 86_400_000;
const HOUR = 3_600_000;

export const SLO_CONFIG = `apiVersion: sloop/v1
service:
  name: shop
  description: The customer-facing web shop.
journeys:
  - name: login
  - name: checkout
  - name: search
defaults:
  window: 28d
  alerting:
    runbook:
      default: https://runbooks.example.com/shop
slos:
  - name: login-availability
    journey: login
    objective: 99.9
  - name: checkout-availability
    journey: checkout
    objective: 99.95
  - name: search-availability
    journey: search
    objective: 99.5
`;

export const STATUS_CONFIG = `apiVersion: sloop/v1
kind: StatusPage
title: Example Shop status
uptimeDays: 90
components:
  - id: login
    name: Login
    group: Core
    description: Signing in on web and mobile
    journeys: [login]
    slos: [login-availability]
  - id: checkout
    name: Checkout
    group: Core
    description: Paying for orders
    journeys: [checkout]
    slos: [checkout-availability]
  - id: search
    name: Search
    group: Catalogue
    description: Product search
    journeys: [search]
    slos: [search-availability]
`;

export interface StatusRig {
  runtime: SloopRuntime;
  store: Store;
  clock: { now: number };
  tokens: { erin: string; reader: string; ingest: string };
  inject: SloopRuntime['app']['inject'];
  close(): Promise<void>;
}

export async function startStatusRig(options: { databaseUrl?: string; env?: Record<string, string>; statusConfig?: string } = {}): Promise<StatusRig> {
  const dir = await mkdtemp(join(tmpdir(), 'sloop-status-'));
  await writeFile(join(dir, 'slos.yaml'), SLO_CONFIG);
  await writeFile(join(dir, 'status.yaml'), options.statusConfig ?? STATUS_CONFIG);
  const store = await openStore(options.databaseUrl ? { url: options.databaseUrl } : { dataDir: join(dir, 'data') });
  const clock = { now: NOW };
  const runtime = await createRuntime({
    store,
    configPaths: [dir],
    loadConfig,
    version: 'test',
    now: () => clock.now,
    eventPollMs: 50,
    env: { SLOOP_STATUS_ALLOW_PRIVATE_WEBHOOKS: '1', ...options.env },
    // Tests call notifier.check() themselves; the timer must not race them.
    statusCheckIntervalMs: 3_600_000,
  });
  const tokens = {
    erin: (await store.createToken({ name: 'erin', scopes: ['write'], now: clock.now })).token,
    reader: (await store.createToken({ name: 'reader', scopes: ['read'], now: clock.now })).token,
    ingest: (await store.createToken({ name: 'ingest', scopes: ['ingest'], now: clock.now })).token,
  };
  return {
    runtime,
    store,
    clock,
    tokens,
    inject: runtime.app.inject.bind(runtime.app) as SloopRuntime['app']['inject'],
    async close() {
      await runtime.stop();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * 90 days of hourly traffic (1,000 events an hour): login lost 10% of one hour 12 days ago
 * (a degraded day) and half of today's first hour (an outage day); search has data only for
 * the last 60 days.
 */
export function ninetyDaysOfSli(now = NOW): SloSamples[] {
  const today = Math.floor(now / DAY) * DAY;
  const batches: Record<string, SloSamples> = {};
  const add = (slo: string, at: number, good: number, total: number) => {
    (batches[slo] ??= { slo, samples: [] }).samples.push({ minute: Math.floor(at / 60_000), good, total });
  };
  for (let hourStart = today - 89 * DAY; hourStart < now; hourStart += HOUR) {
    const daysAgo = Math.floor((today - Math.floor(hourStart / DAY) * DAY) / DAY);
    const firstHourOfDay = hourStart % DAY === 0;
    add('login-availability', hourStart, daysAgo === 12 && firstHourOfDay ? 900 : daysAgo === 0 && firstHourOfDay ? 500 : 1000, 1000);
    add('checkout-availability', hourStart, 1000, 1000);
    if (daysAgo < 60) add('search-availability', hourStart, 1000, 1000);
  }
  return Object.values(batches);
}

export async function ingestNinetyDays(rig: StatusRig): Promise<void> {
  await rig.store.ingestSamples(ninetyDaysOfSli(rig.clock.now), { now: rig.clock.now });
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
