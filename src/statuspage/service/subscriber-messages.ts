/**
 * The words subscribers receive: the confirmation email (double opt-in) and one message per
 * status change, as email (text + HTML) and as a webhook JSON body. Every message carries the
 * unsubscribe link. Pure; built only from public page fields.
 */
import { escapeHtml as e } from '../../incidents/html-escape.js';
import type { StatusChange } from './changes.js';

export interface EmailText {
  subject: string;
  text: string;
  html: string;
}

export const STATUS_WEBHOOK_VERSION = '1';

function html(paragraphs: string[], links: Array<[string, string]>): string {
  const body = paragraphs.map((p) => `<p>${e(p).replace(/\n/g, '<br>')}</p>`).join('\n');
  const anchors = links.map(([label, href]) => `<p><a href="${e(href)}">${e(label)}</a></p>`).join('\n');
  return `<!doctype html><html><body>\n${body}\n${anchors}\n</body></html>\n`;
}

export function confirmationEmail(pageTitle: string, urls: { confirm: string; unsubscribe: string }): EmailText {
  const intro = `Someone (hopefully you) asked to receive status updates from ${pageTitle} at this address.`;
  const action = 'Confirm the subscription with the link below. If you did not ask for this, ignore this email: nothing will be sent without confirmation.';
  return {
    subject: `Confirm your subscription to ${pageTitle}`,
    text: `${intro}\n\n${action}\n\nConfirm: ${urls.confirm}\n\nCancel: ${urls.unsubscribe}\n`,
    html: html([intro, action], [['Confirm subscription', urls.confirm], ['Cancel', urls.unsubscribe]]),
  };
}

export function changeEmail(change: StatusChange, page: { title: string; url: string | null }, unsubscribeUrl: string): EmailText {
  const more = page.url ? `Current status: ${page.url}` : '';
  return {
    subject: `[${page.title}] ${change.subject}`,
    text: `${change.text}\n\n${more}\n\nUnsubscribe: ${unsubscribeUrl}\n`,
    html: html([change.text], [...(page.url ? [['Current status', page.url] as [string, string]] : []), ['Unsubscribe', unsubscribeUrl]]),
  };
}

export function changeWebhookBody(change: StatusChange, page: { title: string; url: string | null; overall: { status: string; label: string } }, unsubscribeUrl: string): string {
  return JSON.stringify({
    version: STATUS_WEBHOOK_VERSION,
    type: `status.${change.kind}`,
    id: change.key,
    at: new Date(change.at).toISOString(),
    page: { name: page.title, url: page.url, status: page.overall.status, description: page.overall.label },
    components: change.components,
    subject: change.subject,
    text: change.text,
    unsubscribe: unsubscribeUrl,
  });
}
