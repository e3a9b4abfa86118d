/**
 * The storage seam for action items (types only; the kysely implementation comes next).
 * `save` inserts version 1 or updates when the stored version is `version - 1`, failing with
 * ConflictError otherwise.
 */
import type { ActionItem, ActionStatus } from './model.js';

export interface ActionQuery {
  incidentIds?: string[];
  postmortemId?: string;
  owner?: string;
  status?: ActionStatus[];
  /** Open or in progress with dueAt before this time. */
  overdueAt?: number;
  source?: ActionItem['source'];
  createdSince?: number;
}

export interface ActionRepository {
  save(item: ActionItem): Promise<void>;
  get(id: string): Promise<ActionItem | null>;
  list(query: ActionQuery): Promise<ActionItem[]>;
  /** The follow-up already created for a page, so on-call's createFollowUp is idempotent. */
  findByPage(pageId: string): Promise<ActionItem | null>;
  nextId(): Promise<string>;
}
