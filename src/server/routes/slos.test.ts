import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startHarness, T0, type Harness } from '../../../test/server/support/harness.js';

// The bundled OpenSLO composite: pay-experience = availability 99.9% x 4 + latency 99% x 1.
const PAY = new URL('../../../examples/composite/pay.yaml', import.meta.url);
const MIN = 60_000;
const AVAILABILITY = 'pay-experience-availability';
const LATENCY = 'pay-experience-latency';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ configText: await readFile(PAY, 'utf8') });
});
afterAll(async () => h?.close());

async function get(url: string) {
  return h.inject({ url, headers: bearer(h.tokens.read) });
}

async function push(slo: string, at: number, good: number, total: number) {
  const res = await h.inject({ method: 'POST', url: `/api/v1/slis/${slo}/events`, headers: bearer(h.tokens.ingest), payload: { samples: [{ timestamp: at, good, total }] } });
  expect(res.statusCode).toBe(200);
}

async function composite() {
  const { slos } = (await get('/api/v1/slos')).json();
  return slos.find((s: { name: string }) => s.name === 'pay-experience');
}

describe('composite SLOs in the read API', () => {
  it('lists the composite after its components, with no data before any component has data', async () => {
    const { slos } = (await get('/api/v1/slos')).json();
    expect(slos.map((s: { name: string }) => s.name)).toEqual([AVAILABILITY, LATENCY, 'pay-experience']);
    // Plain SLO rows keep their shape: no composite fields.
    expect(slos[0]).not.toHaveProperty('composite');
    expect(slos[0].sli).toEqual({ kind: 'ratio', source: 'push' });
    expect(slos[2]).toMatchObject({
      composite: true,
      service: 'web-shop',
      objective: 0.9972,
      window: { type: 'rolling', minutes: 40320 },
      components: [
        { slo: AVAILABILITY, weight: 4, share: 0, consumed: null },
        { slo: LATENCY, weight: 1, share: 0, consumed: null },
      ],
      budget: null,
      burnRates: [],
      alerts: [],
      status: 'noData',
      lastDataAt: null,
    });
  });

  it('drops a component without data and renormalises the shares over the rest', async () => {
    // Latency fails 5 of 1,000: half of its 1% budget; availability has no data yet.
    await push(LATENCY, T0 - 10 * MIN, 995, 1000);
    const c = await composite();
    expect(c.components.map((x: { share: number }) => x.share)).toEqual([0, 1]);
    expect(c.budget.remainingFraction).toBeCloseTo(0.5, 12);
    expect(c.status).toBe('ok');
  });

  it('weights each component by its share of its own budget spent (0.8 x 0 + 0.2 x 0.5)', async () => {
    await push(AVAILABILITY, T0 - 10 * MIN, 1000, 1000);
    const c = await composite();
    expect(c.components).toEqual([
      { slo: AVAILABILITY, weight: 4, share: 0.8, consumed: 0 },
      { slo: LATENCY, weight: 1, share: 0.2, consumed: expect.closeTo(0.5, 12) },
    ]);
    expect(c.budget.remainingFraction).toBeCloseTo(0.9, 12);
    // Budget minutes are (1 - 99.72%) x 28 days = 112.896.
    expect(c.budget.totalMinutes).toBeCloseTo(112.896, 9);
    expect(c.budget.remainingMinutes).toBeCloseTo(0.9 * 112.896, 9);
    expect(c.budget.total).toBe(2000);
    expect(c.budget.sli).toBeCloseTo(0.8 * 1 + 0.2 * 0.995, 12);
    // 1h burn: 0.8 x 0 + 0.2 x (0.5% / 1%) = 0.1.
    const hour = c.burnRates.find((b: { window: string }) => b.window === '1h');
    expect(hour).toEqual({ window: '1h', minutes: 60, burnRate: expect.closeTo(0.1, 12), total: 2000 });
    expect(c.lastDataAt).toBe(T0 - 10 * MIN);
  });

  it('answers GET /api/v1/slos/{name} for a composite with its burn table and definition', async () => {
    const res = await get('/api/v1/slos/pay-experience');
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.composite).toBe(true);
    expect(d.budget.remainingFraction).toBeCloseTo(0.9, 12);
    expect(d.alertWindows.map((w: { severity: string; longWindow: string; shortWindow: string }) => `${w.severity} ${w.longWindow}/${w.shortWindow}`)).toEqual([
      'page 1h/5m',
      'page 6h/30m',
      'ticket 1d/2h',
      'ticket 3d/6h',
    ]);
    expect(d.alertWindows[0].threshold).toBeCloseTo(13.44, 9);
    expect(d.definition.format).toBe('openslo');
    expect(d.definition.excerpt).toContain('compositeWeight: 4');
    expect((await get('/api/v1/slos/pay-experienc')).statusCode).toBe(404);
  });

  it('shows a burning composite as paging but never raises an alert for it', async () => {
    // Both components fail a whole minute 2 minutes ago: far above the 1h/5m page factor.
    await push(AVAILABILITY, T0 - 2 * MIN, 0, 1000);
    await push(LATENCY, T0 - 2 * MIN, 0, 1000);
    await h.runtime.evaluator.tick();
    expect((await composite()).status).toBe('page');
    const states = await h.store.getAlertStates();
    expect(states.some((s) => s.slo === LATENCY && s.kind === 'page' && s.firing)).toBe(true);
    expect(states.filter((s) => s.slo === 'pay-experience')).toEqual([]);
    const alerts = (await get('/api/v1/alerts?slo=pay-experience')).json();
    expect(alerts.firing).toEqual([]);
  });

  it('documents the composite fields in the OpenAPI document', async () => {
    const doc = (await get('/openapi.json')).json();
    const list = JSON.stringify(doc.paths['/api/v1/slos'].get.responses['200']);
    expect(list).toContain('always empty: composites are shown, not alerted on');
    expect(list).toContain('"components"');
    const detail = JSON.stringify(doc.paths['/api/v1/slos/{name}'].get.responses['200']);
    expect(detail).toContain('"composite"');
    expect(detail).toContain('"budgetSeries"');
  });
});
