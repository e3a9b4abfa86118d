/**
 * A real Prometheus scrapes counters this test controls and remote-writes them to a receiver
 * built from decodeRemoteWrite + createRemoteWriteMapper; the mapped per-minute counts must
 * add up to exactly what the test incremented (the first sample of each series is the baseline).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrometheus, type RunningPrometheus } from '../../../../test/support/prometheus.js';
import { decodeRemoteWrite } from './decode.js';
import { createRemoteWriteMapper, type SloMinuteCounts } from './mapper.js';
import { labelValue } from './selector.js';

const counters = { ok: 5, failed: 2, unrelated: 0 };
const received = new Map<string, number>(); // code label -> last value Prometheus sent
const mapped: SloMinuteCounts[] = [];
const rejected: string[] = [];
let metricsServer: Server;
let receiver: Server;
let prometheus: RunningPrometheus | undefined;

const mapper = createRemoteWriteMapper([
  {
    slo: 'api-availability',
    total: '{__name__="http_requests_total", job="api"}',
    bad: '{__name__="http_requests_total", job="api", code=~"5.."}',
  },
]);

function exposition(): string {
  return [
    '# TYPE http_requests_total counter',
    `http_requests_total{code="200"} ${counters.ok}`,
    `http_requests_total{code="500"} ${counters.failed}`,
    '# TYPE unrelated_total counter',
    `unrelated_total ${counters.unrelated}`,
    '',
  ].join('\n');
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function waitFor(what: string, predicate: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}; received ${JSON.stringify([...received])}\n${prometheus?.output().slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  metricsServer = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' }).end(exposition());
  });
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const request = decodeRemoteWrite(Buffer.concat(chunks));
        mapped.push(...mapper.ingest(request));
        for (const series of request.timeseries) {
          if (labelValue(series.labels, '__name__') !== 'http_requests_total') continue;
          const last = series.samples.at(-1);
          if (last) received.set(labelValue(series.labels, 'code'), last.value);
        }
        res.writeHead(204).end();
      } catch (err: unknown) {
        rejected.push(String(err));
        res.writeHead(400).end();
      }
    });
  });
  const [metricsPort, receiverPort] = await Promise.all([listen(metricsServer), listen(receiver)]);
  prometheus = await startPrometheus({
    config: `
global:
  scrape_interval: 1s
  scrape_timeout: 1s
scrape_configs:
  - job_name: api
    static_configs:
      - targets: ['127.0.0.1:${metricsPort}']
remote_write:
  - url: http://127.0.0.1:${receiverPort}/api/v1/write
    queue_config:
      batch_send_deadline: 1s
      min_backoff: 100ms
      max_backoff: 1s
`,
  });
});

afterAll(async () => {
  await prometheus?.stop();
  await Promise.all([metricsServer, receiver].map((s) => new Promise((r) => s?.close(r))));
});

describe('remote_write from a real Prometheus', () => {
  it('maps scraped counters onto the SLO as exactly the increments made, counting a reset', async () => {
    await waitFor('the baseline samples', () => received.get('200') === 5 && received.get('500') === 2);

    const steps: Array<{ ok: number; failed: number }> = [
      { ok: 40, failed: 0 },
      { ok: 50, failed: 4 },
      { ok: 30, failed: 3 },
    ];
    for (const step of steps) {
      counters.ok += step.ok;
      counters.failed += step.failed;
      counters.unrelated += 1_000;
      await waitFor(`ok=${counters.ok} failed=${counters.failed}`, () => received.get('200') === counters.ok && received.get('500') === counters.failed);
    }
    // The failing counter restarts from zero and has counted 3 by the next scrape.
    counters.failed = 3;
    counters.ok += 20;
    await waitFor('the reset', () => received.get('200') === counters.ok && received.get('500') === 3);

    const good = mapped.reduce((sum, c) => sum + c.good, 0);
    const total = mapped.reduce((sum, c) => sum + c.total, 0);
    expect(rejected).toEqual([]);
    expect({ good, total }).toEqual({ good: 40 + 50 + 30 + 20, total: 40 + 50 + 30 + 20 + 4 + 3 + 3 });
    expect(new Set(mapped.map((c) => c.slo))).toEqual(new Set(['api-availability']));
    const nowMinute = Math.floor(Date.now() / 60_000);
    for (const c of mapped) expect(nowMinute - c.minute).toBeLessThanOrEqual(2);
  });
});
