/**
 * What the HTTP layer needs from the rest of sloop. Routes call these services; the wiring in
 * ./runtime.ts builds them from the store, the config and the evaluator.
 */
import type { FastifyServerOptions } from 'fastify';
import type { PagingService } from '../oncall/paging/runtime.js';
import type { OnCallServices } from './services/oncall.js';
import type { StatusPageServices } from '../statuspage/service/index.js';
import type { IncidentServices } from '../incidents/service/index.js';
import type { ServerMetrics } from './metrics.js';
import type { TokenVerifier } from './plugins/auth.js';
import type { ConsoleSessionStore } from '../store/session-store.js';
import type { IngestService } from './services/ingest.js';
import type { ReadServices } from './services/read-services.js';

export interface Readiness {
  ready: boolean;
  checks: Record<string, string>;
}

export interface ServerDeps extends ReadServices {
  version: string;
  tokens: TokenVerifier;
  /** Console log-in sessions (`store.sessions`, shared by replicas) and the clock that expires them. */
  consoleSessions: { storage: ConsoleSessionStore; now: () => number };
  metrics: ServerMetrics;
  ingest: IngestService;
  readiness(): Promise<Readiness>;
  /** Pages, follow-ups, signed page actions and alert intake; absent in apps built without paging. */
  paging?: PagingService;
  /** On-call schedules, overrides, feeds and load; absent in apps built without on-call. */
  oncall?: OnCallServices;
  /** Public status page, subscriptions, overrides and maintenance; absent in apps built without it. */
  statusPage?: StatusPageServices;
  /** Incidents, postmortems, action items and reports; absent in apps built without them. */
  incidents?: IncidentServices;
  /** Default 5 MiB. Larger bodies get 413. */
  bodyLimitBytes?: number;
  logger?: FastifyServerOptions['logger'];
  /** Built web console (default: dist/web of this package). */
  consoleDir?: string;
}

export const DEFAULT_BODY_LIMIT_BYTES = 5 * 1024 * 1024;
