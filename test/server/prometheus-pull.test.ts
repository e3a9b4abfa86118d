/**
 * PromQL SLIs: the evaluator pulls per-minute counts from a real Prometheus holding known
 * data (backfilled with promtool), stores them once, and evaluates them like pushed data.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRuntime, type SloopRuntime } from '../../src/server/runtime.js';
import { loadConfig } from '../../src/slo/spec/index.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/store.js';
import { startPrometheus, type RunningPrometheus } from '../support/prometheus.js';
import { requireTool } from '../support/require-tool.js';
import { bearer } from './support/harness.js';

const MINUTES = 120;
const endMinute = Math.floor(Date.now() / 60_000) - 5;
const startMinute = endMinute - MINUTES;
// Per-minute events (multiples of 4: each 15 s step adds a whole number); the last 20 minutes fail badly.
const totalPerMinute = Array.from({ length: MINUTES }, (_, i) => 400 + (i % 7) * 40);
const badPerMinute = Array.from({ length: MINUTES }, (_, i): number => (i >= MINUTES - 20 ? 200 : i % 5 === 0 ? 4 : 0));

const CONFIG = `apiVersion: sloop/v1
service:
  name: api
slos:
  - name: api-availability
    objective: 99.9
    sli:
      ratio:
        bad: sum(increase(http_requests_total{job="api", code=~"5.."}[{{.window}}]))
        total: sum(increase(http_requests_total{job="api"}[{{.window}}]))
`;

function openMetrics(): string {
  const lines = ['# TYPE http_requests counter'];
  for (const [code, perMinute] of [['200', (i: number) => totalPerMinute[i]! - badPerMinute[i]!], ['500', (i: number) => badPerMinute[i]!]] as const) {
    let value = 100;
    lines.push(`http_requests_total{job="api",code="${code}"} ${value} ${startMinute * 60}`);
    for (let i = 0; i < MINUTES; i++) {
      for (let step = 1; step <= 4; step++) {
        value += perMinute(i) / 4;
        lines.push(`http_requests_total{job="api",code="${code}"} ${value} ${(startMinute + i) * 60 + step * 15}`);
      }
    }
  }
  lines.push('# EOF', '');
  return lines.join('\n');
}

let dir: string;
let prometheus: RunningPrometheus;
let store: Store;
let runtime: SloopRuntime;
let token: string;
const now = (endMinute + 3) * 60_000;

beforeAll(async () => {
  const promtool = requireTool('promtool');
  dir = await mkdtemp(join(tmpdir(), 'sloop-pull-'));
  await writeFile(join(dir, 'data.om'), openMetrics());
  await writeFile(join(dir, 'slos.yaml'), CONFIG);
  await promisify(execFile)(promtool, ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', join(dir, 'data.om'), join(dir, 'tsdb')]);
  prometheus = await startPrometheus({ config: 'global:\n  scrape_interval: 1m\n', dataDir: join(dir, 'tsdb'), retention: '30d' });
  store = await openStore({ dataDir: join(dir, 'data') });
  token = (await store.createToken({ name: 'reader', scopes: ['read'], now })).token;
  runtime = await createRuntime({ store, configPaths: [join(dir, 'slos.yaml')], loadConfig, version: 'test', now: () => now, prometheus: { url: prometheus.url, lagMs: 0 } });
});
afterAll(async () => {
  await runtime?.stop();
  await store?.close();
  await prometheus?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('pulls every minute once, evaluates the PromQL SLO and pages on the failing tail', async () => {
  const first = await runtime.evaluator.tick();
  expect(first.evaluated).toBe(1);
  const rows = await store.readCounts('api-availability', startMinute - 10, endMinute + 10);
  const total = rows.reduce((n, r) => n + r.total, 0);
  const bad = rows.reduce((n, r) => n + r.total - r.good, 0);
  // Minute i holds the increase over (start+i, start+i+1]: every minute of the data, exactly.
  expect(rows).toHaveLength(MINUTES);
  expect(total).toBeCloseTo(totalPerMinute.reduce((a, b) => a + b, 0), 3);
  expect(bad).toBeCloseTo(badPerMinute.reduce((a, b) => a + b, 0), 3);

  await runtime.evaluator.tick();
  const again = await store.readCounts('api-availability', startMinute - 10, endMinute + 10);
  expect(again.reduce((n, r) => n + r.total, 0)).toBeCloseTo(total, 6);

  const slo = (await runtime.app.inject({ url: '/api/v1/slos/api-availability', headers: bearer(token) })).json();
  expect(slo.sli.source).toBe('prometheus');
  expect(slo.budget.total).toBeCloseTo(total, 3);
  const fired = await store.listAlertTransitions({ slo: 'api-availability', event: 'fired' });
  expect(fired.map((t) => t.kind)).toContain('page');
});

it('refuses pushes to a PromQL SLO, naming the SLO', async () => {
  const ingest = (await store.createToken({ name: 'pusher', scopes: ['ingest'], now })).token;
  const res = await runtime.app.inject({
    method: 'POST',
    url: '/api/v1/slis/api-availability/events',
    headers: bearer(ingest),
    payload: { samples: [{ timestamp: now - 60_000, good: 1, total: 1 }] },
  });
  expect(res.statusCode).toBe(400);
  expect(res.json().error.problems).toEqual([{ path: 'params.slo', message: expect.stringContaining('reads its SLI from Prometheus') }]);
});
