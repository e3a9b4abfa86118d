/**
 * Changes to a declared incident: severity, status, summary, notes, status-page updates,
 * component overrides, resolution, and the events other domains report (alerts, pages,
 * acknowledgements, runbook runs, chat deliveries). Each returns an IncidentChange.
 */
import { ConflictError, NotAllowedError } from '../errors/index.js';
import { findSeverity, type IncidentsConfig } from './config.js';
import { SUMMARY_MAX, TITLE_MAX } from './declare.js';
import { COMPONENT_STATUSES, INCIDENT_STATUSES, type ComponentStatus, type Incident, type IncidentChange, type IncidentStatus } from './model.js';
import { roleNotices } from './roles.js';
import { ChangeBuilder } from './timeline.js';
import { FieldChecks } from './validate.js';

export interface UpdateInput {
  title?: unknown;
  severity?: unknown;
  status?: unknown;
  customerSummary?: unknown;
}

export const NOTE_MAX = 10_000;

export function updateIncident(incident: Incident, input: UpdateInput, by: string, config: IncidentsConfig, now: number): IncidentChange {
  const c = new FieldChecks();
  const title = input.title === undefined ? undefined : c.text('title', input.title, TITLE_MAX, 'incident title');
  const severity = input.severity === undefined ? undefined : c.oneOf('severity', input.severity, config.severities.map((s) => s.id), 'severity');
  const status = input.status === undefined ? undefined : c.oneOf('status', input.status, INCIDENT_STATUSES, 'status');
  const summary = input.customerSummary === undefined ? undefined : c.optionalText('customerSummary', input.customerSummary, SUMMARY_MAX, 'customer-facing summary') ?? '';
  c.throwIfAny('incident update');

  const b = new ChangeBuilder(incident);
  if (title !== undefined && title !== incident.title) {
    b.update({ title });
    b.write('summaryChanged', now, by, `Title changed to "${title}"`, { field: 'title', from: incident.title, to: title });
  }
  if (severity !== undefined && severity !== incident.severity) {
    b.update({ severity });
    b.write('severityChanged', now, by, `Severity changed from ${incident.severity} to ${severity}`, { from: incident.severity, to: severity }, true);
    if (findSeverity(config, severity)?.requiresStatusPageUpdate) b.notice(`${severity} requires a status-page update; the Communications lead should post one.`);
  }
  if (summary !== undefined && summary !== incident.customerSummary) {
    b.update({ customerSummary: summary });
    b.write('summaryChanged', now, by, 'Customer-facing summary updated', { field: 'customerSummary' });
  }
  if (status !== undefined && status !== incident.status) applyStatus(b, status, by, now);
  for (const n of roleNotices(b.incident, config)) b.notice(n);
  return b.done();
}

function applyStatus(b: ChangeBuilder, status: IncidentStatus, by: string, now: number): void {
  const from = b.incident.status;
  const mitigatedAt = b.incident.mitigatedAt ?? (status === 'monitoring' || status === 'resolved' ? now : null);
  // Reopening clears the resolution; mitigation stays, since the fix did land once.
  const resolvedAt = status === 'resolved' ? now : null;
  b.update({ status, mitigatedAt, resolvedAt });
  if (status === 'resolved') b.write('resolved', now, by, 'Incident resolved', { from }, true);
  else b.write('statusChanged', now, by, `Status changed from ${from} to ${status}`, { from, to: status }, status === 'monitoring' && from !== 'resolved');
}

export function resolveIncident(incident: Incident, by: string, config: IncidentsConfig, now: number): IncidentChange {
  if (incident.status === 'resolved') throw new ConflictError(`incident ${incident.id} is already resolved`);
  return updateIncident(incident, { status: 'resolved' }, by, config, now);
}

export function addNote(incident: Incident, input: { author: unknown; text: unknown; pinned?: boolean }, now: number): IncidentChange {
  const c = new FieldChecks();
  const author = c.text('author', input.author, 200, 'author');
  const text = c.text('text', input.text, NOTE_MAX, 'note');
  c.throwIfAny('note');
  const b = new ChangeBuilder(incident);
  b.participant(author);
  b.write('note', now, author, text, {}, input.pinned === true);
  return b.done();
}

/** Who may write public text: the Communications lead, or the commander while nobody holds that role. */
function assertMayPublish(incident: Incident, by: string): void {
  const comms = incident.roles.communicationsLead;
  if (comms === by) return;
  if (comms === undefined && incident.roles.commander === by) return;
  const who = comms ?? 'the Communications lead (not yet assigned)';
  throw new NotAllowedError(`only ${who} posts to the status page for incident ${incident.id}; ask them, or assign the role`);
}

export function postStatusPageUpdate(incident: Incident, input: { by: string; body: unknown; status?: unknown }, config: IncidentsConfig, now: number): IncidentChange {
  const c = new FieldChecks();
  const body = c.text('body', input.body, SUMMARY_MAX, 'public update text');
  const status = input.status === undefined ? incident.status : c.oneOf('status', input.status, INCIDENT_STATUSES, 'status');
  c.throwIfAny('status-page update');
  assertMayPublish(incident, input.by);
  const b = new ChangeBuilder(incident);
  if (status !== incident.status) applyStatus(b, status, input.by, now);
  b.update({ publicUpdates: [...b.incident.publicUpdates, { at: now, status, body, by: input.by }] });
  b.write('statusPageUpdate', now, input.by, `Status page (${status}): ${body}`, { status });
  for (const n of roleNotices(b.incident, config)) b.notice(n);
  return b.done();
}

/** Sets (or with `status: null` clears) the hand-set status of one status-page component. */
export function overrideComponentStatus(incident: Incident, input: { by: string; component: unknown; status: unknown }, now: number): IncidentChange {
  const c = new FieldChecks();
  const component = c.text('component', input.component, 100, 'component id');
  const status = input.status === null ? null : c.oneOf<ComponentStatus>('status', input.status, COMPONENT_STATUSES, 'component status');
  c.throwIfAny('component override');
  assertMayPublish(incident, input.by);
  const overrides = { ...incident.componentOverrides };
  if (status === null) delete overrides[component];
  else overrides[component] = status;
  const b = new ChangeBuilder(incident);
  b.update({ componentOverrides: overrides });
  b.write('componentOverride', now, input.by, status === null ? `Component ${component} back to derived status` : `Component ${component} set to ${status}`, { component, status });
  return b.done();
}

/** Events reported by other domains; they write the timeline and fill in response times. */
export type IncidentEvent =
  | { type: 'alertFired'; at: number; source: string; summary: string; runbookUrl?: string | null }
  | { type: 'alertResolved'; at: number; source: string; summary: string }
  | { type: 'paged'; at: number; pageId: string; target: string }
  | { type: 'acknowledged'; at: number; pageId: string; by: string }
  /** `by` is the person who resolved it, or the alert source when the alert cleared (`auto`). */
  | { type: 'pageResolved'; at: number; pageId: string; by: string; auto: boolean }
  | { type: 'runbookRun'; at: number; by: string; runbook: string; outcome: string }
  /** A chat post that failed (or recovered): recorded, never blocking. */
  | { type: 'chatDelivery'; at: number; channel: string; ok: boolean; detail: string };

export function recordEvent(incident: Incident, event: IncidentEvent): IncidentChange {
  const b = new ChangeBuilder(incident);
  switch (event.type) {
    case 'alertFired':
      b.write('alertFired', event.at, event.source, `Alert fired: ${event.summary}`, { runbookUrl: event.runbookUrl ?? null });
      break;
    case 'alertResolved':
      b.write('alertResolved', event.at, event.source, `Alert resolved: ${event.summary}`);
      break;
    case 'paged':
      b.update({ pagedAt: incident.pagedAt ?? event.at });
      b.write('paged', event.at, 'sloop', `Paged ${event.target}`, { pageId: event.pageId, target: event.target });
      break;
    case 'acknowledged':
      b.update({ acknowledgedAt: incident.acknowledgedAt ?? event.at });
      b.participant(event.by);
      b.write('acknowledged', event.at, event.by, `${event.by} acknowledged the page`, { pageId: event.pageId });
      break;
    case 'pageResolved':
      if (!event.auto) b.participant(event.by);
      b.write('pageResolved', event.at, event.by, event.auto ? `Page ${event.pageId} closed: its alert resolved` : `${event.by} resolved page ${event.pageId}`, { pageId: event.pageId, auto: event.auto });
      break;
    case 'runbookRun':
      b.participant(event.by);
      b.write('runbookRun', event.at, event.by, `Ran runbook ${event.runbook}: ${event.outcome}`, { runbook: event.runbook, outcome: event.outcome });
      break;
    case 'chatDelivery':
      b.write('chatDelivery', event.at, 'sloop', event.ok ? `Posted to ${event.channel}` : `Could not post to ${event.channel}: ${event.detail}`, { channel: event.channel, ok: event.ok });
      break;
  }
  return b.done();
}
