/**
 * Samples per second through `POST /api/v1/write` (Prometheus remote_write: snappy protobuf),
 * load generator in this process, `sloop serve` in another. Requests carry 500 series x 4
 * samples (2,000 samples: Prometheus's default max_samples_per_send), 8 labels per series,
 * counters rising every 15 s; 50 SLOs map the series by job and code. Each connection owns
 * its own series, so every series arrives in order (as with Prometheus's shards).
 * Baseline in the same run: decodeRemoteWrite + mapper.prepare in-process on the same bodies
 * (the CPU ceiling of the receive path, without HTTP and the store).
 *
 * Run: node --import tsx bench/ingest-remote-write.ts [--requests 400] [--connections 4] [--database postgres://...] [--json]
 * (with --database, use a fresh database per run: series state from an earlier run would make
 * the server skip samples it has already counted)
 */
import { readFileSync } from 'node:fs';
import { compress } from 'snappyjs';
import { createRemoteWriteMapper, decodeRemoteWrite, encodeWriteRequestProto, type TimeSeries, type WriteRequest } from '../src/sources/prometheus/index.js';
import { remoteWriteMappings } from '../src/server/services/remote-write.js';
import { loadConfigFromText } from '../src/slo/spec/index.js';
import { arg, runLoad, startBenchServer, stringArg } from './ingest-support.js';

const requests = arg('requests', 400);
const connections = arg('connections', 4);
const json = process.argv.includes('--json');
const databaseUrl = stringArg('database');
const SERIES = 500;
const SAMPLES = 4;
const JOBS = 50;

function config(): string {
  const lines = ['apiVersion: sloop/v1', 'service:', '  name: bench', 'slos:'];
  for (let j = 0; j < JOBS; j++) {
    lines.push(
      `  - name: svc-${j}-availability`,
      '    objective: 99.9',
      '    sli:',
      '      ratio:',
      '        remoteWrite:',
      `          total: '{__name__="http_requests_total", job="svc-${j}"}'`,
      `          bad: '{__name__="http_requests_total", job="svc-${j}", code=~"5.."}'`,
    );
  }
  return lines.join('\n') + '\n';
}

function labels(connection: number, s: number): TimeSeries['labels'] {
  const id = connection * SERIES + s;
  const job = `svc-${id % JOBS}`;
  return [
    { name: '__name__', value: 'http_requests_total' },
    { name: 'code', value: id % 10 === 0 ? '503' : '200' },
    { name: 'instance', value: `10.${connection}.${Math.floor(s / 250)}.${s % 250}:8080` },
    { name: 'job', value: job },
    { name: 'method', value: s % 3 === 0 ? 'POST' : 'GET' },
    { name: 'namespace', value: 'production' },
    { name: 'path', value: `/api/v1/resource-${s % 17}` },
    { name: 'pod', value: `${job}-7d9f8b6c5-${(id * 7919).toString(36).slice(-5)}` },
  ];
}

function body(connection: number, k: number, t0: number): Buffer {
  const request: WriteRequest = {
    timeseries: Array.from({ length: SERIES }, (_, s) => ({
      labels: labels(connection, s),
      samples: Array.from({ length: SAMPLES }, (_, j) => {
        const step = k * SAMPLES + j;
        return { timestamp: t0 + step * 15_000, value: s * 1000 + step * (1 + (s % 5)) };
      }),
    })),
  };
  return Buffer.from(compress(encodeWriteRequestProto(request)));
}

async function main(): Promise<void> {
  const perConnection = Math.ceil(requests / connections);
  // Sample time: the last few hours, one minute of samples per request and connection.
  const t0 = Math.floor(Date.now() / 60_000) * 60_000 - (perConnection + 10) * 60_000;
  const bodies = Array.from({ length: connections }, (_, c) => Array.from({ length: perConnection }, (_, k) => body(c, k, t0)));
  const samplesPerRequest = SERIES * SAMPLES;

  // Baseline: decode + map in-process, same bodies, same order.
  const mapper = createRemoteWriteMapper(remoteWriteMappings(loadConfigFromText(config()).config.slos));
  const baseStart = performance.now();
  for (let k = 0; k < perConnection; k++) for (let c = 0; c < connections; c++) mapper.prepare(decodeRemoteWrite(bodies[c]![k]!)).commit();
  const baseSeconds = (performance.now() - baseStart) / 1000;

  const server = await startBenchServer(config(), databaseUrl);
  const sent = new Array<number>(connections).fill(0);
  let load;
  let cpuStart: number | null = null;
  let cpuEnd: number | null = null;
  try {
    cpuStart = cpuMs(server.child.pid);
    load = await runLoad({
      url: server.url,
      path: '/api/v1/write',
      token: server.token,
      contentType: 'application/x-protobuf',
      headers: { 'content-encoding': 'snappy', 'x-prometheus-remote-write-version': '0.1.0' },
      connections,
      durationMs: 600_000,
      next: (c) => bodies[c]![sent[c]!++] ?? null,
    });
    cpuEnd = cpuMs(server.child.pid);
  } finally {
    await server.close();
  }
  const result = {
    store: databaseUrl ? 'postgres' : 'sqlite',
    samplesPerRequest,
    connections,
    requests: load.requests,
    failedRequests: load.failed,
    remoteWriteSamplesPerSecond: Math.round(((load.requests - load.failed) * samplesPerRequest) / load.seconds),
    latencyMs: load.latencyMs,
    baselineDecodeMapSamplesPerSecond: Math.round((perConnection * connections * samplesPerRequest) / baseSeconds),
    // CPU the server spent per request: steadier than samples/s on a shared, busy machine.
    serverCpuMsPerRequest: cpuStart !== null && cpuEnd !== null ? Math.round(((cpuEnd - cpuStart) / load.requests) * 100) / 100 : null,
  };
  if (json) console.log(JSON.stringify(result));
  else {
    console.log(`remote_write (${samplesPerRequest} samples/request, ${connections} connections, ${load.requests} requests):`);
    console.log(`  ${result.remoteWriteSamplesPerSecond.toLocaleString('en-US')} samples/s, p50 ${load.latencyMs.p50} ms, p99 ${load.latencyMs.p99} ms, ${load.failed} failed`);
    console.log(`  baseline decode + map in-process: ${result.baselineDecodeMapSamplesPerSecond.toLocaleString('en-US')} samples/s`);
    if (result.serverCpuMsPerRequest !== null) console.log(`  server CPU: ${result.serverCpuMsPerRequest} ms per request`);
  }
}

/** User + system CPU time of a process in ms, from /proc (Linux); null elsewhere. */
function cpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

await main();
