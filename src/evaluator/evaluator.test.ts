import { afterEach, describe, expect, it } from 'vitest';
import { bearer, startHarness, T0, type Harness } from '../../test/server/support/harness.js';
import type { StoredEvent } from '../store/store.js';
import { createRuntime } from '../server/runtime.js';
import { loadConfig } from '../slo/spec/index.js';

const MIN = 60_000;
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** One hour of traffic ending at T0: 1% errors, then half failing for the last `outage` minutes. */
async function pushOutage(harness: Harness, outageMinutes: number): Promise<void> {
  const samples = [];
  for (let m = 60; m >= 1; m--) {
    const failing = m <= outageMinutes;
    samples.push({ timestamp: T0 - m * MIN, good: failing ? 50 : 990, total: failing ? 100 : 1000 });
  }
  const res = await harness.inject({ method: 'POST', url: '/api/v1/slis/checkout-availability/events', headers: bearer(harness.tokens.ingest), payload: { samples } });
  expect(res.statusCode).toBe(200);
}

describe('evaluator', () => {
  it('fires a page during an outage, records it once, and does not re-fire after a restart', async () => {
    h = await startHarness();
    await pushOutage(h, 20);
    const first = await h.runtime.evaluator.tick();
    expect(first.leader).toBe(true);
    expect(first.evaluated).toBe(2);
    const fired = await h.store.listAlertTransitions({ slo: 'checkout-availability', event: 'fired' });
    expect(fired.map((t) => t.kind).sort()).toEqual(['budgetExhausted', 'page', 'ticket']);
    const page = fired.find((t) => t.kind === 'page')!;
    expect(page.at).toBe(T0);
    expect(page.burnRates['1h']).toBeGreaterThan(13.44);
    expect(page.details.reason).toMatch(/1h burn .* above 13\.44x/);

    h.clock.now += 30_000;
    expect((await h.runtime.evaluator.tick()).transitions).toBe(0);

    // A new process on the same store: loads the firing states, fires nothing again.
    await h.runtime.stop();
    const again = await createRuntime({ store: h.store, configPaths: [h.configFile], loadConfig, version: 'test', now: () => h!.clock.now });
    h.runtime = again;
    expect((await again.evaluator.tick()).transitions).toBe(0);
    expect(await h.store.listAlertTransitions({ event: 'fired' })).toHaveLength(3);
  });

  it('shows burn rates, budget, alert state and a budget series through the read API', async () => {
    h = await startHarness();
    await pushOutage(h, 20);
    await h.runtime.evaluator.tick();
    const slo = (await h.inject({ url: '/api/v1/slos/checkout-availability?points=10', headers: bearer(h.tokens.read) })).json();
    expect(slo.status).toBe('page');
    expect(slo.budget.remainingFraction).toBeLessThan(0);
    expect(slo.burnRates.find((b: { window: string }) => b.window === '1h').burnRate).toBeGreaterThan(13.44);
    expect(slo.budgetSeries).toHaveLength(10);
    expect(slo.budgetSeries.at(-1).remainingFraction).toBeCloseTo(slo.budget.remainingFraction, 6);
    const list = (await h.inject({ url: '/api/v1/slos', headers: bearer(h.tokens.read) })).json();
    expect(list.slos.map((s: { name: string; status: string }) => `${s.name}:${s.status}`)).toEqual(['checkout-availability:page', 'search-availability:ok']);
    const alerts = (await h.inject({ url: `/api/v1/alerts?slo=checkout-availability&state=firing&since=${T0 - MIN}`, headers: bearer(h.tokens.read) })).json();
    expect(alerts.firing.map((a: { kind: string }) => a.kind).sort()).toEqual(['budgetExhausted', 'page', 'ticket']);
    expect(alerts.transitions.every((t: { event: string }) => t.event === 'fired')).toBe(true);
  });

  it('freezes the gate while budget is exhausted, names the SLO and when it recovers, and lets exceptions through', async () => {
    h = await startHarness();
    const allowed = (await h.inject({ url: '/api/v1/gate?service=shop', headers: bearer(h.tokens.read) })).json();
    expect(allowed).toMatchObject({ decision: 'allowed', allowed: true, responsible: [] });
    await pushOutage(h, 20);
    const frozen = (await h.inject({ url: '/api/v1/gate?service=shop', headers: bearer(h.tokens.read) })).json();
    expect(frozen.decision).toBe('frozen');
    expect(frozen.responsible.map((r: { slo: string }) => r.slo)).toEqual(['checkout-availability']);
    expect(frozen.reason).toContain('error budget exhausted for checkout-availability');
    // No new traffic assumed: the bad minutes (the last hour) leave the 28-day window ~28 days on.
    expect(frozen.projectedRecoveryAt).toBeGreaterThan(T0 + 27 * 24 * 60 * MIN);
    expect(frozen.projectedRecoveryAt).toBeLessThanOrEqual(T0 + 28 * 24 * 60 * MIN + MIN);
    const fix = (await h.inject({ url: '/api/v1/gate?service=shop&changeLabel=security', headers: bearer(h.tokens.read) })).json();
    expect(fix).toMatchObject({ decision: 'allowed', exception: 'security' });
    expect((await h.inject({ url: '/api/v1/gate?service=nope', headers: bearer(h.tokens.read) })).statusCode).toBe(404);
  });

  it('streams alert transitions as server-sent events', async () => {
    h = await startHarness();
    await h.runtime.start();
    await h.runtime.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = h.runtime.app.server.address() as { port: number };
    const controller = new AbortController();
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/events/stream`, { headers: bearer(h.tokens.read), signal: controller.signal });
    const reader = res.body!.getReader();
    await pushOutage(h, 20);
    await h.runtime.evaluator.tick();
    let text = '';
    const decoder = new TextDecoder();
    while ((text.match(/event: alert\.transition/g) ?? []).length < 3) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    controller.abort();
    const events = text
      .split('\n\n')
      .filter((f) => f.includes('event: alert.transition'))
      .map((f) => JSON.parse(f.split('\n').find((l) => l.startsWith('data: '))!.slice(6)) as StoredEvent['payload'] & { kind: string; event: string });
    expect(events.map((e) => e.kind).sort()).toEqual(['budgetExhausted', 'page', 'ticket']);
    expect(events.every((e) => e.event === 'fired')).toBe(true);
  });
});

describe('pruning', () => {
  it('deletes counts older than the SLO keeps on the first leader tick, and keeps the rest', async () => {
    h = await startHarness();
    const nowMinute = Math.floor(T0 / MIN);
    const old = nowMinute - 29 * 24 * 60; // beyond 28 days + alert windows + margin
    const recent = nowMinute - 27 * 24 * 60;
    await h.store.ingestSamples([{ slo: 'checkout-availability', samples: [{ minute: old, good: 1, total: 1 }, { minute: recent, good: 1, total: 1 }] }], { now: T0 });
    await h.runtime.evaluator.tick();
    const rows = await h.store.readCounts('checkout-availability', old - 1, nowMinute + 1);
    expect(rows.map((r) => r.minute)).toEqual([recent]);
  });
});
