/**
 * Microsoft Teams via a Workflows webhook ("When a Teams webhook request is received"), which
 * accepts Adaptive Cards only, inside the message envelope Alertmanager's msteamsv2 also uses.
 * The retired Office 365 connectors (MessageCard) are deliberately not supported.
 */
import { factsOf, safeUrl, titleOf } from '../message-facts.js';
import type { Notification } from '../notification.js';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export interface TeamsMessage {
  type: 'message';
  attachments: Array<{ contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE; contentUrl: null; content: Record<string, unknown> }>;
}

export function teamsMessage(n: Notification): TeamsMessage {
  const runbook = safeUrl(n.runbookUrl);
  const actions = [
    openUrl('Acknowledge', n.links.acknowledge),
    openUrl('Resolve', n.links.resolve),
    openUrl('Runbook', runbook),
    openUrl('Open page', n.links.page),
  ].filter((a) => a !== null && (n.status !== 'resolved' || a.title === 'Runbook' || a.title === 'Open page'));
  const content: Record<string, unknown> = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    msteams: { width: 'Full' },
    body: [
      { type: 'TextBlock', text: titleOf(n), size: 'Large', weight: 'Bolder', wrap: true, color: n.status === 'resolved' ? 'Good' : 'Attention' },
      { type: 'TextBlock', text: n.summary, wrap: true },
      { type: 'FactSet', facts: factsOf(n).map((f) => ({ title: f.name, value: f.value })) },
      { type: 'TextBlock', text: runbook ? `Runbook: ${runbook}` : 'No runbook is linked to this alert; add a runbook_url.', wrap: true, isSubtle: true },
    ],
    actions,
  };
  return { type: 'message', attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, contentUrl: null, content }] };
}

function openUrl(title: string, url: string | null | undefined): { type: 'Action.OpenUrl'; title: string; url: string } | null {
  const safe = safeUrl(url);
  return safe ? { type: 'Action.OpenUrl', title, url: safe } : null;
}
