/**
 * Paging latency (issue 4: p99 < 1 s with 1,000 concurrent open pages): from an SLO alert
 * transition committed to the store's event log to the notification arriving at a local
 * webhook receiver, through the real engine and worker (consume via the persisted cursor,
 * route, decide, one transaction, claim, send, mark).
 *
 * Baseline, measured in the same run: the raw work alone, one event-log append (a store
 * transaction) followed by one local HTTP POST of the same size to the same receiver.
 *
 * Run: npx tsx bench/paging-latency.ts   (BENCH_DATABASE_URL=postgres://... for PostgreSQL;
 * BENCH_OPEN_PAGES, BENCH_TRANSITIONS, BENCH_SPACING_MS (between transitions, default 10) to change the load)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ChannelPolicies } from '../src/notify/index.js';
import { loadOnCallConfig } from '../src/oncall/config/load-oncall.js';
import { PagingEngine, PagingWorker } from '../src/oncall/paging/index.js';
import { loadSources } from '../src/slo/spec/load.js';
import { openStore } from '../src/store/index.js';

const OPEN_PAGES = Number(process.env.BENCH_OPEN_PAGES ?? 1000);
const TRANSITIONS = Number(process.env.BENCH_TRANSITIONS ?? 300);
const SPACING_MS = Number(process.env.BENCH_SPACING_MS ?? 10);

const arrivals = new Map<string, number>();
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    const at = performance.now();
    const parsed = JSON.parse(body) as { labels?: { slo?: string }; baseline?: string };
    const key = parsed.baseline ?? parsed.labels?.slo;
    if (key && !arrivals.has(key)) arrivals.set(key, at);
    res.writeHead(200).end('ok');
  });
});
await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

const dir = mkdtempSync(join(tmpdir(), 'sloop-bench-paging-'));
const store = await openStore(process.env.BENCH_DATABASE_URL ? { url: process.env.BENCH_DATABASE_URL } : { dataDir: dir });
const oncall = loadOnCallConfig(loadSources([{ file: 'bench.yaml', text: `apiVersion: sloop/v1
kind: OnCall
people:
  - { id: oncall, name: On Call, timeZone: UTC, contactMethods: [{ id: hook, type: webhook, url: "${hook}" }] }
escalationPolicies:
  - name: bench
    steps:
      - { notify: { people: [oncall] }, wait: 1h }
routes:
  - { default: true, policy: bench }
` }]));
const engine = new PagingEngine({ store, config: () => oncall, clock: () => Date.now() });
const worker = new PagingWorker({
  engine,
  intervalMs: 1000,
  maxInFlight: 64,
  delivery: { links: { publicUrl: 'http://sloop.bench', secret: 'bench-link-secret-0123456789', ttlMs: 3_600_000 }, policies: new ChannelPolicies(), person: (id) => oncall.people.find((p) => p.id === id) },
});

// 1,000 open pages, each with a pending escalation timer, already notified.
for (let i = 0; i < OPEN_PAGES; i++) {
  await engine.handleAlert({ dedupKey: `background-${i}`, status: 'firing', alert: { source: 'webhook', summary: `background ${i}`, labels: { slo: `background-${i}` }, annotations: {}, runbookUrl: null } });
}
await worker.start();
while (arrivals.size < OPEN_PAGES) await new Promise((r) => setTimeout(r, 50));
const openPages = (await store.paging.listPages({ status: 'triggered', limit: 1000 })).length;

// Measured: transitions appended like the evaluator does, the worker kicked like the server's event feed does.
const started = new Map<string, number>();
const startedWall = new Map<string, number>();
for (let i = 0; i < TRANSITIONS; i++) {
  const slo = `bench-slo-${i}`;
  started.set(slo, performance.now());
  startedWall.set(slo, Date.now());
  void store.recordAlertTransitions([{ slo, kind: 'page', event: 'fired', at: Date.now(), burnRates: { '1h': 20, '5m': 30 }, details: { alertName: 'BenchBurn', service: 'bench' } }]).then(() => worker.kick());
  await new Promise((r) => setTimeout(r, SPACING_MS));
}
const deadline = Date.now() + 60_000;
while ([...started.keys()].some((k) => !arrivals.has(k)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
const paging = [...started].map(([slo, t0]) => (arrivals.get(slo) ?? Number.POSITIVE_INFINITY) - t0);
await worker.stop();

// Where the time goes: transition -> page opened (consume), -> delivery claimed, -> recorded.
const stages = { opened: [] as number[], claimed: [] as number[], recorded: [] as number[] };
for (const page of await store.paging.listPages({ limit: 1000 })) {
  const slo = page.alert.labels.slo;
  const t0 = startedWall.get(slo);
  if (t0 === undefined) continue;
  const [d] = (await store.paging.getPage(page.id))!.deliveries;
  stages.opened.push(page.triggeredAt - t0);
  stages.claimed.push((d.claimedAt ?? NaN) - t0);
  stages.recorded.push((d.finishedAt ?? NaN) - t0);
}

// Baseline: one store transaction plus one local HTTP POST of a notification-sized body.
const baseline: number[] = [];
const filler = 'x'.repeat(1200);
for (let i = 0; i < TRANSITIONS; i++) {
  const key = `baseline-${i}`;
  const t0 = performance.now();
  await store.appendEvents([{ type: 'bench.baseline', payload: { i } }], Date.now());
  await fetch(hook, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ baseline: key, filler }) });
  baseline.push(arrivals.get(key)! - t0);
}

await store.close();
receiver.close();
rmSync(dir, { recursive: true, force: true });

function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] * 10) / 10;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}
const result = {
  dialect: store.dialect,
  openPages,
  transitions: TRANSITIONS,
  spacingMs: SPACING_MS,
  pagingMs: stats(paging),
  stagesMs: { opened: stats(stages.opened), claimed: stats(stages.claimed), recorded: stats(stages.recorded) },
  baselineMs: stats(baseline),
  lost: paging.filter((v) => !Number.isFinite(v)).length,
  machine: { cpus: availableParallelism(), load1: Math.round(loadavg()[0] * 10) / 10 },
};
console.log(JSON.stringify(result, null, 2));
console.log(result.pagingMs.p99 < 1000 && result.lost === 0 ? 'PASS: p99 < 1 s' : 'FAIL: p99 >= 1 s or pages lost');
