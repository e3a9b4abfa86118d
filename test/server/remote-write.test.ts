/**
 * A real Prometheus scrapes sloop's own /metrics and remote-writes the samples back to
 * sloop's /api/v1/write; an SLO over sloop's HTTP request counter receives per-minute counts.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPrometheus, type RunningPrometheus } from '../support/prometheus.js';
import { bearer, startHarness, TEST_CONFIG, type Harness } from './support/harness.js';

const CONFIG = `${TEST_CONFIG}  - name: sloop-http
    objective: 99
    sli:
      ratio:
        remoteWrite:
          total: '{__name__="sloop_http_request_duration_seconds_count", job="sloop"}'
          bad: '{__name__="sloop_http_request_duration_seconds_count", job="sloop", status=~"5.."}'
`;

let h: Harness;
let prometheus: RunningPrometheus;
let url: string;

beforeAll(async () => {
  h = await startHarness({ configText: CONFIG, now: Date.now() });
  url = await h.runtime.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = new URL(url);
  prometheus = await startPrometheus({
    config: `global:
  scrape_interval: 1s
scrape_configs:
  - job_name: sloop
    metrics_path: /metrics
    authorization: { credentials: ${h.tokens.read} }
    static_configs: [{ targets: ['127.0.0.1:${port}'] }]
remote_write:
  - url: ${url}/api/v1/write
    authorization: { credentials: ${h.tokens.ingest} }
    queue_config: { batch_send_deadline: 1s, max_samples_per_send: 500, min_backoff: 100ms }
`,
  });
});
afterAll(async () => {
  await prometheus?.stop();
  await h?.close();
});

it('turns remote-written counters into good/total counts of the matching SLO', async () => {
  // /readyz answers 503 here (the evaluator loop is not started): those are the bad events.
  const deadline = Date.now() + 45_000;
  let rows: Array<{ good: number; total: number }> = [];
  while (Date.now() < deadline) {
    await fetch(`${url}/readyz`);
    await fetch(`${url}/healthz`);
    const minute = Math.floor(Date.now() / 60_000);
    rows = await h.store.readCounts('sloop-http', minute - 5, minute + 2);
    const total = rows.reduce((n, r) => n + r.total, 0);
    const good = rows.reduce((n, r) => n + r.good, 0);
    if (total >= 10 && good < total) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const total = rows.reduce((n, r) => n + r.total, 0);
  const good = rows.reduce((n, r) => n + r.good, 0);
  expect(total, prometheus.output().slice(-2000)).toBeGreaterThanOrEqual(10);
  expect(good).toBeLessThan(total);
  h.clock.now = Date.now();
  const slo = (await h.inject({ url: '/api/v1/slos/sloop-http', headers: bearer(h.tokens.read) })).json();
  expect(slo.sli.source).toBe('remote_write');
  expect(slo.budget.total).toBeGreaterThanOrEqual(total);
  const metrics = (await h.inject({ url: '/metrics', headers: bearer(h.tokens.read) })).body;
  expect(metrics).toMatch(/sloop_ingested_samples_total\{source="remote_write"\} [1-9]/);
});

it('rejects a body that is not snappy protobuf with a 400, and pushes to a remote_write SLO are fine too', async () => {
  const res = await h.inject({ method: 'POST', url: '/api/v1/write', headers: { ...bearer(h.tokens.ingest), 'content-type': 'application/x-protobuf' }, payload: Buffer.from('not snappy at all') });
  expect(res.statusCode).toBe(400);
  expect(res.json().error.code).toBe('INPUT');
  const wrongScope = await h.inject({ method: 'POST', url: '/api/v1/write', headers: { ...bearer(h.tokens.read), 'content-type': 'application/x-protobuf' }, payload: Buffer.from('x') });
  expect(wrongScope.statusCode).toBe(403);
});
