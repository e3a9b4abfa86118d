/**
 * Durable paging storage: pages, their timelines, escalation timers, deliveries, follow-ups
 * and event cursors. The paging engine (src/oncall/paging) applies every escalation decision
 * inside ONE `transaction`, so a crash leaves either the whole step or none of it.
 *
 * Exactly-once rules the store enforces:
 * - At most one OPEN page per dedup key (a unique column that is cleared on resolve).
 * - A delivery's idempotency key is UNIQUE: re-planning the same step inserts nothing.
 * - A timer fires once: `markTimerFired` is an atomic pending -> fired update.
 * - A delivery is claimed (pending -> sending, with the claimant) before it is sent and marked
 *   after; only the claimant can finish it. A claim older than the stale limit is released
 *   back to pending (the documented at-least-once window: one resend, same idempotency key).
 */
import type { Page, PlannedDelivery, TimelineEntry, TimerReason } from '../oncall/escalation/index.js';

export type DeliveryStatus = 'pending' | 'sending' | 'delivered' | 'failed' | 'skipped';
/** `page` notifies a step; `announce` tells someone already paged that the page was acked/resolved. */
export type DeliveryKind = 'page' | 'announce';

export interface NewDelivery {
  kind: DeliveryKind;
  plan: PlannedDelivery;
}

export interface StoredDelivery extends NewDelivery {
  id: number;
  idempotencyKey: string;
  pageId: string;
  personId: string;
  contactMethodId: string;
  dueAt: number;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  claimedBy: string | null;
  claimedAt: number | null;
  finishedAt: number | null;
  /** Where it finally went (`webhook http://...`), once delivered. */
  deliveredVia: string | null;
}

export interface DeliveryResultUpdate {
  status: 'delivered' | 'failed' | 'skipped';
  attempts: number;
  lastError: string | null;
  deliveredVia: string | null;
}

export interface StoredTimer {
  id: string;
  pageId: string;
  at: number;
  reason: TimerReason;
  state: 'pending' | 'fired' | 'cancelled';
}

export interface StoredTimelineEntry extends TimelineEntry {
  id: number;
  pageId: string;
}

export interface FollowUp {
  id: number;
  pageId: string;
  priority: 'highest';
  title: string;
  detail: string;
  status: 'open';
  createdAt: number;
}

export type NewFollowUp = Omit<FollowUp, 'id' | 'status'>;

export interface PageFilter {
  status?: Page['status'];
  /** Default 100, at most 1000. Newest first. */
  limit?: number;
}

/** Everything one escalation step may change, used inside `PagingStore.transaction`. */
export interface PagingTx {
  /** The page, locked until the transaction ends (FOR UPDATE on PostgreSQL). */
  lockPage(id: string): Promise<Page | null>;
  /** The open (not resolved) page with this dedup key, locked. */
  lockOpenPage(dedupKey: string): Promise<Page | null>;
  /** Inserts or replaces the page. Throws on a second open page with the same dedup key. */
  savePage(page: Page, now: number): Promise<void>;
  addTimeline(pageId: string, entries: readonly TimelineEntry[]): Promise<void>;
  scheduleTimer(pageId: string, timer: { id: string; at: number; reason: TimerReason }): Promise<void>;
  /** Pending timers of the page become cancelled. */
  cancelTimers(pageId: string): Promise<number>;
  /** pending -> fired; false when it was not pending (already fired or cancelled). */
  markTimerFired(timerId: string): Promise<boolean>;
  /** Inserts what is new; a delivery whose idempotency key exists is left alone. Returns inserted. */
  insertDeliveries(deliveries: readonly NewDelivery[]): Promise<number>;
  /** Pending `page` deliveries of the page become skipped with `reason`. */
  cancelDeliveries(pageId: string, reason: string, now: number): Promise<number>;
  /** People reached by `page` deliveries in this cycle and the contact method that reached them. */
  deliveredRecipients(pageId: string, cycle: number): Promise<Array<{ personId: string; contactMethodId: string }>>;
  createFollowUp(followUp: NewFollowUp): Promise<void>;
  /** Position of a named event cursor (0 when new), locked until the transaction ends. */
  lockCursor(name: string): Promise<number>;
  setCursor(name: string, position: number): Promise<void>;
}

export interface PageDetail {
  page: Page;
  timeline: StoredTimelineEntry[];
  deliveries: StoredDelivery[];
}

export interface PagingStore {
  /** Runs `fn` in one database transaction; any throw rolls everything back. */
  transaction<T>(fn: (tx: PagingTx) => Promise<T>): Promise<T>;
  listPages(filter?: PageFilter): Promise<Page[]>;
  getPage(id: string): Promise<PageDetail | null>;
  /** Pending timers with at <= now, earliest first. */
  dueTimers(now: number, limit?: number): Promise<StoredTimer[]>;
  /**
   * Atomically moves up to `limit` pending deliveries with dueAt <= now to `sending`, owned by
   * `claimant`, and returns them. Two claimants never get the same delivery.
   */
  claimDueDeliveries(now: number, claimant: string, limit: number): Promise<StoredDelivery[]>;
  /**
   * Records the result of a claimed delivery and its timeline entries in one transaction.
   * False (nothing written) when `claimant` no longer holds the claim.
   */
  finishDelivery(id: number, claimant: string, result: DeliveryResultUpdate, timeline: readonly TimelineEntry[], now: number): Promise<boolean>;
  /** Claims older than `claimedBefore` go back to pending (their sender died). Returns how many. */
  releaseStaleClaims(claimedBefore: number): Promise<number>;
  listDeliveries(pageId: string): Promise<StoredDelivery[]>;
  listFollowUps(): Promise<FollowUp[]>;
  cursor(name: string): Promise<number | null>;
}
