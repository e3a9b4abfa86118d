/**
 * Declaring an incident, by hand or from a page. From a page, the alert firing, the page and
 * its acknowledgement are written to the timeline at their own times, so detection and
 * acknowledgement times come out right even when the incident is declared later.
 */
import { findSeverity, type IncidentsConfig } from './config.js';
import { INCIDENT_STATUSES, type Incident, type IncidentChange, type IncidentStatus } from './model.js';
import { roleNotices } from './roles.js';
import { ChangeBuilder } from './timeline.js';
import { FieldChecks } from './validate.js';

/** The parts of an on-call page an incident needs (see Page in src/oncall/escalation). */
export interface PageFacts {
  pageId: string;
  /** Alert source: `slo`, `alertmanager`, ... */
  source: string;
  summary: string;
  triggeredAt: number;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
  runbookUrl: string | null;
}

export interface DeclareInput {
  title: unknown;
  severity: unknown;
  status?: unknown;
  services?: unknown;
  journeys?: unknown;
  slos?: unknown;
  customerSummary?: unknown;
  /** When impact began, if earlier than now. */
  startedAt?: unknown;
  page?: PageFacts;
}

export interface DeclareContext {
  id: string;
  now: number;
  /** Person declaring (or `sloop` for automation). */
  by: string;
  config: IncidentsConfig;
}

export const TITLE_MAX = 200;
export const SUMMARY_MAX = 2000;

export function declareIncident(input: DeclareInput, ctx: DeclareContext): IncidentChange {
  const c = new FieldChecks();
  const title = c.text('title', input.title, TITLE_MAX, 'incident title');
  const severity = c.oneOf('severity', input.severity, ctx.config.severities.map((s) => s.id), 'severity');
  const status: IncidentStatus = input.status === undefined ? 'investigating' : c.oneOf('status', input.status, INCIDENT_STATUSES.filter((s) => s !== 'resolved'), 'status for a new incident');
  const services = c.names('services', input.services, 'service');
  const journeys = c.names('journeys', input.journeys, 'journey');
  const slos = c.names('slos', input.slos, 'SLO');
  const customerSummary = c.optionalText('customerSummary', input.customerSummary, SUMMARY_MAX, 'customer-facing summary') ?? '';
  const page = input.page;
  const startedAt = input.startedAt === undefined ? Math.min(page?.triggeredAt ?? ctx.now, ctx.now) : c.time('startedAt', input.startedAt, 'when impact began');
  if (startedAt > ctx.now) c.add('startedAt', 'is in the future; give the time impact began');
  if (typeof ctx.by !== 'string' || ctx.by.trim() === '') c.add('by', 'is required; name who declares the incident');
  c.throwIfAny('incident');

  const incident: Incident = {
    id: ctx.id,
    title,
    severity,
    status,
    services,
    journeys,
    slos,
    customerSummary,
    source: page ? { type: 'page', pageId: page.pageId } : { type: 'manual' },
    declaredAt: ctx.now,
    declaredBy: ctx.by,
    startedAt,
    pagedAt: page ? page.triggeredAt : null,
    acknowledgedAt: page?.acknowledgedAt ?? null,
    mitigatedAt: null,
    resolvedAt: null,
    roles: {},
    participants: [],
    publicUpdates: [],
    componentOverrides: {},
    timelineSeq: 1,
    version: 0,
  };
  const b = new ChangeBuilder(incident);
  if (page) {
    b.write('alertFired', page.triggeredAt, page.source, `Alert fired: ${page.summary}`, { pageId: page.pageId, runbookUrl: page.runbookUrl });
    b.write('paged', page.triggeredAt, 'sloop', `Paged on-call (page ${page.pageId})`, { pageId: page.pageId });
    if (page.acknowledgedAt !== null) {
      const who = page.acknowledgedBy ?? 'unknown';
      b.write('acknowledged', page.acknowledgedAt, who, `${who} acknowledged the page`, { pageId: page.pageId });
      b.participant(who);
    }
  }
  b.participant(ctx.by);
  const sev = findSeverity(ctx.config, severity);
  b.write('declared', ctx.now, ctx.by, `Incident declared: ${title} (${severity})`, { severity, status }, true);
  for (const n of roleNotices(b.incident, ctx.config)) b.notice(n);
  if (sev?.requiresStatusPageUpdate) b.notice(`${severity} requires a status-page update; the Communications lead should post one.`);
  return b.done();
}
