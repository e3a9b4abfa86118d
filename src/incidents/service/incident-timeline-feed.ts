/**
 * Keeps writing an incident's timeline after it was declared. Two durable sources feed it:
 *
 * - The page an incident was declared from: its stored timeline (escalation notifications,
 *   acknowledgement, resolution or auto-resolve, including an inbound alert's `resolved` for
 *   the page's dedup key). Each stored page timeline entry has an id, read every tick.
 * - The store's event log: SLO alert transitions (fired/resolved), read after a persisted
 *   cursor, land on every open incident whose SLOs, services or journeys they concern.
 *
 * One replica does this (a lease, as the paging worker's consumer). Writing is at-least-once
 * (the cursor moves after the entries are saved) and made idempotent by a key in each entry's
 * data (`feedKey`: `page-entry:<id>` or `event:<id>`): an entry whose key is already on the
 * incident's timeline is not written again, so a re-read after a crash or restart never
 * duplicates anything. Only facts that happened after the declaration are added; the
 * declaration itself already wrote the earlier ones (alert fired, paged, acknowledged).
 */
import { PeriodicTask } from './periodic-task.js';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { sloTransitionToAlert } from '../../oncall/paging/slo-alerts.js';
import type { Slo } from '../../slo/model.js';
import type { StoredTimelineEntry } from '../../store/paging.js';
import { ALERT_TRANSITION_EVENT, type Store, type StoredAlertTransition, type StoredEvent } from '../../store/store.js';
import type { Incident, IncidentChange } from '../model.js';
import { recordEvent, type IncidentEvent } from '../transitions.js';
import type { IncidentService } from './incident-service.js';

export const TIMELINE_FEED_CURSOR = 'incidents.timeline-feed';
export const TIMELINE_FEED_LEASE = 'incidents.timeline-feed';
const BATCH = 200;

interface PendingEntry {
  incidentId: string;
  feedKey: string;
  event: IncidentEvent;
}

export interface IncidentTimelineFeedOptions {
  store: Store;
  incidents: IncidentService;
  sloByName(name: string): Slo | undefined;
  now(): number;
  /** Tick interval; default 2000 ms. */
  intervalMs?: number;
  holder?: string;
  onError?(err: unknown): void;
}

/** The incident event for one stored page timeline entry, or null for entries the incident does not need. */
export function pageEntryToIncidentEvent(pageId: string, entry: StoredTimelineEntry): IncidentEvent | null {
  switch (entry.kind) {
    case 'notified':
      return { type: 'paged', at: entry.at, pageId, target: entry.message.replace(/^Paging /, '') };
    case 'acknowledged':
      return { type: 'acknowledged', at: entry.at, pageId, by: entry.actor ?? 'unknown' };
    case 'resolved':
      return { type: 'pageResolved', at: entry.at, pageId, by: entry.actor ?? 'unknown', auto: false };
    case 'autoResolved':
      return { type: 'pageResolved', at: entry.at, pageId, by: entry.actor ?? 'sloop', auto: true };
    default:
      return null;
  }
}

/** Whether an SLO alert transition concerns the incident (named SLO, its service or its journey). */
export function transitionConcerns(incident: Incident, t: StoredAlertTransition, slo: Slo | undefined): boolean {
  const service = typeof t.details?.service === 'string' ? t.details.service : slo?.service;
  if (incident.slos.includes(t.slo)) return true;
  if (service !== undefined && incident.services.includes(service)) return true;
  return slo?.journey !== undefined && incident.journeys.includes(slo.journey);
}

export class IncidentTimelineFeed {
  readonly holder: string;
  readonly #o: IncidentTimelineFeedOptions;
  readonly #loop: PeriodicTask;

  constructor(options: IncidentTimelineFeedOptions) {
    this.#o = options;
    this.holder = options.holder ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
    this.#loop = new PeriodicTask(() => this.tick(), options.intervalMs ?? 2000, options.onError);
  }

  /** Starts the cursor at the end of the event log if it has none, so old history is not replayed. */
  async initCursor(): Promise<void> {
    const { store } = this.#o;
    if ((await store.paging.cursor(TIMELINE_FEED_CURSOR)) !== null) return;
    const last = await store.lastEventId();
    await store.paging.transaction(async (tx) => {
      if ((await tx.lockCursor(TIMELINE_FEED_CURSOR)) === 0) await tx.setCursor(TIMELINE_FEED_CURSOR, last);
    });
  }

  async start(): Promise<void> {
    await this.initCursor();
    this.#loop.start();
  }

  async stop(): Promise<void> {
    await this.#loop.stop();
    await this.#o.store.releaseLease(TIMELINE_FEED_LEASE, this.holder).catch(() => {});
  }

  /** One pass (exposed for tests): does nothing unless this replica holds the lease. */
  async tick(): Promise<void> {
    const { store, now } = this.#o;
    const interval = this.#o.intervalMs ?? 2000;
    if (!(await store.tryAcquireLease(TIMELINE_FEED_LEASE, this.holder, Math.max(10_000, interval * 10), now()))) return;
    const from = await store.paging.cursor(TIMELINE_FEED_CURSOR);
    if (from === null) return this.initCursor();
    const open = await this.#o.incidents.list({ openOnly: true, limit: 500 });
    const events = await store.readEventsAfter(from, BATCH);
    // Both sources merged in time order, so the timeline reads in the order things happened.
    const pending = [...(await this.#pageEntries(open)), ...this.#alertEntries(open, events)].sort((a, b) => a.event.at - b.event.at);
    for (const p of pending) {
      try {
        await this.#recordOnce(p.incidentId, p.feedKey, p.event);
      } catch (err: unknown) {
        // One incident that cannot take an entry must not stop the others or the cursor.
        this.#o.onError?.(err);
      }
    }
    if (events.length === 0) return;
    const last = events[events.length - 1]!.id;
    await store.paging.transaction(async (tx) => {
      if ((await tx.lockCursor(TIMELINE_FEED_CURSOR)) < last) await tx.setCursor(TIMELINE_FEED_CURSOR, last);
    });
  }

  async #pageEntries(open: readonly Incident[]): Promise<PendingEntry[]> {
    const out: PendingEntry[] = [];
    for (const incident of open) {
      if (incident.source.type !== 'page') continue;
      const detail = await this.#o.store.paging.getPage(incident.source.pageId);
      if (!detail) continue;
      for (const entry of detail.timeline) {
        if (entry.at <= incident.declaredAt) continue;
        const event = pageEntryToIncidentEvent(detail.page.id, entry);
        if (event) out.push({ incidentId: incident.id, feedKey: `page-entry:${entry.id}`, event });
      }
    }
    return out;
  }

  #alertEntries(open: readonly Incident[], events: readonly StoredEvent[]): PendingEntry[] {
    const out: PendingEntry[] = [];
    for (const event of events) {
      if (event.type !== ALERT_TRANSITION_EVENT) continue;
      const t = event.payload as StoredAlertTransition;
      const slo = this.#o.sloByName(t.slo);
      for (const incident of open) {
        if (event.at <= incident.declaredAt || !transitionConcerns(incident, t, slo)) continue;
        const summary = sloTransitionToAlert(t, slo).alert.summary;
        const incidentEvent: IncidentEvent =
          t.event === 'fired'
            ? { type: 'alertFired', at: t.at, source: 'slo', summary, runbookUrl: typeof t.details?.runbook === 'string' ? t.details.runbook : null }
            : { type: 'alertResolved', at: t.at, source: 'slo', summary };
        out.push({ incidentId: incident.id, feedKey: `event:${event.id}`, event: incidentEvent });
      }
    }
    return out;
  }

  /** Records the event unless an entry with this key is already on the timeline (only this lease holder writes keyed entries). */
  async #recordOnce(incidentId: string, feedKey: string, event: IncidentEvent): Promise<void> {
    const timeline = await this.#o.store.incidents.incidents.timeline(incidentId);
    if (timeline.some((e) => e.data.feedKey === feedKey)) return;
    await this.#o.incidents.apply(incidentId, (incident) => withFeedKey(recordEvent(incident, event), feedKey), { post: false });
  }
}

function withFeedKey(change: IncidentChange, feedKey: string): IncidentChange {
  return { ...change, entries: change.entries.map((e) => ({ ...e, data: { ...e.data, feedKey } })) };
}
