/**
 * Paging inside a running server: holds the active on-call config (swapped on a valid config
 * reload), the engine, the worker, and the service the HTTP routes call. `absorb` is chained
 * into the server's config loader, so an on-call error fails the load exactly like an SLO error
 * and the previous config stays active.
 */
import { hasErrors, NotFoundError, type Diagnostic } from '../../errors/index.js';
import { resolveIntegrationSecrets, type Integration, type OnAlerts } from '../../alerting/intake/index.js';
import { ChannelPolicies, verifyActionLink, type ActionLinkVerification, type LinkSettings } from '../../notify/index.js';
import type { Slo } from '../../slo/model.js';
import type { LoadedDocument } from '../../slo/spec/index.js';
import type { FollowUp, PageDetail } from '../../store/paging.js';
import type { Store } from '../../store/store.js';
import type { Page } from '../escalation/index.js';
import { loadOnCallConfig } from '../config/load-oncall.js';
import { PagingEngine } from './engine.js';
import { pagingOnAlerts } from './inbound.js';
import { EMPTY_PAGING_CONFIG, type PagingConfig, type ScheduleChanges } from './model.js';
import type { PagingSettings } from './settings.js';
import { PagingWorker } from './worker.js';

/** What the page routes need. */
export interface PagingService {
  list(status?: Page['status'], limit?: number): Promise<Page[]>;
  get(id: string): Promise<PageDetail>;
  acknowledge(id: string, by: string, via: string): Promise<Page>;
  resolve(id: string, input: { by: string; actionable: boolean; note?: string; via: string }): Promise<Page>;
  followUps(): Promise<FollowUp[]>;
  verifyLink(token: string): ActionLinkVerification;
  onAlerts: OnAlerts;
  integrations(): readonly Integration[];
}

export interface PagingRuntimeOptions {
  store: Store;
  now: () => number;
  settings: PagingSettings;
  env: Readonly<Record<string, string | undefined>>;
  /** The listen address, used for links when SLOOP_PUBLIC_URL is not set. */
  listenUrl: () => string | null;
  sloByName?: (name: string) => Slo | undefined;
  scheduleChanges?: ScheduleChanges;
  onError?(err: unknown): void;
}

export class PagingRuntime {
  readonly engine: PagingEngine;
  readonly worker: PagingWorker;
  readonly service: PagingService;
  #config: PagingConfig = EMPTY_PAGING_CONFIG;
  #integrations: Integration[] = [];

  constructor(options: PagingRuntimeOptions) {
    const { store, now, settings } = options;
    this.engine = new PagingEngine({ store, clock: now, config: () => this.#config, sloByName: options.sloByName, scheduleChanges: options.scheduleChanges, onError: options.onError });
    const links: LinkSettings = {
      get publicUrl() {
        return settings.publicUrl ?? options.listenUrl() ?? 'http://127.0.0.1:8080';
      },
      secret: settings.linkSecret,
      ttlMs: 24 * 3_600_000,
    };
    this.worker = new PagingWorker({
      engine: this.engine,
      intervalMs: settings.intervalMs,
      releaseAllClaimsAtStart: store.dialect === 'sqlite',
      onError: options.onError,
      delivery: { links, policies: new ChannelPolicies(), smtp: settings.smtp, person: (id) => this.#config.people.find((p) => p.id === id) },
    });
    const engine = this.engine;
    const kick = () => this.worker.kick();
    this.service = {
      list: (status, limit) => store.paging.listPages({ status, limit }),
      async get(id) {
        const detail = await store.paging.getPage(id);
        if (!detail) throw new NotFoundError(`no page "${id}"; list pages with \`sloop page list\` or GET /api/v1/pages`);
        return detail;
      },
      acknowledge: (id, by, via) => engine.act(id, { type: 'acknowledge', by, via }).finally(kick),
      resolve: (id, input) => engine.act(id, { type: 'resolve', ...input }).finally(kick),
      followUps: () => store.paging.listFollowUps(),
      verifyLink: (token) => verifyActionLink(token, settings.linkSecret, now()),
      onAlerts: pagingOnAlerts(engine, kick),
      integrations: () => this.#integrations,
    };
  }

  get config(): PagingConfig {
    return this.#config;
  }

  /**
   * Parses the OnCall documents of a config load and returns its diagnostics plus the on-call
   * ones. When the whole load is valid the new on-call config becomes active.
   */
  absorb<T extends { diagnostics: Diagnostic[]; documents?: readonly LoadedDocument[] }>(load: T, env: Readonly<Record<string, string | undefined>>): T {
    const oncall = loadOnCallConfig({ documents: load.documents ?? [] });
    const secrets = resolveIntegrationSecrets(oncall.integrations, env);
    const diagnostics = [...load.diagnostics, ...oncall.diagnostics, ...secrets.diagnostics];
    if (!hasErrors(diagnostics)) {
      this.#config = oncall;
      this.#integrations = secrets.integrations;
    }
    return { ...load, diagnostics };
  }

  /** Kicks the worker when the evaluator publishes alert transitions. */
  nudge(): void {
    this.worker.kick();
  }

  start(): Promise<void> {
    return this.worker.start();
  }

  stop(): Promise<void> {
    return this.worker.stop();
  }
}
