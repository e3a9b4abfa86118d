/**
 * The public status page model: the ONLY data the HTML, JSON and Atom renderers see. It is
 * built by copying named public fields (never by spreading internal objects), so internal
 * notes, timeline entries, role holders, authors and contact details cannot leak by accident.
 */
import type { ComponentStatus, IncidentStatus } from '../incidents/model.js';
import type { ComponentUptime } from './uptime.js';

export interface PublicComponent {
  id: string;
  name: string;
  group: string | null;
  description: string;
  status: ComponentStatus;
  statusLabel: string;
  uptime: ComponentUptime;
}

export interface PublicUpdateView {
  at: number;
  status: IncidentStatus;
  body: string;
}

export interface PublicIncident {
  id: string;
  title: string;
  status: IncidentStatus;
  /** Worst status the incident gives any of its components. */
  impact: ComponentStatus;
  summary: string;
  components: Array<{ id: string; name: string }>;
  startedAt: number;
  resolvedAt: number | null;
  /** Newest first. */
  updates: PublicUpdateView[];
}

export interface PublicMaintenance {
  id: string;
  title: string;
  description: string;
  components: Array<{ id: string; name: string }>;
  startsAt: number;
  endsAt: number;
  state: 'upcoming' | 'in_progress' | 'completed';
}

export interface StatusPageLinks {
  html: string;
  json: string;
  atom: string;
}

export interface StatusPageModel {
  title: string;
  generatedAt: number;
  overall: { status: ComponentStatus; label: string };
  uptimeDays: number;
  /** Groups in configuration order; ungrouped components form a group with name null. */
  groups: Array<{ name: string | null; components: PublicComponent[] }>;
  activeIncidents: PublicIncident[];
  /** Resolved within `historyDays`, newest first. */
  recentIncidents: PublicIncident[];
  maintenances: PublicMaintenance[];
  links: StatusPageLinks;
}
