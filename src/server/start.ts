/**
 * Starts a listening sloop server: opens the store, builds the runtime, listens, reloads the
 * config on file change or SIGHUP (validated first; the old config stays on errors), and
 * stops cleanly. Used by `sloop serve`, `sloop demo` and the integration tests.
 */
import { watch, type FSWatcher } from 'node:fs';
import { InputError } from '../errors/index.js';
import { loadConfig } from '../slo/spec/index.js';
import { openStore } from '../store/index.js';
import type { Store } from '../store/store.js';
import { createRuntime, type SloopRuntime } from './runtime.js';

export interface StartServerOptions {
  configPaths: string[];
  host?: string;
  port?: number;
  dataDir?: string;
  databaseUrl?: string;
  version: string;
  evaluationIntervalMs?: number;
  gateExceptionLabels?: readonly string[];
  logLevel?: string;
  /** Prometheus HTTP API base URL for PromQL SLIs. */
  prometheusUrl?: string;
  /** `minute` keeps exact per-minute counts for whole windows (more memory). */
  countsResolution?: 'tiered' | 'minute';
  /** Watch config files and reload on change (default true). */
  watchConfig?: boolean;
  /** Handle SIGHUP (default true). */
  handleSighup?: boolean;
  onReload?(outcome: { ok: boolean; errors: string[]; trigger: string }): void;
}

export interface RunningServer {
  url: string;
  runtime: SloopRuntime;
  store: Store;
  close(): Promise<void>;
}

const RELOAD_DEBOUNCE_MS = 300;

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const store = await openStore({ url: options.databaseUrl, dataDir: options.dataDir });
  let runtime: SloopRuntime;
  try {
    runtime = await createRuntime({
      store,
      configPaths: options.configPaths,
      loadConfig,
      version: options.version,
      evaluationIntervalMs: options.evaluationIntervalMs,
      gateExceptionLabels: options.gateExceptionLabels,
      countsResolution: options.countsResolution,
      ...(options.prometheusUrl ? { prometheus: { url: options.prometheusUrl } } : {}),
      logger: { level: options.logLevel ?? 'warn', stream: process.stderr },
      onError: (err) => runtime?.app.log.error({ err }, 'background task failed'),
    });
  } catch (err: unknown) {
    await store.close();
    throw err;
  }
  const log = runtime.app.log;
  let timer: NodeJS.Timeout | null = null;
  const reload = (trigger: string): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      void runtime.reload(trigger).then((outcome) => {
        if (outcome.ok) log.warn({ trigger }, 'config reloaded');
        else log.error({ trigger, errors: outcome.errors }, 'config reload failed; keeping the previous config');
        options.onReload?.({ ...outcome, trigger });
      });
    }, RELOAD_DEBOUNCE_MS);
  };
  const watchers: FSWatcher[] = [];
  if (options.watchConfig !== false) {
    for (const path of options.configPaths) {
      try {
        watchers.push(watch(path, { recursive: true }, () => reload(`file change: ${path}`)));
      } catch (err: unknown) {
        log.warn({ err, path }, 'cannot watch config path; reload with SIGHUP instead');
      }
    }
  }
  const onHup = (): void => reload('SIGHUP');
  if (options.handleSighup !== false) process.on('SIGHUP', onHup);
  await runtime.start();
  let address: string;
  try {
    address = await runtime.app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 8080 });
  } catch (err: unknown) {
    watchers.forEach((w) => w.close());
    process.off('SIGHUP', onHup);
    await runtime.stop();
    await store.close();
    const code = (err as { code?: unknown }).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      throw new InputError(`cannot listen on ${options.host ?? '127.0.0.1'}:${options.port ?? 8080} (${code === 'EADDRINUSE' ? 'address already in use' : 'permission denied'}); pass another --port (0 picks a free one)`, [], { cause: err });
    }
    throw err;
  }
  return {
    url: address,
    runtime,
    store,
    async close() {
      if (timer) clearTimeout(timer);
      watchers.forEach((w) => w.close());
      process.off('SIGHUP', onHup);
      await runtime.stop();
      await store.close();
    },
  };
}
