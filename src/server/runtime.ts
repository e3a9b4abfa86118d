/**
 * Wires a running sloop server: store + config + counts + evaluator + event feed -> the
 * ServerDeps the HTTP app needs. `sloop serve`, `sloop demo` and the integration tests use it.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { CountsCache, type CountsResolution } from '../evaluator/counts-cache.js';
import { EventFeed } from '../evaluator/event-feed.js';
import { Evaluator } from '../evaluator/evaluator.js';
import { createIncidentServices, IncidentsConfigCell } from '../incidents/service/index.js';
import { createOnCallServices, OnCallConfigCell, ScheduleChangeCache } from './services/oncall.js';
import { createStatusPageServices, StatusPageConfigCell } from '../statuspage/service/index.js';
import { PagingRuntime, pagingSettingsFromEnv, type PagingSettings } from '../oncall/paging/index.js';
import { ALERT_TRANSITION_EVENT, type Store } from '../store/store.js';
import { buildApp, type SloopApp } from './app.js';
import { SCHEDULE_CHANGED_EVENT } from '../oncall/schedule/events.js';
import type { ServerDeps } from './deps.js';
import { createServerMetrics, type ServerMetrics } from './metrics.js';
import { createAlertReads } from './services/alert-reads.js';
import { ConfigHolder, type ConfigLoader } from './services/config-holder.js';
import { createGate, DEFAULT_GATE_EXCEPTION_LABELS } from './services/gate.js';
import { createIngestService } from './services/ingest.js';
import { createRemoteWriteService } from './services/remote-write.js';
import { createSloReads } from './services/slo-reads.js';
import { storeTokenVerifier } from './services/token-verifier.js';
import { createPrometheusQuerySource } from '../sources/prometheus/index.js';
import type { FastifyServerOptions } from 'fastify';

/** How long `stop()` lets in-flight requests finish before closing their connections. */
const SHUTDOWN_GRACE_MS = 5_000;

export interface RuntimeOptions {
  store: Store;
  configPaths: readonly string[];
  loadConfig: ConfigLoader;
  version: string;
  now?: () => number;
  evaluationIntervalMs?: number;
  eventPollMs?: number;
  gateExceptionLabels?: readonly string[];
  bodyLimitBytes?: number;
  logger?: FastifyServerOptions['logger'];
  metrics?: ServerMetrics;
  /** Prometheus HTTP API for SLOs whose SLI is PromQL (good/bad + total queries). */
  prometheus?: { url: string; timeoutMs?: number; lagMs?: number };
  /** In-memory counts: `tiered` (default, compact) or `minute` (exact over the whole window). */
  countsResolution?: CountsResolution;
  onError?(err: unknown): void;
  /** Where paging reads SLOOP_ACTION_LINK_SECRET, integration secrets, ...; default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  pagingSettings?: PagingSettings;
  /** How often the status page checks for changes to tell subscribers (default 15 s). */
  statusCheckIntervalMs?: number;
  /** Incident background loops: timeline feed (default 2 s) and weekly digest check (default 60 s). */
  incidentIntervals?: { timelineFeedMs?: number; digestMs?: number };
  /** Built web console to serve at `/` (default: dist/web of this package). */
  consoleDir?: string;
}

export interface SloopRuntime extends SloopApp {
  deps: ServerDeps;
  config: ConfigHolder;
  evaluator: Evaluator;
  feed: EventFeed;
  counts: CountsCache;
  paging: PagingRuntime;
  /** Reloads the config (validated first); reconciles counts on success. */
  reload(trigger: string): Promise<{ ok: boolean; errors: string[] }>;
  /** Starts the evaluation loop and the event poller. */
  start(): Promise<void>;
  /** Stops loops, closes the HTTP app (not the store: the caller owns it). */
  stop(): Promise<void>;
}

export async function createRuntime(options: RuntimeOptions): Promise<SloopRuntime> {
  const now = options.now ?? (() => Date.now());
  const { store } = options;
  const metrics = options.metrics ?? createServerMetrics({ processMetrics: true });
  const onError = options.onError ?? (() => {});
  const env = options.env ?? process.env;
  let listening: SloopApp['app'] | null = null;
  const oncallConfig = new OnCallConfigCell();
  const statusConfig = new StatusPageConfigCell();
  const pagingSettings = options.pagingSettings ?? pagingSettingsFromEnv(env);
  const incidentsConfig = new IncidentsConfigCell();
  const scheduleChanges = new ScheduleChangeCache(store.schedules, () => oncallConfig.config.schedules, now, 30_000, onError);
  const paging: PagingRuntime = new PagingRuntime({
    store,
    now,
    env,
    settings: pagingSettings,
    listenUrl: () => listenUrlOf(listening),
    sloByName: (name) => config.slo(name),
    scheduleChanges: (schedule) => scheduleChanges.get(schedule),
    onError,
  });
  // The on-call documents are validated with the SLOs: one invalid file keeps the old config.
  const config: ConfigHolder = new ConfigHolder(options.configPaths, async (paths) => statusConfig.absorb(incidentsConfig.absorb(oncallConfig.absorb(paging.absorb(await options.loadConfig(paths), env)))), now);
  await config.loadInitial();
  await scheduleChanges.refresh();
  const counts = new CountsCache(options.countsResolution);
  const feed = new EventFeed(store, options.eventPollMs ?? 1000, onError);
  const evaluator = new Evaluator({
    store,
    counts,
    feed,
    slos: () => config.slos,
    now,
    holder: `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`,
    intervalMs: options.evaluationIntervalMs,
    ...(options.prometheus
      ? { prometheus: { source: createPrometheusQuerySource({ url: options.prometheus.url, timeoutMs: options.prometheus.timeoutMs ?? 10_000 }), lagMs: options.prometheus.lagMs } }
      : {}),
    observeDuration: (seconds, evaluated) => {
      metrics.evaluationDuration.observe(seconds);
      metrics.evaluatedSlos.set(evaluated);
    },
    onError,
  });
  // Prime the feed before warming, so late data announced meanwhile is not missed.
  await feed.prime();
  feed.subscribe((event) => evaluator.onEvent(event));
  feed.subscribe((event) => {
    if (event.type === ALERT_TRANSITION_EVENT) paging.nudge();
    // Another replica saved or deleted an override: refresh now rather than on the next poll.
    if (event.type === SCHEDULE_CHANGED_EVENT) scheduleChanges.refresh().catch(onError);
  });
  await evaluator.warm();
  const onCommitted = (batches: Parameters<Evaluator['onCommitted']>[0]): void => evaluator.onCommitted(batches);
  let started = false;
  let statusLinkKey: Promise<string> | null = null;
  const statusPage = createStatusPageServices({
    storage: store.status,
    counts: store,
    config: statusConfig,
    incidents: () => store.incidents.incidents,
    now,
    smtp: pagingSettings.smtp,
    fallbackBaseUrl: () => pagingSettings.publicUrl ?? listenUrlOf(listening),
    linkKey: () => (statusLinkKey ??= store.schedules.serverSecret('status-subscription-links', () => randomBytes(32).toString('hex'), now())),
    allowPrivateWebhooks: env.SLOOP_STATUS_ALLOW_PRIVATE_WEBHOOKS === '1',
    onError,
  });
  const deps: ServerDeps = {
    version: options.version,
    tokens: storeTokenVerifier(store, now),
    consoleSessions: { storage: store.sessions, now },
    metrics,
    ingest: createIngestService({ store, metrics, now, sloByName: (n) => config.slo(n), onCommitted }),
    remoteWrite: createRemoteWriteService({ store, metrics, now, slos: () => config.slos, onCommitted }),
    slos: createSloReads({ config, counts, store, now }),
    alerts: createAlertReads(store),
    gate: createGate({
      config,
      counts,
      now,
      exceptionLabels: () => config.gateExceptionLabels ?? options.gateExceptionLabels ?? DEFAULT_GATE_EXCEPTION_LABELS,
    }),
    config: { status: () => config.status() },
    events: {
      readAfter: (afterId, limit) => store.readEventsAfter(afterId, limit),
      lastEventId: () => store.lastEventId(),
      subscribe: (listener) => feed.subscribe(listener),
    },
    async readiness() {
      const checks: Record<string, string> = {};
      try {
        await store.lastEventId();
        checks.store = 'ok';
      } catch {
        checks.store = 'unreachable';
      }
      checks.config = config.slos.length >= 0 && config.status().loadedAt !== null ? 'ok' : 'not loaded';
      checks.evaluator = started ? 'ok' : 'not started';
      return { ready: Object.values(checks).every((c) => c === 'ok'), checks };
    },
    paging: paging.service,
    incidents: createIncidentServices({
      store, now, env, onError, config: () => incidentsConfig.config, sloByName: (n) => config.slo(n), countsOf: (n) => counts.get(n),
      smtp: (options.pagingSettings ?? pagingSettingsFromEnv(env)).smtp, intervals: options.incidentIntervals,
    }),
    oncall: createOnCallServices(oncallConfig, store.schedules, now, () => scheduleChanges.refresh()),
    statusPage,
    bodyLimitBytes: options.bodyLimitBytes,
    logger: options.logger,
    consoleDir: options.consoleDir,
  };
  const { app, routes, registered } = await buildApp(deps);
  listening = app;
  return {
    app,
    routes,
    registered,
    deps,
    config,
    evaluator,
    feed,
    counts,
    paging,
    async reload(trigger) {
      const outcome = await config.reload(trigger);
      if (outcome.ok) await evaluator.reconcile();
      if (outcome.ok) await scheduleChanges.refresh();
      return outcome;
    },
    async start() {
      await paging.start();
      await feed.start();
      evaluator.start();
      await statusPage.start(options.statusCheckIntervalMs);
      await deps.incidents?.background.start();
      started = true;
    },
    async stop() {
      started = false;
      feed.stop();
      await evaluator.stop();
      await paging.stop();
      await statusPage.stop();
      await deps.incidents?.background.stop();
      await deps.incidents?.chat.idle();
      // Drain in-flight requests for a grace period, then drop connections still open (a client
      // holding a keep-alive socket must not stall shutdown; an unanswered ingest is retried by
      // its client and counted once thanks to its idempotency key).
      const closing = app.close();
      const grace = setTimeout(() => app.server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      try {
        await closing;
      } finally {
        clearTimeout(grace);
      }
    },
  };
}

function listenUrlOf(app: SloopApp['app'] | null): string | null {
  const address = app?.server.address();
  if (!address || typeof address === 'string') return null;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}
