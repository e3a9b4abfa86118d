/** Generic webhook: the Notification as JSON, signed with the contact method's secret when it has one. */
import type { ChannelPolicies } from '../channel-policies.js';
import { originOf, postJson } from '../http-post.js';
import type { Notification, Notifier } from '../notification.js';
import { runDelivery } from '../run-delivery.js';
import { SIGNATURE_HEADER, signWebhookBody } from './signature.js';

export const WEBHOOK_PAYLOAD_VERSION = '1';

export interface WebhookDestination {
  url: string;
  secret?: string;
}

export function webhookPayload(notification: Notification): string {
  return JSON.stringify({ version: WEBHOOK_PAYLOAD_VERSION, type: `page.${notification.status}`, ...notification });
}

export function createWebhookNotifier(destination: WebhookDestination, policies: ChannelPolicies, clock: () => number = Date.now): Notifier {
  const origin = originOf(destination.url);
  const policy = policies.for(`webhook ${origin}`);
  return {
    channel: 'webhook',
    destination: origin,
    send(notification, signal) {
      const body = webhookPayload(notification);
      return runDelivery('webhook', origin, policy, (attemptSignal) => {
        // Signed per attempt so a retry after a long backoff is not rejected as too old.
        const headers: Record<string, string> = { 'Idempotency-Key': notification.idempotencyKey, 'X-Sloop-Delivery': notification.idempotencyKey };
        if (destination.secret) headers[SIGNATURE_HEADER] = signWebhookBody(body, destination.secret, clock());
        return postJson(destination.url, body, headers, attemptSignal);
      }, signal);
    },
  };
}
