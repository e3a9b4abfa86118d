/**
 * Starts a real Prometheus Alertmanager (Debian's /usr/bin/prometheus-alertmanager) for
 * integration tests: a free localhost port, clustering off, a temp config and storage dir,
 * and a wait for /-/ready. `postAlerts` uses Alertmanager's API v2 (`POST /api/v2/alerts`).
 * `stop()` terminates it (SIGTERM, then SIGKILL) and removes the temp dir.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { startOnFreePort } from './child-process.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireTool } from './require-tool.js';

export interface StartAlertmanagerOptions {
  /** alertmanager.yml contents. */
  config: string;
  extraArgs?: string[];
  readyTimeoutMs?: number;
}

/** One alert as Alertmanager's API v2 takes it (`postableAlert`). */
export interface PostableAlert {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  /** RFC 3339; Alertmanager uses "now" when absent. */
  startsAt?: string;
  /** RFC 3339; a time in the past resolves the alert. */
  endsAt?: string;
  generatorURL?: string;
}

/** One alert as Alertmanager's API v2 returns it (the fields tests use). */
export interface GettableAlert {
  labels: Record<string, string>;
  fingerprint: string;
  status: { state: string };
}

export interface RunningAlertmanager {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  postAlerts(alerts: PostableAlert[]): Promise<void>;
  getAlerts(): Promise<GettableAlert[]>;
  /** Everything Alertmanager logged so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

export async function startAlertmanager(options: StartAlertmanagerOptions): Promise<RunningAlertmanager> {
  const binary = requireTool('prometheus-alertmanager');
  const workDir = await mkdtemp(join(tmpdir(), 'sloop-alertmanager-'));
  const configFile = join(workDir, 'alertmanager.yml');
  await writeFile(configFile, options.config);
  const cleanup = () => rm(workDir, { recursive: true, force: true });

  const running = await startOnFreePort({
    name: 'alertmanager',
    binary,
    argsFor: (port) => [
      `--config.file=${configFile}`,
      `--storage.path=${join(workDir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      // An empty cluster address turns gossip off: no second port, no peers.
      '--cluster.listen-address=',
      '--log.level=debug',
      ...(options.extraArgs ?? []),
    ],
    readyTimeoutMs: options.readyTimeoutMs ?? 20_000,
    cleanup,
  });
  const { url } = running;
  return {
    url,
    output: running.output,
    stop: running.stop,
    postAlerts: (alerts) => postAlerts(url, alerts),
    async getAlerts() {
      const res = await fetch(`${url}/api/v2/alerts`, { signal: AbortSignal.timeout(5_000) });
      if (!res.ok) throw new Error(`GET /api/v2/alerts answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as GettableAlert[];
    },
  };
}

export async function postAlerts(alertmanagerUrl: string, alerts: PostableAlert[]): Promise<void> {
  const res = await fetch(`${alertmanagerUrl}/api/v2/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(alerts),
    signal: AbortSignal.timeout(5_000),
  });
  if (!res.ok) throw new Error(`POST /api/v2/alerts answered ${res.status}: ${await res.text()}`);
}
