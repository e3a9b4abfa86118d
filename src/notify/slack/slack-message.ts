/**
 * Slack incoming-webhook message in Block Kit. Limits that matter: header text <= 150 chars,
 * section text <= 3000, <= 10 fields per section, <= 50 blocks. `text` is the fallback shown in
 * notifications and to screen readers. Slack mrkdwn needs &, < and > escaped.
 */
import { factsOf, safeUrl, titleOf } from '../message-facts.js';
import type { Notification } from '../notification.js';

export interface SlackMessage {
  text: string;
  blocks: unknown[];
}

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function slackMessage(n: Notification): SlackMessage {
  const title = titleOf(n);
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(title, 150), emoji: false } },
    { type: 'section', text: { type: 'mrkdwn', text: truncate(escapeMrkdwn(n.summary), 3000) } },
    {
      type: 'section',
      fields: factsOf(n).slice(0, 10).map((f) => ({ type: 'mrkdwn', text: truncate(`*${escapeMrkdwn(f.name)}*\n${escapeMrkdwn(f.value)}`, 2000) })),
    },
  ];
  const runbook = safeUrl(n.runbookUrl);
  blocks.push({
    type: 'section',
    text: { type: 'mrkdwn', text: runbook ? `*Runbook:* <${runbook}|${escapeMrkdwn(runbook)}>` : '*Runbook:* none linked. Add a `runbook_url` to this alert.' },
  });
  const buttons = [
    button('Acknowledge', n.links.acknowledge, 'primary', 'acknowledge'),
    button('Resolve', n.links.resolve, undefined, 'resolve'),
    button('Runbook', runbook, undefined, 'runbook'),
    button('Open page', n.links.page, undefined, 'open'),
  ].filter((b) => b !== null);
  if (n.status !== 'resolved' && buttons.length > 0) blocks.push({ type: 'actions', elements: buttons });
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(`sloop page ${n.pageId} · from ${n.source} · to ${n.recipient.name ?? n.recipient.personId}`) }] });
  return { text: title, blocks };
}

function button(text: string, url: string | null | undefined, style: 'primary' | undefined, actionId: string): Record<string, unknown> | null {
  const safe = safeUrl(url);
  if (!safe) return null;
  const b: Record<string, unknown> = { type: 'button', text: { type: 'plain_text', text }, url: safe, action_id: actionId };
  if (style) b.style = style;
  return b;
}
