/**
 * What the event log says when an incident changes, so the console's timeline updates as it
 * happens (server-sent on /api/v1/events/stream) instead of polling. The repository appends it in
 * the same transaction as the change, so a reader never sees one without the other. The payload
 * names what changed, not its text: a listener reloads the incident through the API, where the
 * usual scopes apply.
 */
import type { IncidentChange, IncidentStatus, TimelineEntry, TimelineKind } from './model.js';

export const INCIDENT_CHANGED_EVENT = 'incident.changed';

export interface IncidentChangedPayload {
  incidentId: string;
  version: number;
  status: IncidentStatus;
  severity: string;
  /** The timeline entries the change wrote (or the entry whose pin changed). */
  entries: Array<{ id: string; kind: TimelineKind; pinned: boolean }>;
}

export function incidentChangedEvent(change: IncidentChange): { type: string; payload: IncidentChangedPayload } {
  const { incident } = change;
  return {
    type: INCIDENT_CHANGED_EVENT,
    payload: {
      incidentId: incident.id,
      version: incident.version,
      status: incident.status,
      severity: incident.severity,
      entries: change.entries.map(entryRef),
    },
  };
}

/** A pin changes an entry, not the incident: the event carries the incident as it stands. */
export function timelinePinnedEvent(incident: { id: string; version: number; status: IncidentStatus; severity: string }, entry: TimelineEntry): { type: string; payload: IncidentChangedPayload } {
  return {
    type: INCIDENT_CHANGED_EVENT,
    payload: { incidentId: incident.id, version: incident.version, status: incident.status, severity: incident.severity, entries: [entryRef(entry)] },
  };
}

function entryRef(entry: TimelineEntry): { id: string; kind: TimelineKind; pinned: boolean } {
  return { id: entry.id, kind: entry.kind, pinned: entry.pinned };
}
