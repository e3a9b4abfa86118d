/**
 * What the durable paging engine works from: the live on-call config (re-read on every use,
 * so a reload takes effect for the next step) and alerts normalised from every source.
 */
import type { AlertSnapshot, EscalationPolicy } from '../escalation/index.js';
import type { Route } from '../routing/index.js';
import type { Person, Schedule, ScheduleChange, Team } from '../schedule/model.js';

export interface PagingConfig {
  people: readonly Person[];
  teams: readonly Team[];
  schedules: readonly Schedule[];
  policies: readonly EscalationPolicy[];
  routes: readonly Route[];
}

export const EMPTY_PAGING_CONFIG: PagingConfig = { people: [], teams: [], schedules: [], policies: [], routes: [] };

/** An alert from any source, ready for routing: one dedup key pages once while its page is open. */
export interface IncomingAlert {
  dedupKey: string;
  status: 'firing' | 'resolved' | 'acknowledged';
  alert: AlertSnapshot;
  /** Who acknowledged, for `acknowledged` (the sending integration). */
  by?: string;
}

export type AlertOutcome =
  | { outcome: 'opened' | 'retriggered' | 'resolved' | 'acknowledged'; pageId: string }
  /** No route matched and there is no default route: nobody is paged. */
  | { outcome: 'unrouted'; reason: string }
  /** A resolve/acknowledge for which no page is open. */
  | { outcome: 'noOpenPage' }
  | { outcome: 'ignored'; pageId: string; reason: string };

/** Runtime overrides and swaps per schedule (stored by the schedules API). */
export type ScheduleChanges = (schedule: string) => readonly ScheduleChange[];
