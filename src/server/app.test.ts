import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startHarness, T0, type Harness } from '../../test/server/support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

describe('sloop HTTP app', () => {
  it('answers health checks without a token', async () => {
    expect((await h.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await h.inject({ url: '/readyz' });
    // The evaluator loop is not started in this harness, so readiness says so.
    expect(ready.statusCode).toBe(503);
    expect(ready.json().checks).toMatchObject({ store: 'ok', config: 'ok', evaluator: 'not started' });
  });

  it('serves an OpenAPI 3.1 document listing every route with its scope', async () => {
    const doc = (await h.inject({ url: '/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    for (const route of h.runtime.routes) {
      const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      expect(doc.paths[path][route.method.toLowerCase()]['x-sloop-scope']).toBe(route.scope);
    }
    const push = doc.paths['/api/v1/slis/{slo}/events'].post;
    expect(push.requestBody.content['application/json'].schema.properties.samples.type).toBe('array');
    expect(push.parameters[0]).toMatchObject({ name: 'slo', in: 'path', required: true });
  });

  it('rejects a bad body with one problem per bad field', async () => {
    const res = await h.inject({
      method: 'POST',
      url: '/api/v1/slis/checkout-availability/events',
      headers: bearer(h.tokens.ingest),
      payload: { samples: [{ timestamp: T0, good: 5, total: 3 }, { timestamp: 'yesterday', good: -1, total: 1 }] },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('INPUT');
    expect(body.error.problems.map((p: { path: string }) => p.path).sort()).toEqual(['body.samples[0].good', 'body.samples[1].good', 'body.samples[1].timestamp']);
  });

  it('answers 413 for a body over the size limit', async () => {
    const samples = Array.from({ length: 200_000 }, () => ({ timestamp: T0, good: 1, total: 1 }));
    const res = await h.inject({ method: 'POST', url: '/api/v1/slis/events', headers: bearer(h.tokens.ingest), payload: { batches: [{ slo: 'x', samples }] } });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers 404 for an unknown SLO and for an unknown path', async () => {
    const res = await h.inject({ method: 'POST', url: '/api/v1/slis/nope/events', headers: bearer(h.tokens.ingest), payload: { samples: [{ timestamp: T0, good: 1, total: 1 }] } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toContain('unknown SLO "nope"');
    expect((await h.inject({ url: '/api/v1/slos/nope', headers: bearer(h.tokens.read) })).statusCode).toBe(404);
    expect((await h.inject({ url: '/api/v1/nothing', headers: bearer(h.tokens.read) })).statusCode).toBe(404);
  });

  it('rejects invalid JSON with a 400 that names the problem', async () => {
    const res = await h.inject({ method: 'POST', url: '/api/v1/slis/events', headers: { ...bearer(h.tokens.ingest), 'content-type': 'application/json' }, payload: '{"batches": [' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INPUT');
  });

  it('exports its own metrics in the Prometheus format', async () => {
    const res = await h.inject({ url: '/metrics', headers: bearer(h.tokens.read) });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('sloop_ingested_samples_total');
    expect(res.body).toContain('sloop_http_request_duration_seconds_bucket');
    expect(res.body).toContain('sloop_evaluation_duration_seconds');
  });
});

describe('errors from a broken store', () => {
  it('answer 500 with only a request id: no stack trace, no SQL', async () => {
    const broken = await startHarness();
    try {
      const token = broken.tokens.read;
      await broken.store.close();
      const res = await broken.inject({ url: '/api/v1/alerts', headers: bearer(token) });
      expect(res.statusCode).toBe(500);
      const body = res.json();
      expect(body.error.code).toBe('INTERNAL');
      expect(body.error.message).toMatch(/request id req-\w+/);
      expect(res.body).not.toMatch(/select|insert|sqlite|at \w+ \(|\.ts:\d+/i);
    } finally {
      await broken.runtime.stop();
      await rm(broken.dir, { recursive: true, force: true });
    }
  });
});
