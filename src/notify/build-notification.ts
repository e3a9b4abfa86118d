/** Builds the Notification for one planned delivery, with signed acknowledge/resolve links. */
import type { Page, PlannedDelivery } from '../oncall/escalation/index.js';
import { signActionLink } from './action-links.js';
import type { Notification, SloContext } from './notification.js';

export interface LinkSettings {
  /** The server's public base URL, e.g. `https://sloop.example.com`. */
  publicUrl: string;
  secret: string;
  /** How long acknowledge/resolve links work. */
  ttlMs: number;
}

export const DEFAULT_LINK_TTL_MS = 24 * 60 * 60 * 1000;

export function buildNotification(
  page: Page,
  delivery: Pick<PlannedDelivery, 'idempotencyKey' | 'step' | 'repeat' | 'personId'>,
  links: LinkSettings,
  now: number,
  extra: { recipientName?: string; slo?: SloContext } = {},
): Notification {
  const base = links.publicUrl.replace(/\/+$/, '');
  const expiresAt = now + links.ttlMs;
  const notification: Notification = {
    idempotencyKey: delivery.idempotencyKey,
    pageId: page.id,
    status: page.status,
    summary: page.alert.summary,
    severity: page.alert.labels.severity ?? 'page',
    source: page.alert.source,
    labels: page.alert.labels,
    runbookUrl: page.alert.runbookUrl,
    links: {
      acknowledge: base + signActionLink({ pageId: page.id, action: 'acknowledge', expiresAt }, links.secret),
      resolve: base + signActionLink({ pageId: page.id, action: 'resolve', expiresAt }, links.secret),
      page: `${base}/pages/${encodeURIComponent(page.id)}`,
    },
    escalation: { policy: page.policy, step: delivery.step, repeat: delivery.repeat },
    recipient: { personId: delivery.personId },
    createdAt: now,
  };
  if (extra.recipientName) notification.recipient.name = extra.recipientName;
  if (extra.slo) notification.slo = extra.slo;
  return notification;
}
