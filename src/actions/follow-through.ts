/**
 * The follow-through report: for the last N incidents, did the action items ship? Shipped,
 * overdue, median time to ship, overdue items per owner, and the follow-ups on-call raised for
 * pages that needed no human (counted since the oldest incident in the report).
 */
import { isClosed, isOverdue, type ActionItem, type ActionPriority } from './model.js';

const DAY_MS = 86_400_000;

export interface ReportIncident {
  id: string;
  title: string;
  declaredAt: number;
}

export interface OverdueItem {
  id: string;
  title: string;
  priority: ActionPriority;
  dueAt: number;
  daysOverdue: number;
  incidentId: string | null;
  source: ActionItem['source'];
}

export interface ItemCounts {
  total: number;
  shipped: number;
  wontDo: number;
  open: number;
  overdue: number;
}

export interface FollowThroughReport {
  generatedAt: number;
  incidents: ReportIncident[];
  /** Items from those incidents and their postmortems. */
  incidentItems: ItemCounts;
  /** Follow-ups from non-actionable pages since the oldest incident in the report. */
  pageFollowUps: ItemCounts;
  /** Median days from creation to done over shipped items (both kinds); null when none shipped. */
  medianDaysToShip: number | null;
  /** Shipped items that were done by their due date, over all shipped; null when none shipped. */
  onTimeShare: number | null;
  overdueByOwner: Array<{ owner: string; items: OverdueItem[] }>;
}

export function followThroughReport(input: { incidents: readonly ReportIncident[]; items: readonly ActionItem[]; now: number; lastIncidents: number }): FollowThroughReport {
  const incidents = [...input.incidents].sort((a, b) => b.declaredAt - a.declaredAt).slice(0, Math.max(0, input.lastIncidents));
  const ids = new Set(incidents.map((i) => i.id));
  const since = incidents.length > 0 ? Math.min(...incidents.map((i) => i.declaredAt)) : -Infinity;
  const fromIncidents = input.items.filter((i) => i.source !== 'page' && i.incidentId !== null && ids.has(i.incidentId));
  const fromPages = input.items.filter((i) => i.source === 'page' && i.createdAt >= since);
  const all = [...fromIncidents, ...fromPages];
  const shipped = all.filter((i) => i.status === 'done' && i.doneAt !== null);
  const overdue = all.filter((i) => isOverdue(i, input.now));
  return {
    generatedAt: input.now,
    incidents,
    incidentItems: counts(fromIncidents, input.now),
    pageFollowUps: counts(fromPages, input.now),
    medianDaysToShip: median(shipped.map((i) => (i.doneAt! - i.createdAt) / DAY_MS)),
    onTimeShare: shipped.length > 0 ? shipped.filter((i) => i.doneAt! <= i.dueAt).length / shipped.length : null,
    overdueByOwner: byOwner(overdue, input.now),
  };
}

function counts(items: readonly ActionItem[], now: number): ItemCounts {
  return {
    total: items.length,
    shipped: items.filter((i) => i.status === 'done').length,
    wontDo: items.filter((i) => i.status === 'wont_do').length,
    open: items.filter((i) => !isClosed(i)).length,
    overdue: items.filter((i) => isOverdue(i, now)).length,
  };
}

function byOwner(items: readonly ActionItem[], now: number): FollowThroughReport['overdueByOwner'] {
  const groups = new Map<string, OverdueItem[]>();
  for (const i of items) {
    const entry: OverdueItem = { id: i.id, title: i.title, priority: i.priority, dueAt: i.dueAt, daysOverdue: Math.floor((now - i.dueAt) / DAY_MS), incidentId: i.incidentId, source: i.source };
    groups.set(i.owner, [...(groups.get(i.owner) ?? []), entry]);
  }
  // Owners with the most overdue work first; within an owner, highest priority then oldest.
  return [...groups.entries()]
    .map(([owner, list]) => ({ owner, items: list.sort((a, b) => a.priority.localeCompare(b.priority) || a.dueAt - b.dueAt) }))
    .sort((a, b) => b.items.length - a.items.length || a.owner.localeCompare(b.owner));
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
