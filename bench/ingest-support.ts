/**
 * Shared by the ingest benchmarks: spawn `sloop serve` (from source, via tsx) in its own
 * process with a fresh store and token, and a keep-alive HTTP load generator that runs in the
 * benchmark process, i.e. a separate process from the server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../src/store/index.js';

const RUNNER = fileURLToPath(new URL('../test/server/support/sloop-dev.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../', import.meta.url));

export function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
export function stringArg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

export interface BenchServer {
  url: string;
  token: string;
  dir: string;
  child: ChildProcess;
  close(): Promise<void>;
}

export async function startBenchServer(configYaml: string, databaseUrl?: string): Promise<BenchServer> {
  const dir = await mkdtemp(join(tmpdir(), 'sloop-bench-'));
  await writeFile(join(dir, 'slos.yaml'), configYaml);
  const storeArgs = databaseUrl ? ['--database', databaseUrl] : ['--data-dir', join(dir, 'data')];
  const store = await openStore(databaseUrl ? { url: databaseUrl } : { dataDir: join(dir, 'data') });
  const { token } = await store.createToken({ name: 'bench', scopes: ['admin'], now: Date.now() });
  await store.close();
  const child = spawn(process.execPath, ['--import', 'tsx', RUNNER, 'serve', '--config', join(dir, 'slos.yaml'), ...storeArgs, '--port', '0', '--json'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /"url":\s*"([^"]+)"/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return {
    url,
    token,
    dir,
    child,
    async close() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface LoadResult {
  requests: number;
  failed: number;
  seconds: number;
  latencyMs: { p50: number; p99: number };
}

/**
 * Sends `next(connection)` bodies over `connections` keep-alive connections until it returns
 * null or `durationMs` passes. Each connection sends one request at a time.
 */
export async function runLoad(options: {
  url: string;
  path: string;
  token: string;
  contentType: string;
  headers?: Record<string, string>;
  connections: number;
  durationMs: number;
  next(connection: number): Buffer | null;
}): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const target = new URL(options.path, options.url);
  const latencies: number[] = [];
  let failed = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;
  const send = (body: Buffer): Promise<number> =>
    new Promise((resolve, reject) => {
      const req = request(
        target,
        { method: 'POST', agent, headers: { authorization: `Bearer ${options.token}`, 'content-type': options.contentType, 'content-length': body.length, ...options.headers } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  await Promise.all(
    Array.from({ length: options.connections }, async (_, c) => {
      while (performance.now() < deadline) {
        const body = options.next(c);
        if (!body) return;
        const t = performance.now();
        const status = await send(body);
        latencies.push(performance.now() - t);
        if (status < 200 || status >= 300) failed++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    failed,
    seconds,
    latencyMs: { p50: round(latencies[Math.floor(latencies.length * 0.5)] ?? 0), p99: round(latencies[Math.floor(latencies.length * 0.99)] ?? 0) },
  };
}

export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
