import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startHarness, T0, type Harness } from '../../../test/server/support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

const MIN = 60_000;

function push(slo: string, body: unknown, headers: Record<string, string> = {}) {
  return h.inject({ method: 'POST', url: `/api/v1/slis/${slo}/events`, headers: { ...bearer(h.tokens.ingest), ...headers }, payload: body as object });
}

describe('SLI push API', () => {
  it('stores samples before answering and counts them in their minute', async () => {
    const res = await push('checkout-availability', {
      samples: [
        { timestamp: T0 - 10 * MIN, good: 99, total: 100 },
        { timestamp: new Date(T0 - 10 * MIN + 30_000).toISOString(), good: 1, total: 1 },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ accepted: 1, duplicate: false });
    const minute = Math.floor((T0 - 10 * MIN) / MIN);
    expect(await h.store.readCounts('checkout-availability', minute, minute + 1)).toEqual([{ minute, good: 100, total: 101 }]);
  });

  it('does not count a retried batch twice (body key and Idempotency-Key header)', async () => {
    const body = { samples: [{ timestamp: T0 - 20 * MIN, good: 10, total: 10 }], idempotencyKey: 'batch-1' };
    expect((await push('search-availability', body)).json()).toEqual({ accepted: 1, duplicate: false });
    expect((await push('search-availability', body)).json()).toEqual({ accepted: 1, duplicate: true });
    const viaHeader = { samples: [{ timestamp: T0 - 20 * MIN, good: 10, total: 10 }] };
    expect((await push('search-availability', viaHeader, { 'idempotency-key': 'batch-2' })).json().duplicate).toBe(false);
    expect((await push('search-availability', viaHeader, { 'idempotency-key': 'batch-2' })).json().duplicate).toBe(true);
    const minute = Math.floor((T0 - 20 * MIN) / MIN);
    expect(await h.store.readCounts('search-availability', minute, minute + 1)).toEqual([{ minute, good: 20, total: 20 }]);
  });

  it('rejects samples more than 5 minutes in the future with a clear message and stores nothing', async () => {
    const res = await push('checkout-availability', { samples: [{ timestamp: T0, good: 1, total: 1 }, { timestamp: T0 + 6 * MIN, good: 1, total: 1 }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.problems).toEqual([{ path: 'body.samples[1].timestamp', message: expect.stringContaining('more than 5 minutes ahead of the server clock') }]);
    expect(await h.store.readCounts('checkout-availability', Math.floor(T0 / MIN), Math.floor(T0 / MIN) + 10)).toEqual([]);
  });

  it('accepts late samples inside the window and rejects those older than the window, naming the sample', async () => {
    expect((await push('search-availability', { samples: [{ timestamp: T0 - 6 * 24 * 60 * MIN, good: 1, total: 1 }] })).statusCode).toBe(200);
    const res = await push('search-availability', { samples: [{ timestamp: T0 - 8 * 24 * 60 * MIN, good: 1, total: 1 }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.problems[0].path).toBe('body.samples[0].timestamp');
    expect(res.json().error.problems[0].message).toContain('older than SLO "search-availability" keeps');
  });

  it('ingests a bulk batch for several SLOs atomically', async () => {
    const ok = await h.inject({
      method: 'POST',
      url: '/api/v1/slis/events',
      headers: bearer(h.tokens.ingest),
      payload: { batches: [{ slo: 'checkout-availability', samples: [{ timestamp: T0 - 30 * MIN, good: 5, total: 5 }] }, { slo: 'search-availability', samples: [{ timestamp: T0 - 30 * MIN, good: 7, total: 8 }] }] },
    });
    expect(ok.json()).toEqual({ accepted: 2, duplicate: false });
    const bad = await h.inject({
      method: 'POST',
      url: '/api/v1/slis/events',
      headers: bearer(h.tokens.ingest),
      payload: { batches: [{ slo: 'checkout-availability', samples: [{ timestamp: T0 - 40 * MIN, good: 5, total: 5 }] }, { slo: 'search-availability', samples: [{ timestamp: T0 + 60 * MIN, good: 1, total: 1 }] }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.problems[0].path).toBe('body.batches[1].samples[0].timestamp');
    const minute = Math.floor((T0 - 40 * MIN) / MIN);
    expect(await h.store.readCounts('checkout-availability', minute, minute + 1)).toEqual([]);
  });

  it('counts ingested samples in /metrics and feeds the in-memory counts read by the API', async () => {
    const metrics = (await h.inject({ url: '/metrics', headers: bearer(h.tokens.read) })).body;
    expect(metrics).toMatch(/sloop_ingested_samples_total\{source="push"\} [1-9]/);
    const slo = (await h.inject({ url: '/api/v1/slos/checkout-availability', headers: bearer(h.tokens.read) })).json();
    expect(slo.budget.total).toBe(101 + 5);
    expect(slo.budget.good).toBe(100 + 5);
  });
});
