/**
 * The storage seam for incidents (types only; the kysely implementation in src/store comes
 * next). The domain computes every change; the repository only persists it:
 * `saveChange` writes the incident row and appends the change's timeline entries in one
 * transaction, and fails with ConflictError when `expectedVersion` no longer matches (someone
 * else changed the incident first: reload and re-apply).
 */
import type { Incident, IncidentChange, IncidentStatus, TimelineEntry } from './model.js';

export interface IncidentQuery {
  status?: IncidentStatus[];
  /** Only incidents declared at or after this time. */
  declaredSince?: number;
  /** Open incidents (status other than resolved), regardless of `status`. */
  openOnly?: boolean;
  limit?: number;
  /** Newest first by declaredAt. */
  before?: number;
}

export interface IncidentRepository {
  /** Inserts (version 1) or updates (version n, expecting n - 1) and appends `entries` atomically. */
  saveChange(change: IncidentChange, expectedVersion: number | null): Promise<void>;
  get(id: string): Promise<Incident | null>;
  list(query: IncidentQuery): Promise<Incident[]>;
  timeline(incidentId: string): Promise<TimelineEntry[]>;
  /** Pinning is the only change an existing entry may take; `at` is when (the event's time). */
  setPinned(entryId: string, pinned: boolean, at: number): Promise<TimelineEntry>;
  /** The incident declared from a page, so a second "declare" from the same page is idempotent. */
  findByPage(pageId: string): Promise<Incident | null>;
  /** A new id such as `INC-42`; sequential per installation. */
  nextId(): Promise<string>;
}
