/**
 * Wires the status page for the server: model source with caching, subscriber flows, the
 * change notifier, and the authenticated writes (component overrides, maintenance windows).
 * Every write drops the cached page and checks for changes at once, so subscribers hear about
 * an override or an announced window without waiting for the next periodic check.
 */
import { randomBytes } from 'node:crypto';
import { InputError, NotFoundError, UnavailableError } from '../../errors/index.js';
import { COMPONENT_STATUSES, type ComponentStatus } from '../../incidents/model.js';
import type { IncidentRepository } from '../../incidents/repository.js';
import { overrideComponentStatus } from '../../incidents/transitions.js';
import { FieldChecks } from '../../incidents/validate.js';
import { ChannelPolicies } from '../../notify/channel-policies.js';
import type { SmtpSettings } from '../../notify/email/index.js';
import { createMaintenance, maintenanceState, type MaintenanceState, type MaintenanceWindow } from '../maintenance.js';
import { ChangeNotifier } from './change-notifier.js';
import type { StatusPageConfigCell } from './config-cell.js';
import { DailyUptimeCache, type MinuteCountsReader } from './daily-uptime.js';
import { knownComponent, StatusModelSource } from './status-page-service.js';
import type { ComponentOverride, StatusStorage } from './storage.js';
import { createSubscriberDelivery, type SubscriberDelivery } from './subscriber-delivery.js';
import { SubscriptionService } from './subscription-service.js';

const DAY_MS = 86_400_000;

export interface StatusPageServicesDeps {
  storage: StatusStorage;
  counts: MinuteCountsReader;
  config: StatusPageConfigCell;
  /** The incident store once it exists; null shows no incidents. */
  incidents: () => IncidentRepository | null;
  now: () => number;
  /** SMTP relay for email subscriptions (SLOOP_SMTP_URL); without it only webhooks are offered. */
  smtp?: SmtpSettings;
  policies?: ChannelPolicies;
  /** Base URL for links in messages when the StatusPage config has no publicUrl (SLOOP_PUBLIC_URL or the listen address). */
  fallbackBaseUrl: () => string | null;
  /** Server key for unsubscribe links (shared by replicas). */
  linkKey: () => Promise<string>;
  random?: (bytes: number) => Uint8Array;
  /** Accept webhook URLs on loopback/private addresses (tests, closed networks). */
  allowPrivateWebhooks?: boolean;
  modelTtlMs?: number;
  onError?(err: unknown): void;
}

export type ListedMaintenance = MaintenanceWindow & { state: MaintenanceState };

export interface StatusPageServices {
  config: StatusPageConfigCell;
  source: StatusModelSource;
  uptime: DailyUptimeCache;
  subscriptions: SubscriptionService;
  notifier: ChangeNotifier;
  delivery: SubscriberDelivery;
  now(): number;
  setOverride(component: string, input: { status?: unknown; reason?: unknown; incident?: unknown; by?: unknown }, principal: string): Promise<{ component: string; status: ComponentStatus | null; incident: string | null }>;
  listOverrides(): Promise<ComponentOverride[]>;
  createMaintenance(input: Record<string, unknown>, by: string): Promise<ListedMaintenance>;
  listMaintenance(opts?: { includeCompleted?: boolean }): Promise<ListedMaintenance[]>;
  getMaintenance(id: string): Promise<ListedMaintenance>;
  cancelMaintenance(id: string, by: string): Promise<void>;
  /** Takes the baseline and starts the periodic change check. */
  start(checkIntervalMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export function createStatusPageServices(deps: StatusPageServicesDeps): StatusPageServices {
  const { storage, config, now } = deps;
  const uptime = new DailyUptimeCache(deps.counts);
  const delivery = createSubscriberDelivery({ smtp: deps.smtp, policies: deps.policies ?? new ChannelPolicies(), clock: now });
  const source = new StatusModelSource({ storage, uptime, config, incidents: deps.incidents, now, emailEnabled: delivery.emailEnabled, modelTtlMs: deps.modelTtlMs });
  const baseUrl = () => config.active.page.publicUrl ?? deps.fallbackBaseUrl() ?? 'http://localhost';
  const notifier = new ChangeNotifier({ source, storage, delivery, now, baseUrl, linkKey: deps.linkKey, onError: deps.onError });
  const subscriptions = new SubscriptionService({
    storage, config, delivery, now, baseUrl, linkKey: deps.linkKey, random: deps.random ?? ((n) => randomBytes(n)), allowPrivateWebhooks: deps.allowPrivateWebhooks ?? false,
  });
  const listed = (w: MaintenanceWindow): ListedMaintenance => ({ ...w, state: maintenanceState(w, now()) });
  /** A write: baseline first (so the write is news), then the write, then tell subscribers. */
  const write = async <T>(work: () => Promise<T>): Promise<T> => {
    await notifier.baseline();
    const result = await work();
    source.invalidate();
    notifier.check().catch((err: unknown) => deps.onError?.(err));
    return result;
  };

  return {
    config, source, uptime, subscriptions, notifier, delivery,
    now,
    async setOverride(componentId, input, principal) {
      const component = knownComponent(config, componentId);
      const c = new FieldChecks();
      const status = input.status === null ? null : c.oneOf<ComponentStatus>('status', input.status, COMPONENT_STATUSES, 'component status');
      const reason = c.optionalText('reason', input.reason, 500, 'reason') ?? '';
      const incidentId = c.optionalText('incident', input.incident, 100, 'incident id') || null;
      const by = c.optionalText('by', input.by, 200, 'person id of the Communications lead') || principal;
      c.throwIfAny('component override');
      return write(async () => {
        if (incidentId !== null) {
          const repo = deps.incidents();
          if (!repo) throw new UnavailableError('incidents are not stored on this server yet; set the override without "incident"');
          const incident = await repo.get(incidentId);
          if (!incident) throw new NotFoundError(`no incident "${incidentId}"; list incidents with \`sloop incident list\``);
          await repo.saveChange(overrideComponentStatus(incident, { by, component, status }, now()), incident.version);
        } else if (status === null) {
          await storage.overrides.clear(component);
        } else {
          await storage.overrides.set({ component, status, reason, setBy: by, setAt: now() });
        }
        return { component, status, incident: incidentId };
      });
    },
    listOverrides: () => storage.overrides.list(),
    async createMaintenance(given, by) {
      const known = config.active.page.components.map((c) => c.id);
      // A window entered after it began (recording a running maintenance) is announced from its start;
      // the domain default (a week ahead, never before now) would land after the start.
      const input = given.announceAt === undefined && typeof given.startsAt === 'number' && given.startsAt < now() ? { ...given, announceAt: given.startsAt } : given;
      // Validate before spending an id.
      createMaintenance(input, known, { id: 'draft', now: now(), by });
      return write(async () => {
        const window = createMaintenance(input, known, { id: await storage.maintenance.nextId(), now: now(), by });
        await storage.maintenance.save(window);
        return listed(window);
      });
    },
    async listMaintenance(opts = {}) {
      const endsAfter = opts.includeCompleted ? now() - config.active.page.historyDays * DAY_MS : now();
      return (await storage.maintenance.list({ endsAfter })).map(listed);
    },
    async getMaintenance(id) {
      const window = await storage.maintenance.get(id);
      if (!window) throw new NotFoundError(`no maintenance window "${id}"; list them with \`sloop maintenance list\``);
      return listed(window);
    },
    async cancelMaintenance(id, by) {
      if (!/^[A-Za-z0-9._-]{1,100}$/.test(id)) throw new InputError(`"${id}" is not a maintenance id; ids look like MW-3`);
      await write(async () => {
        if (!(await storage.maintenance.cancel(id, { now: now(), by }))) throw new NotFoundError(`no open maintenance window "${id}"; list them with \`sloop maintenance list\``);
      });
    },
    async start(checkIntervalMs = 15_000) {
      await notifier.baseline();
      notifier.start(checkIntervalMs);
    },
    async stop() {
      await notifier.stop();
      delivery.close();
    },
  };
}
