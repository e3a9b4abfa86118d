/**
 * Starts a real Prometheus (Debian's /usr/bin/prometheus) for integration tests: a free
 * localhost port, a temp data dir unless one is given, the given config, and a wait for
 * /-/ready. `stop()` terminates it (SIGTERM, then SIGKILL) and removes the temp dir.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireTool } from './require-tool.js';

export interface StartPrometheusOptions {
  /** prometheus.yml contents. */
  config: string;
  /** Use this TSDB directory (e.g. one backfilled by promtool); it is not removed on stop. */
  dataDir?: string;
  /** --storage.tsdb.retention.time; backfilled data older than this is deleted at start. */
  retention?: string;
  extraArgs?: string[];
  readyTimeoutMs?: number;
}

export interface RunningPrometheus {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  dataDir: string;
  /** Everything Prometheus logged so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

export async function startPrometheus(options: StartPrometheusOptions): Promise<RunningPrometheus> {
  const binary = requireTool('prometheus');
  const workDir = await mkdtemp(join(tmpdir(), 'sloop-prometheus-'));
  const configFile = join(workDir, 'prometheus.yml');
  await writeFile(configFile, options.config);
  const dataDir = options.dataDir ?? join(workDir, 'data');
  const cleanup = () => rm(workDir, { recursive: true, force: true });

  // A port found free can be taken before Prometheus binds it; retry on that race.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const args = [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${dataDir}`,
      `--storage.tsdb.retention.time=${options.retention ?? '15d'}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=info',
      ...(options.extraArgs ?? []),
    ];
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitUntilReady(url, child, () => output, options.readyTimeoutMs ?? 20_000);
    } catch (err: unknown) {
      await stopChild(child);
      process.off('exit', killOnExit);
      if (attempt < 3 && /address already in use/.test(output)) continue;
      await cleanup();
      throw err;
    }
    return {
      url,
      dataDir,
      output: () => output,
      async stop() {
        await stopChild(child);
        process.off('exit', killOnExit);
        await cleanup();
      },
    };
  }
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`prometheus exited with code ${child.exitCode} before it was ready:\n${output().slice(-3000)}`);
    }
    try {
      const res = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`prometheus was not ready within ${timeoutMs} ms:\n${output().slice(-3000)}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
