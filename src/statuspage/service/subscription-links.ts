/**
 * Tokens in subscription links. A link token is `<subscription id>.<secret>`: the id finds
 * the row, the secret is checked against the stored SHA-256 hash (subscribers.ts). The
 * confirmation secret is random and sent once. The unsubscribe secret is an HMAC of the id
 * under a server key, so every message can carry a working unsubscribe link although only
 * its hash is stored. Subscription ids (`SUB-<n>`) and base64url contain no `.`.
 */
import { createHmac } from 'node:crypto';

export function linkToken(id: string, secret: string): string {
  return `${id}.${secret}`;
}

export function splitLinkToken(token: unknown): { id: string; secret: string } | null {
  if (typeof token !== 'string' || token.length > 300) return null;
  const dot = token.indexOf('.');
  if (dot <= 0 || dot === token.length - 1) return null;
  return { id: token.slice(0, dot), secret: token.slice(dot + 1) };
}

export function unsubscribeSecret(serverKey: string, subscriptionId: string): string {
  return createHmac('sha256', serverKey).update(`status-unsubscribe:${subscriptionId}`).digest('base64url');
}

export interface SubscriptionUrls {
  confirm: string | null;
  unsubscribe: string;
}

export function subscriptionUrls(baseUrl: string, id: string, secrets: { confirm?: string; unsubscribe: string }): SubscriptionUrls {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    confirm: secrets.confirm ? `${base}/status/subscriptions/confirm?token=${encodeURIComponent(linkToken(id, secrets.confirm))}` : null,
    unsubscribe: `${base}/status/unsubscribe?token=${encodeURIComponent(linkToken(id, secrets.unsubscribe))}`,
  };
}
