/**
 * The server on the real PostgreSQL of this machine (a random database per file): the main
 * API paths, and two replicas sharing one database without double evaluation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, type SloopRuntime } from '../../src/server/runtime.js';
import { loadConfig } from '../../src/slo/spec/index.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/store.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';
import { bearer, startHarness, T0, type Harness } from './support/harness.js';

const MIN = 60_000;
let db: TestDatabase;
let h: Harness;

beforeAll(async () => {
  db = await createTestDatabase();
  h = await startHarness({ databaseUrl: db.url });
});
afterAll(async () => {
  await h?.close();
  await db?.drop();
});

function outage(): Array<{ timestamp: number; good: number; total: number }> {
  return Array.from({ length: 60 }, (_, i) => {
    const failing = i >= 40;
    return { timestamp: T0 - (60 - i) * MIN, good: failing ? 50 : 999, total: failing ? 100 : 1000 };
  });
}

describe('sloop server on PostgreSQL', () => {
  it('ingests idempotently, evaluates, and serves SLOs, alerts and the gate', async () => {
    expect(h.store.dialect).toBe('postgres');
    const push = (key: string) =>
      h.inject({ method: 'POST', url: '/api/v1/slis/checkout-availability/events', headers: { ...bearer(h.tokens.ingest), 'idempotency-key': key }, payload: { samples: outage() } });
    expect((await push('k1')).json()).toEqual({ accepted: 60, duplicate: false });
    expect((await push('k1')).json()).toEqual({ accepted: 60, duplicate: true });
    expect((await h.inject({ url: '/api/v1/slis/checkout-availability/events', method: 'POST', headers: bearer(h.tokens.read), payload: { samples: outage() } })).statusCode).toBe(403);
    const tick = await h.runtime.evaluator.tick();
    expect(tick).toMatchObject({ leader: true, evaluated: 2 });
    const slo = (await h.inject({ url: '/api/v1/slos/checkout-availability', headers: bearer(h.tokens.read) })).json();
    expect(slo.budget.total).toBe(40 * 1000 + 20 * 100);
    expect(slo.status).toBe('page');
    const alerts = (await h.inject({ url: '/api/v1/alerts?state=firing', headers: bearer(h.tokens.read) })).json();
    expect(alerts.firing.map((a: { kind: string }) => a.kind).sort()).toEqual(['budgetExhausted', 'page', 'ticket']);
    const gate = (await h.inject({ url: '/api/v1/gate?service=shop', headers: bearer(h.tokens.read) })).json();
    expect(gate.decision).toBe('frozen');
  });
});

describe('two replicas on one PostgreSQL', () => {
  let other: { runtime: SloopRuntime; store: Store };

  beforeAll(async () => {
    const store = await openStore({ url: db.url });
    other = { store, runtime: await createRuntime({ store, configPaths: [h.configFile], loadConfig, version: 'test', now: () => h.clock.now }) };
  });
  afterAll(async () => {
    await other.runtime.stop();
    await other.store.close();
  });

  it('lets exactly one replica evaluate per tick, even when both tick at once', async () => {
    for (let round = 0; round < 5; round++) {
      h.clock.now += 30_000;
      const results = await Promise.all([h.runtime.evaluator.tick(), other.runtime.evaluator.tick()]);
      expect(results.filter((r) => r.leader)).toHaveLength(1);
      expect(results.filter((r) => r.evaluated > 0)).toHaveLength(1);
    }
  });

  it('sees data ingested on the other replica, fires once, and hands over without re-firing', async () => {
    // Ingest on replica B (not the leader); the leader A picks it up from the store.
    const samples = Array.from({ length: 30 }, (_, i) => ({ timestamp: h.clock.now - (30 - i) * MIN, good: 0, total: 100 }));
    const res = await other.runtime.app.inject({ method: 'POST', url: '/api/v1/slis/search-availability/events', headers: bearer(h.tokens.ingest), payload: { samples } });
    expect(res.statusCode).toBe(200);
    // Late-data announcements are coalesced and flushed within a second; flush now.
    await other.runtime.evaluator.flushLate();
    h.clock.now += 30_000;
    const [a, b] = await Promise.all([h.runtime.evaluator.tick(), other.runtime.evaluator.tick()]);
    expect(a.transitions + b.transitions).toBe(3);
    const fired = await h.store.listAlertTransitions({ slo: 'search-availability', event: 'fired' });
    expect(fired.map((t) => t.kind).sort()).toEqual(['budgetExhausted', 'page', 'ticket']);
    // Both replicas' read APIs agree.
    const budgetA = (await h.inject({ url: '/api/v1/slos/search-availability', headers: bearer(h.tokens.read) })).json().budget;
    const budgetB = (await other.runtime.app.inject({ url: '/api/v1/slos/search-availability', headers: bearer(h.tokens.read) })).json().budget;
    expect(budgetA).toEqual(budgetB);

    // The leader stops (releasing its lease); the other takes over and does not re-fire.
    const leader = a.leader ? h.runtime : other.runtime;
    const follower = a.leader ? other.runtime : h.runtime;
    await leader.evaluator.stop();
    h.clock.now += 30_000;
    const takeover = await follower.evaluator.tick();
    expect(takeover).toMatchObject({ leader: true, transitions: 0 });
    expect(await h.store.listAlertTransitions({ event: 'fired' })).toHaveLength(6);
  });
});
