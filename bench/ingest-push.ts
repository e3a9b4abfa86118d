/**
 * Samples per second through the push API (`POST /api/v1/slis/events`, bulk form), with the
 * load generator in this process and `sloop serve` in another. Baseline measured in the same
 * run: `store.ingestSamples` called directly in-process on the same batches (the storage
 * ceiling without HTTP, JSON and validation).
 *
 * Run: node --import tsx bench/ingest-push.ts [--slos 100] [--per-slo 10] [--connections 8] [--seconds 10] [--database postgres://...] [--json]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toMinuteCounts } from '../src/server/services/ingest.js';
import { openStore } from '../src/store/index.js';
import { arg, round, runLoad, startBenchServer, stringArg } from './ingest-support.js';

const slos = arg('slos', 100);
const perSlo = arg('per-slo', 10);
const connections = arg('connections', 8);
const seconds = arg('seconds', 10);
const databaseUrl = stringArg('database');
const json = process.argv.includes('--json');

const MIN = 60_000;
const now = Date.now();

function config(): string {
  const lines = ['apiVersion: sloop/v1', 'service:', '  name: bench', 'slos:'];
  for (let i = 0; i < slos; i++) lines.push(`  - name: slo-${i}`, '    objective: 99.9', '    window: 28d');
  return lines.join('\n') + '\n';
}

/** A bulk body: `perSlo` samples for every SLO at distinct minutes of the last two days. */
function batches(seed: number) {
  return Array.from({ length: slos }, (_, i) => ({
    slo: `slo-${i}`,
    samples: Array.from({ length: perSlo }, (_, j) => {
      const minute = (seed * 7919 + i * 131 + j * 17) % (2 * 24 * 60);
      return { timestamp: now - (minute + 10) * MIN, good: 990 + (j % 10), total: 1000 };
    }),
  }));
}

async function baseline(bodies: ReturnType<typeof batches>[]): Promise<{ samplesPerSecond: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'sloop-bench-base-'));
  const store = await openStore(databaseUrl ? { url: databaseUrl } : { dataDir: dir });
  const converted = bodies.map((b) => b.map((batch) => ({ slo: batch.slo, samples: toMinuteCounts(batch.samples) })));
  const perBody = slos * perSlo;
  let done = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async (_, c) => {
      for (let k = c; performance.now() < deadline; k += connections) {
        await store.ingestSamples(converted[k % converted.length]!, { now: Date.now() });
        done += perBody;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  await store.close();
  await rm(dir, { recursive: true, force: true });
  return { samplesPerSecond: Math.round(done / elapsed) };
}

async function main(): Promise<void> {
  const bodies = Array.from({ length: 64 }, (_, k) => batches(k));
  const encoded = bodies.map((b) => Buffer.from(JSON.stringify({ batches: b })));
  const base = await baseline(bodies);
  const server = await startBenchServer(config(), databaseUrl);
  let k = 0;
  let push;
  try {
    // Short warm-up so JIT and SQLite caches settle.
    await runLoad({ url: server.url, path: '/api/v1/slis/events', token: server.token, contentType: 'application/json', connections, durationMs: 1000, next: () => encoded[k++ % encoded.length]! });
    push = await runLoad({ url: server.url, path: '/api/v1/slis/events', token: server.token, contentType: 'application/json', connections, durationMs: seconds * 1000, next: () => encoded[k++ % encoded.length]! });
  } finally {
    await server.close();
  }
  const perRequest = slos * perSlo;
  const result = {
    store: databaseUrl ? 'postgres' : 'sqlite',
    samplesPerRequest: perRequest,
    connections,
    pushSamplesPerSecond: Math.round(((push.requests - push.failed) * perRequest) / push.seconds),
    pushRequestsPerSecond: round(push.requests / push.seconds),
    failedRequests: push.failed,
    latencyMs: push.latencyMs,
    baselineStoreSamplesPerSecond: base.samplesPerSecond,
  };
  if (json) console.log(JSON.stringify(result));
  else {
    console.log(`push API (${result.store}, ${perRequest} samples/request, ${connections} connections):`);
    console.log(`  ${result.pushSamplesPerSecond.toLocaleString('en-US')} samples/s, ${result.pushRequestsPerSecond} requests/s, p50 ${push.latencyMs.p50} ms, p99 ${push.latencyMs.p99} ms, ${push.failed} failed`);
    console.log(`  baseline store.ingestSamples in-process: ${result.baselineStoreSamplesPerSecond.toLocaleString('en-US')} samples/s`);
  }
}

await main();
