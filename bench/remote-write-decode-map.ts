/**
 * CPU of the remote_write receive path before the store, per request, on the same bodies as
 * bench/ingest-remote-write.ts (500 series x 4 samples, 8 labels per series, 50 SLOs mapped
 * by job and code): decodeRemoteWrite, then mapper.prepareWithState (matching + series ids)
 * and compute() against no previous points.
 *
 * With `--before DIR` (a checkout of an earlier commit with its own node_modules, e.g.
 * `git worktree add /tmp/rw-before <commit> && (cd /tmp/rw-before && npm ci)`) the same work
 * runs through that checkout's modules too, rounds alternating between the two in one
 * process, and the ratio of medians is printed: both see the same machine load.
 *
 * `--new-series`: every request carries series never seen before (a different instance label
 * per request), the worst case for the decoder's label-set cache and the id/match caches.
 *
 * Run: node --import tsx bench/remote-write-decode-map.ts [--before DIR] [--new-series] [--requests 200] [--rounds 9] [--json]
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compress } from 'snappyjs';
import * as current from '../src/sources/prometheus/index.js';
import type { TimeSeries, WriteRequest } from '../src/sources/prometheus/index.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const requests = arg('requests', 200);
const rounds = arg('rounds', 9);
const beforeDir = process.argv.includes('--before') ? process.argv[process.argv.indexOf('--before') + 1] : undefined;
const SERIES = 500;
const SAMPLES = 4;
const JOBS = 50;
const newSeries = process.argv.includes('--new-series');

type Impl = Pick<typeof current, 'decodeRemoteWrite' | 'createRemoteWriteMapper'>;

function labels(s: number, k: number): TimeSeries['labels'] {
  const job = `svc-${s % JOBS}`;
  return [
    { name: '__name__', value: 'http_requests_total' },
    { name: 'code', value: s % 10 === 0 ? '503' : '200' },
    { name: 'instance', value: `10.${newSeries ? k : 0}.${Math.floor(s / 250)}.${s % 250}:8080` },
    { name: 'job', value: job },
    { name: 'method', value: s % 3 === 0 ? 'POST' : 'GET' },
    { name: 'namespace', value: 'production' },
    { name: 'path', value: `/api/v1/resource-${s % 17}` },
    { name: 'pod', value: `${job}-7d9f8b6c5-${(s * 7919).toString(36).slice(-5)}` },
  ];
}

function body(k: number, t0: number): Uint8Array {
  const request: WriteRequest = {
    timeseries: Array.from({ length: SERIES }, (_, s) => ({
      labels: labels(s, k),
      samples: Array.from({ length: SAMPLES }, (_, j) => {
        const step = k * SAMPLES + j;
        return { timestamp: t0 + step * 15_000, value: s * 1000 + step * (1 + (s % 5)) };
      }),
    })),
  };
  return compress(current.encodeWriteRequestProto(request));
}

const mappings = Array.from({ length: JOBS }, (_, j) => ({
  slo: `svc-${j}-availability`,
  total: `{__name__="http_requests_total", job="svc-${j}"}`,
  bad: `{__name__="http_requests_total", job="svc-${j}", code=~"5.."}`,
}));

const t0 = Date.UTC(2026, 0, 1);
const bodies = Array.from({ length: requests }, (_, k) => body(k, t0));
const noPrevious = new Map();

/** CPU ms of one pass over all bodies. */
function pass(impl: Impl): number {
  const mapper = impl.createRemoteWriteMapper(mappings);
  let sink = 0;
  const start = process.cpuUsage();
  for (const b of bodies) {
    const prepared = mapper.prepareWithState(impl.decodeRemoteWrite(b));
    sink += prepared.seriesIds.length + prepared.compute(noPrevious).counts.length;
  }
  const used = process.cpuUsage(start);
  if (sink !== requests * (SERIES + JOBS * 1)) {
    // Every series matches; one count row per SLO (all samples of a request share a minute or two).
    if (sink < requests * SERIES) throw new Error(`unexpected result size ${sink}`);
  }
  return (used.user + used.system) / 1000;
}

const impls: Array<[string, Impl]> = [['current', current]];
if (beforeDir) {
  const url = pathToFileURL(resolve(beforeDir, 'src/sources/prometheus/index.ts')).href;
  impls.unshift(['before', (await import(url)) as Impl]);
}
for (const [, impl] of impls) { pass(impl); pass(impl); } // warm-up
const cpu = new Map<string, number[]>(impls.map(([n]) => [n, []]));
for (let r = 0; r < rounds; r++) for (const [name, impl] of impls) cpu.get(name)!.push(pass(impl));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const results = impls.map(([name]) => {
  const ms = median(cpu.get(name)!) / requests;
  return { name, cpuMsPerRequest: Math.round(ms * 1000) / 1000, samplesPerCpuSecond: Math.round((SERIES * SAMPLES) / (ms / 1000)) };
});
const ratio = results.length === 2 ? Math.round((results[0]!.cpuMsPerRequest / results[1]!.cpuMsPerRequest) * 100) / 100 : null;
if (process.argv.includes('--json')) console.log(JSON.stringify({ node: process.version, requests, rounds, newSeries, results, speedup: ratio }));
else {
  console.log(`decode + match + compute, ${requests} requests x ${SERIES * SAMPLES} samples${newSeries ? ', new series in every request' : ''}, ${rounds} rounds (median), ${process.version}`);
  for (const r of results) console.log(`  ${r.name.padEnd(8)} ${r.cpuMsPerRequest.toFixed(3)} ms CPU per request  ${r.samplesPerCpuSecond.toLocaleString('en-US')} samples per CPU-s`);
  if (ratio !== null) console.log(`  speed-up: ${ratio}x`);
}
