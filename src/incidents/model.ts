/**
 * The incident as plain data. Times are epoch milliseconds. Every change goes through the
 * transition functions (transitions.ts, roles.ts), which return the new incident together
 * with the timeline entries the change writes; the store appends those entries and saves the
 * incident with its `version` bumped (optimistic concurrency).
 */

export type IncidentStatus = 'investigating' | 'identified' | 'monitoring' | 'resolved';
export const INCIDENT_STATUSES: readonly IncidentStatus[] = ['investigating', 'identified', 'monitoring', 'resolved'];

/** Incident command roles, after the emergency-response model (and Dispatch). */
export type IncidentRole = 'commander' | 'resolverLead' | 'communicationsLead' | 'scribe';
export const INCIDENT_ROLES: readonly IncidentRole[] = ['commander', 'resolverLead', 'communicationsLead', 'scribe'];
export const ROLE_TITLES: Record<IncidentRole, string> = {
  commander: 'Incident Commander',
  resolverLead: 'Resolver lead',
  communicationsLead: 'Communications lead',
  scribe: 'Scribe',
};

/** Statuspage's component vocabulary, so exports and imports need no mapping. */
export type ComponentStatus = 'operational' | 'degraded_performance' | 'partial_outage' | 'major_outage' | 'under_maintenance';
export const COMPONENT_STATUSES: readonly ComponentStatus[] = ['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance'];

export type IncidentSource = { type: 'manual' } | { type: 'page'; pageId: string };

/** Text the Communications lead wrote for the public status page; nothing else about the incident is public. */
export interface PublicUpdate {
  at: number;
  status: IncidentStatus;
  body: string;
  /** Person id of the author; kept for the record, never rendered publicly. */
  by: string;
}

export interface Incident {
  id: string;
  title: string;
  severity: string;
  status: IncidentStatus;
  services: string[];
  journeys: string[];
  /** SLOs whose budget this incident is measured against (impact, postmortem rule). */
  slos: string[];
  /** Short customer-facing summary; public once a status-page update has been posted. */
  customerSummary: string;
  source: IncidentSource;
  declaredAt: number;
  declaredBy: string;
  /** When impact began, if known earlier than the declaration (e.g. the page's trigger time). */
  startedAt: number;
  pagedAt: number | null;
  acknowledgedAt: number | null;
  /** First move to `monitoring` (or straight to `resolved`): the fix is in. */
  mitigatedAt: number | null;
  resolvedAt: number | null;
  /** Current holder (person id) of each role. */
  roles: Partial<Record<IncidentRole, string>>;
  /** Everyone who held a role or wrote on the timeline: the postmortem's participants. */
  participants: string[];
  publicUpdates: PublicUpdate[];
  /** Component status set by hand by the Communications lead; wins over the derived status. */
  componentOverrides: Record<string, ComponentStatus>;
  /** Next timeline entry number; entry ids are `<incident id>/<n>`. */
  timelineSeq: number;
  version: number;
}

export type TimelineKind =
  | 'declared'
  | 'alertFired'
  | 'alertResolved'
  | 'paged'
  | 'acknowledged'
  /** The page behind the incident was resolved by a person or closed because its alert cleared. */
  | 'pageResolved'
  | 'roleAssigned'
  | 'roleHandedOver'
  | 'roleReleased'
  | 'severityChanged'
  | 'statusChanged'
  | 'summaryChanged'
  | 'statusPageUpdate'
  | 'componentOverride'
  | 'note'
  | 'runbookRun'
  | 'chatDelivery'
  | 'resolved';

export interface TimelineEntry {
  id: string;
  incidentId: string;
  at: number;
  kind: TimelineKind;
  /** Person id, or a system name such as `sloop`, `alertmanager`. */
  actor: string;
  message: string;
  pinned: boolean;
  /** Structured facts (from/to of a handover, page id, runbook URL); flat for easy storage. */
  data: Record<string, string | number | boolean | null>;
}

/** What every transition returns: the new incident and what it writes to the timeline. */
export interface IncidentChange {
  incident: Incident;
  entries: TimelineEntry[];
  /** Things the responders should see (two roles held by one person, a missing required role). */
  notices: string[];
}
