/**
 * `sloop serve`: the long-running HTTP server (push API, remote_write, evaluation, read API,
 * deploy gate). Embedded SQLite in --data-dir unless --database / $SLOOP_DATABASE_URL names a
 * PostgreSQL. Stops cleanly on SIGINT/SIGTERM; SIGHUP or editing a config file reloads it.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { InputError } from '../../errors/index.js';
import { startServer, type RunningServer } from '../../server/start.js';
import { DEFAULT_DATA_DIR, storeLocationFrom } from '../../server/store-location.js';
import { DEFAULT_GATE_EXCEPTION_LABELS } from '../../server/services/gate.js';
import { printJson } from '../io.js';
import type { CliContext } from '../main.js';

export interface ServeOptions {
  config: string[];
  host: string;
  port: string;
  dataDir?: string;
  database?: string;
  evaluationInterval: string;
  gateException?: string[];
  logLevel: string;
  exactCounts?: boolean;
  prometheusUrl?: string;
  json?: boolean;
}

export async function sloopVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InputError(`--port ${JSON.stringify(value)} is not a port; use 0-65535 (0 picks a free one)`);
  }
  return port;
}

export function parseSeconds(value: string, flag: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 1) throw new InputError(`${flag} ${JSON.stringify(value)} must be a number of seconds >= 1`);
  return seconds;
}

/** Resolves when SIGINT or SIGTERM arrives. */
export function untilStopped(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export async function startFromOptions(options: ServeOptions, defaultDataDir: string): Promise<RunningServer> {
  const location = storeLocationFrom(options, process.env, defaultDataDir);
  return startServer({
    configPaths: options.config,
    host: options.host,
    port: parsePort(options.port),
    dataDir: location.dataDir,
    databaseUrl: location.url,
    version: await sloopVersion(),
    evaluationIntervalMs: parseSeconds(options.evaluationInterval, '--evaluation-interval') * 1000,
    gateExceptionLabels: options.gateException ?? DEFAULT_GATE_EXCEPTION_LABELS,
    logLevel: options.logLevel,
    countsResolution: options.exactCounts ? 'minute' : 'tiered',
    prometheusUrl: options.prometheusUrl ?? process.env.SLOOP_PROMETHEUS_URL,
  });
}

export function addServerOptions(command: Command, defaults: { dataDir: string; evaluationInterval: string }): Command {
  return command
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0 picks a free one)', '8080')
    .option('--data-dir <dir>', `embedded SQLite data directory (default ${defaults.dataDir})`)
    .option('--database <url>', 'PostgreSQL URL, e.g. postgres://sloop@db:5432/sloop (default: $SLOOP_DATABASE_URL)')
    .option('--evaluation-interval <seconds>', 'how often SLOs are evaluated', defaults.evaluationInterval)
    .option('--gate-exception <label...>', `change labels that may ship during a freeze (default: ${DEFAULT_GATE_EXCEPTION_LABELS.join(', ')})`)
    .option('--prometheus-url <url>', 'Prometheus HTTP API for SLOs whose SLI is PromQL (default: $SLOOP_PROMETHEUS_URL)')
    .option('--exact-counts', 'keep minute-resolution counts for whole windows (exact 1d/3d/28d sums; ~650 KB per 28-day SLO instead of ~18 KB)')
    .option('--log-level <level>', 'pino log level on stderr: fatal, error, warn, info, debug', 'warn')
    .option('--json', 'print {"url": ..., "store": ...} as JSON once listening');
}

export function register(program: Command, ctx: CliContext): void {
  addServerOptions(
    program
      .command('serve')
      .description('Run the sloop server: SLI ingestion, continuous evaluation, the API and the deploy gate.')
      .requiredOption('--config <path...>', 'SLO spec files or directories'),
    { dataDir: DEFAULT_DATA_DIR, evaluationInterval: '30' },
  ).action(async (options: ServeOptions) => {
    const server = await startFromOptions(options, DEFAULT_DATA_DIR);
    if (options.json) printJson(ctx.io, { url: server.url, store: server.store.location, slos: server.runtime.config.slos.length });
    else ctx.io.out(`sloop ${await sloopVersion()} serving ${server.url} (${server.runtime.config.slos.length} SLOs, store ${server.store.location})`);
    const signal = await untilStopped();
    ctx.io.err(`sloop: ${signal} received, stopping`);
    await server.close();
  });
}
