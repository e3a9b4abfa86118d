/**
 * One PagerDuty Events API v2 event -> one InboundAlert. The sender's `dedup_key` is the page
 * key; a trigger without one gets a generated key, returned to the sender exactly as PagerDuty
 * does so it can acknowledge and resolve later. Key generation is injected to keep this pure.
 */
import { intakeKey } from '../keys.js';
import type { InboundAlert, InboundStatus, Integration } from '../model.js';
import type { ParseResult } from '../parse-result.js';
import { parseTimestamp } from '../time.js';
import { MAX_SUMMARY_LENGTH, pagerDutyEventSchema, type PagerDutyEventInput } from './schema.js';

export interface PagerDutyEvent {
  action: 'trigger' | 'acknowledge' | 'resolve';
  /** The sender's dedup_key, or the generated one for a trigger without it. */
  dedupKey: string;
  routingKey: string;
  alert: InboundAlert;
}

export interface PagerDutyParseOptions {
  now: number;
  /** Makes a dedup_key for a trigger that has none (PagerDuty returns a 32-character hex key). */
  newDedupKey: () => string;
}

/** PagerDuty reports problems as a list of sentences rather than field paths. */
export type PagerDutyParseResult = { ok: true; value: PagerDutyEvent } | { ok: false; errors: string[] };

const STATUS_BY_ACTION: Record<PagerDutyEvent['action'], InboundStatus> = { trigger: 'firing', acknowledge: 'acknowledged', resolve: 'resolved' };

export function parsePagerDutyEvent(body: unknown, integration: Pick<Integration, 'type' | 'name'>, options: PagerDutyParseOptions): PagerDutyParseResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, errors: ['Event object must be a JSON object'] };
  const parsed = pagerDutyEventSchema.safeParse(body);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((issue) => issue.message) };
  const event = parsed.data;
  const dedupKey = event.dedup_key || options.newDedupKey();
  const labels = labelsOf(event);
  const key = intakeKey(integration, dedupKey, labels);
  const alert: InboundAlert = {
    source: 'pagerduty',
    integration: integration.name,
    dedupKey: key,
    groupKey: key,
    status: STATUS_BY_ACTION[event.event_action],
    labels,
    annotations: annotationsOf(event),
    summary: event.payload?.summary.slice(0, MAX_SUMMARY_LENGTH) ?? `${event.event_action} ${dedupKey}`,
    severity: event.payload?.severity ?? null,
    startsAt: parseTimestamp(event.payload?.timestamp) ?? options.now,
    endsAt: event.event_action === 'resolve' ? options.now : null,
    runbookUrl: runbookOf(event),
    raw: body,
  };
  return { ok: true, value: { action: event.event_action, dedupKey, routingKey: event.routing_key, alert } };
}

function labelsOf(event: PagerDutyEventInput): Record<string, string> {
  const labels: Record<string, string> = {};
  const p = event.payload;
  if (!p) return labels;
  labels.source = p.source;
  labels.severity = p.severity;
  if (p.component) labels.component = p.component;
  if (p.group) labels.group = p.group;
  if (p.class) labels.class = p.class;
  return labels;
}

/** custom_details become annotations: strings as they are, anything else as JSON. */
function annotationsOf(event: PagerDutyEventInput): Record<string, string> {
  const annotations: Record<string, string> = {};
  const details = event.payload?.custom_details;
  if (details !== undefined && details !== null) {
    if (typeof details === 'object' && !Array.isArray(details)) {
      for (const [name, value] of Object.entries(details)) annotations[name] = typeof value === 'string' ? value : JSON.stringify(value);
    } else {
      annotations.custom_details = typeof details === 'string' ? details : JSON.stringify(details);
    }
  }
  if (event.client) annotations.client = event.client;
  if (event.client_url) annotations.client_url = event.client_url;
  event.links.forEach((link, i) => (annotations[`link_${i}`] = link.text ? `${link.text} <${link.href}>` : link.href));
  return annotations;
}

/** PagerDuty has no runbook field: `custom_details.runbook_url`, else a link whose text mentions a runbook. */
function runbookOf(event: PagerDutyEventInput): string | null {
  const details = event.payload?.custom_details;
  if (typeof details === 'object' && details !== null && 'runbook_url' in details) {
    const url = (details as { runbook_url: unknown }).runbook_url;
    if (typeof url === 'string' && url !== '') return url;
  }
  return event.links.find((link) => /runbook/i.test(link.text ?? ''))?.href ?? null;
}
