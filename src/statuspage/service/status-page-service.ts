/**
 * The status page as the server runs it: assembles the public model from the active config,
 * incidents (through IncidentRepository), maintenance windows, hand-set overrides and per-day
 * SLI counts, caches it briefly (readers poll; a burst of views costs one build), renders the
 * HTML, JSON and Atom forms with strong ETags, and notices changes to tell subscribers.
 */
import { createHash } from 'node:crypto';
import { NotFoundError } from '../../errors/index.js';
import type { Incident } from '../../incidents/model.js';
import type { IncidentRepository } from '../../incidents/repository.js';
import { buildStatusPageModel } from '../build-model.js';
import type { StatusPageModel } from '../model.js';
import { renderAtomFeed, renderStatusJson } from '../render-feeds.js';
import { renderStatusPageHtml } from '../render-html.js';
import type { SloDaily } from '../uptime.js';
import { applyComponentOverrides } from './apply-overrides.js';
import type { StatusPageConfigCell } from './config-cell.js';
import type { DailyUptimeCache } from './daily-uptime.js';
import { contentSecurityPolicy, withSubscribeForm } from './page-html.js';
import type { StatusStorage } from './storage.js';

const DAY_MS = 86_400_000;

export type PageForm = 'html' | 'json' | 'atom';

export interface RenderedPage {
  body: string;
  /** Strong validator over the body. */
  etag: string;
  contentType: string;
  /** Only for HTML. */
  contentSecurityPolicy: string | null;
}

export interface StatusModelDeps {
  storage: StatusStorage;
  uptime: DailyUptimeCache;
  config: StatusPageConfigCell;
  incidents: () => IncidentRepository | null;
  now: () => number;
  emailEnabled: boolean;
  /** How long a built model is served before the next view rebuilds it (default 10 s). */
  modelTtlMs?: number;
}

interface Built {
  model: StatusPageModel;
  fingerprint: string;
  builtAt: number;
  generation: number;
  rendered: Partial<Record<PageForm, RenderedPage>>;
}

const CONTENT_TYPES: Record<PageForm, string> = {
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
};

export class StatusModelSource {
  readonly #deps: StatusModelDeps;
  #built: Built | null = null;
  #building: Promise<Built> | null = null;

  constructor(deps: StatusModelDeps) {
    this.#deps = deps;
  }

  /** The cached public model, rebuilt when older than the TTL, after a write, or on `fresh`. */
  async model(opts: { fresh?: boolean } = {}): Promise<StatusPageModel> {
    return (await this.#current(opts.fresh === true)).model;
  }

  async rendered(form: PageForm): Promise<RenderedPage> {
    const built = await this.#current(false);
    const hit = built.rendered[form];
    if (hit) return hit;
    const body = form === 'html'
      ? withSubscribeForm(renderStatusPageHtml(built.model), { emailEnabled: this.#deps.emailEnabled })
      : form === 'json' ? renderStatusJson(built.model) : renderAtomFeed(built.model);
    const page: RenderedPage = {
      body,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`,
      contentType: CONTENT_TYPES[form],
      contentSecurityPolicy: form === 'html' ? contentSecurityPolicy(body) : null,
    };
    built.rendered[form] = page;
    return page;
  }

  /** Drops the cached model; the next view rebuilds it. */
  invalidate(): void {
    if (this.#built) this.#built = { ...this.#built, builtAt: -Infinity };
  }

  async #current(fresh: boolean): Promise<Built> {
    const now = this.#deps.now();
    const ttl = this.#deps.modelTtlMs ?? 10_000;
    const b = this.#built;
    if (!fresh && b && b.generation === this.#deps.config.generation && now - b.builtAt < ttl) return b;
    // Concurrent views share one build.
    this.#building ??= this.#build(now).finally(() => (this.#building = null));
    return this.#building;
  }

  async #build(now: number): Promise<Built> {
    const { page, severities, objectives } = this.#deps.config.active;
    const generation = this.#deps.config.generation;
    const [incidents, maintenances, overrides] = await Promise.all([
      this.#incidents(now, page.historyDays),
      this.#deps.storage.maintenance.list({ endsAfter: now - page.historyDays * DAY_MS }),
      this.#deps.storage.overrides.list(),
    ]);
    const uptime: Record<string, SloDaily> = {};
    for (const slo of new Set(page.components.flatMap((c) => c.slos))) {
      const objective = objectives.get(slo);
      if (objective !== undefined) uptime[slo] = await this.#deps.uptime.sloDaily(slo, objective, now, page.uptimeDays);
    }
    const known = new Set(page.components.map((c) => c.id));
    const model = applyComponentOverrides(
      buildStatusPageModel({ config: page, severities, incidents, maintenances, uptime, now }),
      overrides.filter((o) => known.has(o.component)),
      page.majorOutageThreshold,
    );
    const fingerprint = JSON.stringify({ ...model, generatedAt: 0 });
    const previous = this.#built;
    // Unchanged content keeps its model, renders and ETag: conditional requests keep answering 304.
    if (previous && previous.fingerprint === fingerprint && previous.generation === generation) {
      this.#built = { ...previous, builtAt: now };
    } else {
      this.#built = { model, fingerprint, builtAt: now, generation, rendered: {} };
    }
    return this.#built;
  }

  async #incidents(now: number, historyDays: number): Promise<Incident[]> {
    const repo = this.#deps.incidents();
    if (!repo) return [];
    const [open, recent] = await Promise.all([
      repo.list({ openOnly: true, limit: 500 }),
      // Resolved within the history window; an incident may have been declared well before.
      repo.list({ status: ['resolved'], declaredSince: now - (historyDays + 60) * DAY_MS, limit: 500 }),
    ]);
    const byId = new Map<string, Incident>();
    for (const i of [...open, ...recent]) byId.set(i.id, i);
    return [...byId.values()];
  }
}

export function knownComponent(config: StatusPageConfigCell, id: string): string {
  const ids = config.active.page.components.map((c) => c.id);
  if (ids.includes(id)) return id;
  throw new NotFoundError(`no status page component "${id}"; use one of ${ids.join(', ') || '(none configured)'}`);
}
