/**
 * What sloop posts to the incident's chat channel after a change: severity, status, roles,
 * the status page link and what just happened. Pure builders for Slack (incoming-webhook JSON
 * with mrkdwn escaped) and Teams (an Adaptive Card message); the sending, with timeouts and
 * retries, belongs to the notify layer, and a failure is recorded with
 * recordEvent({ type: 'chatDelivery', ok: false }) without blocking the incident.
 */
import type { ChatSettings } from './config.js';
import { ROLE_TITLES, INCIDENT_ROLES, type Incident, type TimelineEntry } from './model.js';

export interface IncidentChatMessage {
  title: string;
  lines: string[];
  statusPageUrl: string | null;
  /** Stable per change (incident id + last entry id), so a retried post can be dropped as a repeat. */
  idempotencyKey: string;
}

/** A message for the entries one change wrote; declaration posts the full picture. */
export function incidentChatMessage(incident: Incident, entries: readonly TimelineEntry[], chat: Pick<ChatSettings, 'statusPageUrl'>): IncidentChatMessage {
  const declared = entries.some((e) => e.kind === 'declared');
  const roles = INCIDENT_ROLES.filter((r) => incident.roles[r] !== undefined).map((r) => `${ROLE_TITLES[r]}: ${incident.roles[r]}`);
  const lines = [
    `Severity ${incident.severity} · status ${incident.status}`,
    ...(incident.services.length > 0 ? [`Services: ${incident.services.join(', ')}`] : []),
    roles.length > 0 ? roles.join(' · ') : 'No roles assigned yet',
    // A chat post is internal, so notes may be included; the status page never shows them.
    ...entries.filter((e) => e.kind !== 'declared' && e.kind !== 'chatDelivery').map((e) => e.message),
  ];
  const last = entries[entries.length - 1];
  return {
    title: `${declared ? 'Incident declared' : incident.status === 'resolved' ? 'Incident resolved' : 'Incident update'}: ${incident.id} ${incident.title}`,
    lines,
    statusPageUrl: chat.statusPageUrl,
    idempotencyKey: `${incident.id}:${last?.id ?? incident.version}`,
  };
}

/** Slack mrkdwn treats &, < and > as control characters. */
function slackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function slackPayload(msg: IncidentChatMessage): { text: string; blocks: unknown[] } {
  const body = msg.lines.map(slackText).join('\n');
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: msg.title.slice(0, 150) } },
    { type: 'section', text: { type: 'mrkdwn', text: body } },
  ];
  if (msg.statusPageUrl) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `<${msg.statusPageUrl}|Status page>` }] });
  return { text: `${slackText(msg.title)}\n${body}`, blocks };
}

export function teamsPayload(msg: IncidentChatMessage): { type: 'message'; attachments: unknown[] } {
  const card = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    body: [{ type: 'TextBlock', size: 'Medium', weight: 'Bolder', wrap: true, text: msg.title }, ...msg.lines.map((text) => ({ type: 'TextBlock', wrap: true, text }))],
    actions: msg.statusPageUrl ? [{ type: 'Action.OpenUrl', title: 'Status page', url: msg.statusPageUrl }] : [],
  };
  return { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] };
}
