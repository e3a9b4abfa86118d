/**
 * The status page on the real PostgreSQL of this machine (a random database per file): uptime
 * bars from SLI counts stored there, maintenance, overrides and a webhook subscription kept in
 * PostgreSQL, and the change notification claimed once across two server instances sharing
 * the database.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { always, startHttpReceiver, type TestReceiver } from '../../src/notify/receivers.case.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';
import { bearer, ingestNinetyDays, NOW, startStatusRig, type StatusRig } from './support/status-rig.js';

let db: TestDatabase;
let a: StatusRig;
let b: StatusRig;
let hook: TestReceiver;

beforeAll(async () => {
  db = await createTestDatabase();
  hook = await startHttpReceiver(always('ok'));
  a = await startStatusRig({ databaseUrl: db.url });
  b = await startStatusRig({ databaseUrl: db.url });
  await ingestNinetyDays(a);
});

afterAll(async () => {
  await a?.close();
  await b?.close();
  await hook?.close();
  await db?.drop();
});

it('serves the page from PostgreSQL and sends a change once although two replicas notice it', async () => {
  expect(a.store.dialect).toBe('postgres');
  const json = (await b.inject({ method: 'GET', url: '/status.json' })).json();
  expect(json.components.map((c: { uptime: { daily: unknown[] } }) => c.uptime.daily.length)).toEqual([90, 90, 90]);
  expect(json.components[0].uptime.daily.at(-1)).toMatchObject({ level: 'outage', good: 11_500, total: 12_000 });

  const sub = await a.inject({ method: 'POST', url: '/status/subscriptions', payload: { kind: 'webhook', target: hook.url } });
  expect(sub.statusCode, sub.body).toBe(202);
  await Promise.all([a.runtime.deps.statusPage!.notifier.baseline(), b.runtime.deps.statusPage!.notifier.baseline()]);

  const window = await a.inject({ method: 'POST', url: '/api/v1/maintenance', headers: bearer(a.tokens.erin), payload: { title: 'Replica test', components: ['search'], startsAt: NOW + 3_600_000, endsAt: NOW + 7_200_000 } });
  expect(window.statusCode).toBe(201);
  await a.runtime.deps.statusPage!.notifier.check();
  const seenByB = await b.runtime.deps.statusPage!.notifier.check();
  expect(seenByB.changes.map((c) => c.kind)).toEqual(['maintenance']);
  expect(seenByB.delivered).toEqual([]);
  expect(hook.accepted()).toHaveLength(1);
  expect(JSON.parse(hook.accepted()[0]!.body)).toMatchObject({ type: 'status.maintenance', subject: 'Scheduled maintenance: Replica test' });
  expect((await b.inject({ method: 'GET', url: `/api/v1/maintenance/${window.json().id}`, headers: bearer(b.tokens.reader) })).json().title).toBe('Replica test');

  // A component change both replicas notice (each at its own time) is announced by one.
  expect((await b.inject({ method: 'POST', url: '/api/v1/status/components/checkout/override', headers: bearer(b.tokens.erin), payload: { status: 'partial_outage' } })).statusCode).toBe(200);
  await b.runtime.deps.statusPage!.notifier.check();
  a.clock.now += 1000;
  const seenByA = await a.runtime.deps.statusPage!.notifier.check();
  expect(seenByA.changes.map((c) => c.subject)).toEqual(['Checkout: Partial outage']);
  expect(seenByA.delivered).toEqual([]);
  expect(hook.accepted().map((r) => JSON.parse(r.body).subject)).toEqual(['Scheduled maintenance: Replica test', 'Checkout: Partial outage']);
});
