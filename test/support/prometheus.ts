/**
 * Starts a real Prometheus (Debian's /usr/bin/prometheus) for integration tests: a free
 * localhost port, a temp data dir unless one is given, the given config, and a wait for
 * /-/ready. `stop()` terminates it (SIGTERM, then SIGKILL) and removes the temp dir.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { startOnFreePort } from './child-process.js';
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

  const running = await startOnFreePort({
    name: 'prometheus',
    binary,
    argsFor: (port) => [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${dataDir}`,
      `--storage.tsdb.retention.time=${options.retention ?? '15d'}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=info',
      ...(options.extraArgs ?? []),
    ],
    readyTimeoutMs: options.readyTimeoutMs ?? 20_000,
    cleanup,
  });
  return { ...running, dataDir };
}
