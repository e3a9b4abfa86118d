/**
 * The email body, as plain text and HTML. Every value from an alert is HTML-escaped (alert
 * labels and summaries come from outside and could carry markup), and only http(s) links
 * become anchors.
 */
import { factsOf, safeUrl, titleOf } from '../message-facts.js';
import type { Notification } from '../notification.js';

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** Subjects are one line: a newline in an alert summary must not start a new header. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').trim();
}

export function emailContent(n: Notification): EmailContent {
  const subject = oneLine(`[sloop] ${titleOf(n)}`).slice(0, 250);
  const facts = factsOf(n);
  const runbook = safeUrl(n.runbookUrl);
  const links = [
    ['Acknowledge', safeUrl(n.links.acknowledge)],
    ['Resolve', safeUrl(n.links.resolve)],
    ['Open page', safeUrl(n.links.page)],
  ].filter((l): l is [string, string] => l[1] !== null && (n.status !== 'resolved' || l[0] === 'Open page'));

  const text = [
    titleOf(n),
    '',
    n.summary,
    '',
    ...facts.map((f) => `${f.name}: ${f.value}`),
    '',
    runbook ? `Runbook: ${runbook}` : 'Runbook: none linked; add a runbook_url to this alert.',
    ...links.map(([label, url]) => `${label}: ${url}`),
    '',
    `Sent by sloop to ${n.recipient.name ?? n.recipient.personId}.`,
  ].join('\n');

  const rows = facts.map((f) => `<tr><th align="left">${escapeHtml(f.name)}</th><td>${escapeHtml(f.value)}</td></tr>`).join('');
  const anchor = (label: string, url: string) => `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`;
  const html = [
    '<!doctype html><html><body>',
    `<h2>${escapeHtml(titleOf(n))}</h2>`,
    `<p>${escapeHtml(n.summary)}</p>`,
    `<table>${rows}</table>`,
    runbook ? `<p>Runbook: ${anchor(runbook, runbook)}</p>` : '<p>Runbook: none linked; add a runbook_url to this alert.</p>',
    links.length > 0 ? `<p>${links.map(([label, url]) => anchor(label, url)).join(' | ')}</p>` : '',
    `<p><small>Sent by sloop to ${escapeHtml(n.recipient.name ?? n.recipient.personId)}.</small></p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}
