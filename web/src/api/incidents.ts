/** Incident, postmortem, action-item and follow-through endpoints. Types are the server's own. */
import { request } from './client.js';
import type { ActionItem, ActionPriority, ActionStatus } from '../../../src/actions/model.js';
import type { FollowThroughReport } from '../../../src/actions/follow-through.js';
import type { SeverityLevel } from '../../../src/incidents/config.js';
import type { IncidentImpact } from '../../../src/incidents/impact.js';
import type { ComponentStatus, Incident, IncidentRole, IncidentStatus, TimelineEntry } from '../../../src/incidents/model.js';
import type { Postmortem } from '../../../src/postmortems/model.js';

export type { ActionItem, ActionPriority, ActionStatus, ComponentStatus, FollowThroughReport, Incident, IncidentImpact, IncidentRole, IncidentStatus, Postmortem, SeverityLevel, TimelineEntry };

export interface IncidentView {
  incident: Incident;
  timeline: TimelineEntry[];
  notices: string[];
  severity: { id: string; label: string } | null;
}

export interface IncidentChangeAnswer {
  incident: Incident;
  entries: TimelineEntry[];
  notices: string[];
}

/** One status-page component as `GET /api/v1/status/components` answers it. */
export interface StatusComponentView {
  id: string;
  name: string;
  group: string | null;
  /** What /status shows now (overrides of open public incidents included). */
  status: ComponentStatus;
  override: { status: ComponentStatus } | null;
}

export interface DeclareInput {
  title?: string;
  severity?: string;
  services?: string[];
  slos?: string[];
  customerSummary?: string;
}

const enc = encodeURIComponent;

export const incidentsApi = {
  severities: () => request<{ severities: SeverityLevel[]; choices: Array<{ id: string; label: string }> }>('GET', '/api/v1/severities'),
  list: () => request<{ incidents: Incident[] }>('GET', '/api/v1/incidents?limit=200'),
  show: (id: string) => request<IncidentView>('GET', `/api/v1/incidents/${enc(id)}`),
  declare: (input: DeclareInput) => request<IncidentChangeAnswer & { created: boolean }>('POST', '/api/v1/incidents', input),
  declareFromPage: (pageId: string) => request<IncidentChangeAnswer & { created: boolean }>('POST', `/api/v1/pages/${enc(pageId)}/incident`, {}),
  update: (id: string, change: { title?: string; severity?: string; status?: IncidentStatus; customerSummary?: string }) =>
    request<IncidentChangeAnswer>('PATCH', `/api/v1/incidents/${enc(id)}`, change),
  role: (id: string, body: { action: 'assign' | 'handover' | 'release'; role: IncidentRole; person?: string }) =>
    request<IncidentChangeAnswer>('POST', `/api/v1/incidents/${enc(id)}/roles`, body),
  note: (id: string, text: string) => request<IncidentChangeAnswer>('POST', `/api/v1/incidents/${enc(id)}/notes`, { text }),
  statusUpdate: (id: string, body: string, status?: IncidentStatus) =>
    request<IncidentChangeAnswer>('POST', `/api/v1/incidents/${enc(id)}/status-updates`, { body, ...(status ? { status } : {}) }),
  resolve: (id: string, note?: string) => request<IncidentChangeAnswer>('POST', `/api/v1/incidents/${enc(id)}/resolve`, note ? { note } : {}),
  pin: (id: string, seq: string, pinned: boolean) => request<{ entry: TimelineEntry }>('PATCH', `/api/v1/incidents/${enc(id)}/timeline/${enc(seq)}`, { pinned }),
  impact: (id: string) => request<{ impact: IncidentImpact; unknownSlos: string[] }>('GET', `/api/v1/incidents/${enc(id)}/impact`),
  /** Set (or with null clear) this incident's override of a status-page component. */
  overrideComponent: (id: string, component: string, status: ComponentStatus | null) =>
    request<IncidentChangeAnswer>('PUT', `/api/v1/incidents/${enc(id)}/components/${enc(component)}`, { status }),
  statusComponents: () => request<{ components: StatusComponentView[] }>('GET', '/api/v1/status/components'),

  postmortems: () => request<{ postmortems: Postmortem[] }>('GET', '/api/v1/postmortems?limit=1000'),
  createPostmortem: (incidentId: string) => request<{ postmortem: Postmortem }>('POST', `/api/v1/incidents/${enc(incidentId)}/postmortem`, {}),
  postmortem: (id: string) => request<{ postmortem: Postmortem; actions: ActionItem[] }>('GET', `/api/v1/postmortems/${enc(id)}`),
  editPostmortem: (id: string, sections: Record<string, string>) => request<{ postmortem: Postmortem }>('PATCH', `/api/v1/postmortems/${enc(id)}`, { sections }),
  postmortemStep: (id: string, step: 'submit' | 'return' | 'publish') => request<{ postmortem: Postmortem }>('POST', `/api/v1/postmortems/${enc(id)}/${step}`),

  actions: (query: { incident?: string } = {}) => request<{ actions: ActionItem[] }>('GET', `/api/v1/actions${query.incident ? `?incident=${enc(query.incident)}` : ''}`),
  createAction: (body: { title: string; owner: string; dueAt: number; priority: ActionPriority; description?: string; incidentId?: string; postmortemId?: string }) =>
    request<{ action: ActionItem }>('POST', '/api/v1/actions', body),
  updateAction: (id: string, change: { status?: ActionStatus; wontDoReason?: string; owner?: string; dueAt?: number }) =>
    request<{ action: ActionItem }>('PATCH', `/api/v1/actions/${enc(id)}`, change),
  followThrough: () => request<{ report: FollowThroughReport }>('GET', '/api/v1/reports/follow-through'),
};
