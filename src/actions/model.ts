/**
 * Action items: the follow-ups that turn an incident into a permanent improvement. They come
 * from an incident, its postmortem, or an on-call page that needed no human (fixing or
 * deleting that alert is top-priority work). Times are epoch milliseconds.
 */

export type ActionPriority = 'P0' | 'P1' | 'P2' | 'P3';
export const ACTION_PRIORITIES: readonly ActionPriority[] = ['P0', 'P1', 'P2', 'P3'];
/** The priority the postmortem rule asks for. */
export const TOP_PRIORITY: ActionPriority = 'P0';

export type ActionStatus = 'open' | 'in_progress' | 'done' | 'wont_do';
export const ACTION_STATUSES: readonly ActionStatus[] = ['open', 'in_progress', 'done', 'wont_do'];

export type ActionSource = 'incident' | 'postmortem' | 'page';

export interface ActionItem {
  id: string;
  title: string;
  description: string;
  /** Person id; every item has exactly one owner. */
  owner: string;
  dueAt: number;
  priority: ActionPriority;
  status: ActionStatus;
  /** Required for `wont_do`: why the team decided not to. */
  wontDoReason: string | null;
  source: ActionSource;
  incidentId: string | null;
  postmortemId: string | null;
  pageId: string | null;
  /** Link to Jira, Linear, GitHub... where the work is tracked. */
  trackerUrl: string | null;
  createdAt: number;
  updatedAt: number;
  /** When it moved to done; cleared if reopened. */
  doneAt: number | null;
  version: number;
}

export function isClosed(item: Pick<ActionItem, 'status'>): boolean {
  return item.status === 'done' || item.status === 'wont_do';
}

export function isOverdue(item: Pick<ActionItem, 'status' | 'dueAt'>, now: number): boolean {
  return !isClosed(item) && item.dueAt < now;
}
