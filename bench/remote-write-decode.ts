/**
 * Throughput of sloop's remote_write receive path, single-threaded, on a realistic payload:
 * requests of 500 series x 10 samples (Prometheus's default max_samples_per_send is 2000,
 * so this is a large batch), 8 labels per series, counters rising over time.
 *
 * Measured in one run over several rounds: median and best wall-clock throughput, and
 * throughput per CPU-second of this process (steadier when the machine is busy):
 *   snappy only          snappyjs decompression alone (the floor under any decoder)
 *   protobufjs reflect   snappy + protobufjs's generic decode + toObject (the obvious way)
 *   decodeRemoteWrite    snappy + sloop's hand-written reader
 *   decode + map         decodeRemoteWrite + createRemoteWriteMapper.ingest for 50 SLOs
 *
 * Each case runs in its own process: protobufjs's Reader is shared by both decoders, and
 * running one first would leave the JIT's view of it polymorphic for the other.
 *
 * Run: node --import tsx bench/remote-write-decode.ts [--requests 200] [--rounds 5] [--only NAME] [--json]
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { compress, uncompress } from 'snappyjs';
import {
  createRemoteWriteMapper,
  decodeRemoteWrite,
  encodeWriteRequestProto,
  WriteRequestType,
  type TimeSeries,
  type WriteRequest,
} from '../src/sources/prometheus/index.js';

const SERIES = 500;
const SAMPLES_PER_SERIES = 10;
const SERVICES = 50;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const requests = arg('requests', 200);
const rounds = arg('rounds', 5);

function seriesLabels(s: number): TimeSeries['labels'] {
  const service = `svc-${s % SERVICES}`;
  return [
    { name: '__name__', value: s % 4 === 3 ? 'process_cpu_seconds_total' : 'http_requests_total' },
    { name: 'code', value: s % 10 === 0 ? '503' : '200' },
    { name: 'instance', value: `10.0.${Math.floor(s / 250)}.${s % 250}:8080` },
    { name: 'job', value: service },
    { name: 'method', value: s % 3 === 0 ? 'POST' : 'GET' },
    { name: 'namespace', value: 'production' },
    { name: 'path', value: `/api/v1/resource-${s % 17}` },
    { name: 'pod', value: `${service}-7d9f8b6c5-${(s * 7919).toString(36).slice(-5)}` },
  ];
}

function buildRequest(k: number, t0: number): WriteRequest {
  return {
    timeseries: Array.from({ length: SERIES }, (_, s) => ({
      labels: seriesLabels(s),
      samples: Array.from({ length: SAMPLES_PER_SERIES }, (_, j) => {
        const step = k * SAMPLES_PER_SERIES + j;
        return { timestamp: t0 + step * 15_000, value: s * 1_000 + step * (1 + (s % 5)) };
      }),
    })),
  };
}

const CASE_NAMES = ['snappy only', 'protobufjs reflect', 'decodeRemoteWrite', 'decode + map'];
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;

interface CaseResult {
  name: string;
  samplesPerSecond: number;
  bestSamplesPerSecond: number;
  samplesPerCpuSecond: number;
  requestsPerSecond: number;
}

function measure(caseName: string): CaseResult {
  const t0 = Date.UTC(2026, 0, 1);
  const bodies = Array.from({ length: requests }, (_, k) => compress(encodeWriteRequestProto(buildRequest(k, t0))));
  const samplesPerRun = requests * SERIES * SAMPLES_PER_SERIES;
  const mappings = Array.from({ length: SERVICES }, (_, i) => ({
    slo: `svc-${i}-availability`,
    total: `{__name__="http_requests_total", job="svc-${i}"}`,
    bad: `{__name__="http_requests_total", job="svc-${i}", code=~"5.."}`,
  }));
  let sink = 0;
  const cases: Record<string, () => void> = {
    'snappy only': () => { for (const b of bodies) sink += uncompress(b).length; },
    'protobufjs reflect': () => {
      for (const b of bodies) {
        const obj = WriteRequestType.toObject(WriteRequestType.decode(uncompress(b)), { longs: Number }) as WriteRequest;
        sink += obj.timeseries.length;
      }
    },
    decodeRemoteWrite: () => { for (const b of bodies) sink += decodeRemoteWrite(b).timeseries.length; },
    'decode + map': () => {
      // A fresh mapper per round, so every round sees the same baselines and increases.
      const mapper = createRemoteWriteMapper(mappings);
      for (const b of bodies) sink += mapper.ingest(decodeRemoteWrite(b)).length;
    },
  };
  const run = cases[caseName];
  if (!run) throw new Error(`unknown case ${caseName}; one of ${CASE_NAMES.join(', ')}`);
  run(); // warm-up
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    const startCpu = process.cpuUsage();
    run();
    const used = process.cpuUsage(startCpu);
    wall.push(Number(process.hrtime.bigint() - start) / 1e9);
    cpu.push((used.user + used.system) / 1e6);
  }
  if (sink < 0) console.log(sink);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return {
    name: caseName,
    samplesPerSecond: Math.round(samplesPerRun / median(wall)),
    // The fastest round: the least disturbed by other processes on a shared machine.
    bestSamplesPerSecond: Math.round(samplesPerRun / Math.min(...wall)),
    // CPU time of this process: steadier than wall time when the machine is busy.
    samplesPerCpuSecond: Math.round(samplesPerRun / median(cpu)),
    requestsPerSecond: Math.round(requests / median(wall)),
  };
}

function measureInChildProcess(caseName: string): CaseResult {
  const args = [...process.execArgv, fileURLToPath(import.meta.url), '--requests', String(requests), '--rounds', String(rounds), '--only', caseName, '--json'];
  const out = execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  return (JSON.parse(out) as { results: CaseResult[] }).results[0];
}

const results = only !== undefined ? [measure(only)] : CASE_NAMES.map(measureInChildProcess);
const summary = {
  node: process.version,
  requests,
  samplesPerRequest: SERIES * SAMPLES_PER_SERIES,
  rounds,
  results,
};
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(summary, null, 2));
} else {
  console.log(`remote_write decode: ${requests} requests x ${SERIES * SAMPLES_PER_SERIES} samples, ${rounds} rounds per case, ${process.version}`);
  const fmt = (n: number) => n.toLocaleString('en-US').padStart(11);
  for (const r of results) {
    console.log(`  ${r.name.padEnd(20)} ${fmt(r.samplesPerSecond)} median  ${fmt(r.bestSamplesPerSecond)} best  ${fmt(r.samplesPerCpuSecond)} per CPU-s  (samples/s; ${r.requestsPerSecond} req/s median)`);
  }
}
