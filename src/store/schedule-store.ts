/**
 * Runtime schedule changes kept by the server: overrides and shift swaps (who created them
 * and why), and the fairness exceptions approved when a change breaks the fairness rule.
 * The schedules themselves are config (kind: OnCall); only these runtime objects are stored.
 * Deleting a change keeps its row (marked deleted) so the history of who covered when survives.
 * Times are epoch ms; every change is returned in the order it was accepted, which is the
 * order computeFinalSchedule applies them in.
 */
import type { FairnessException } from '../oncall/fairness/model.js';
import type { ScheduleChange, SwapSide } from '../oncall/schedule/model.js';

export type NewScheduleChange =
  | { kind: 'override'; schedule: string; person: string; start: number; end: number; createdBy: string; reason?: string }
  | { kind: 'swap'; schedule: string; first: SwapSide; second: SwapSide; createdBy: string; reason?: string };

export interface StoredScheduleChange {
  /** Also `change.id`. */
  id: string;
  schedule: string;
  change: ScheduleChange;
  createdBy: string;
  reason: string | null;
  createdAt: number;
  deletedAt: number | null;
  deletedBy: string | null;
}

export type NewFairnessException = Omit<FairnessException, 'schedule'>;

export interface StoredFairnessException extends FairnessException {
  id: string;
  createdAt: number;
  /** The change this exception was approved for, if it came with one. */
  changeId: string | null;
}

export interface ScheduleChangeFilter {
  /** Only changes overlapping [from, to). */
  from?: number;
  to?: number;
  /** Include deleted changes (history); default false. */
  includeDeleted?: boolean;
}

export interface ScheduleStore {
  /**
   * Records the change and any exceptions approved with it in one transaction. Throws
   * InputError (nothing stored) when times are not finite, end <= start, or names are empty.
   */
  createChange(input: NewScheduleChange, opts: { now: number; exceptions?: NewFairnessException[] }): Promise<{ change: StoredScheduleChange; exceptions: StoredFairnessException[] }>;
  /** Changes of one schedule in acceptance order. */
  listChanges(schedule: string, filter?: ScheduleChangeFilter): Promise<StoredScheduleChange[]>;
  getChange(schedule: string, id: string): Promise<StoredScheduleChange | null>;
  /** Marks the change deleted; false when no such live change exists. */
  deleteChange(schedule: string, id: string, opts: { now: number; deletedBy: string }): Promise<boolean>;
  /** Every recorded exception (optionally for one schedule/person), oldest first. */
  listExceptions(filter?: { schedule?: string; person?: string }): Promise<StoredFairnessException[]>;
  /**
   * The secret `name`, created from `generate()` on first use. Concurrent first calls (other
   * replicas) agree on one value.
   */
  serverSecret(name: string, generate: () => string, now: number): Promise<string>;
  /**
   * Pages that reached each person in [from, to): one per (page, person), at the first
   * notification due time, read from the durable paging deliveries (skipped ones excluded).
   */
  pagesReceived(from: number, to: number): Promise<PageReceived[]>;
}

export interface PageReceived {
  pageId: string;
  person: string;
  at: number;
}
