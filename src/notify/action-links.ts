/**
 * Signed acknowledge/resolve links for notifications. The token carries the page id, the
 * action and an expiry, signed with HMAC-SHA256; verification is constant-time and checks the
 * expiry against an injected `now`. The server mounts `ACTION_LINK_PATH` (GET should show a
 * confirmation page and POST perform the action, because mail scanners follow GET links).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type PageLinkAction = 'acknowledge' | 'resolve';

export interface ActionLinkClaims {
  pageId: string;
  action: PageLinkAction;
  /** Epoch milliseconds after which the link stops working. */
  expiresAt: number;
}

export const ACTION_LINK_PATH = '/api/v1/page-actions/';

export type ActionLinkVerification =
  | ({ ok: true } & ActionLinkClaims)
  | { ok: false; reason: 'malformed' | 'badSignature' | 'expired'; message: string };

/** Returns `/api/v1/page-actions/<token>`; prefix it with the server's public URL. */
export function signActionLink(claims: ActionLinkClaims, secret: string): string {
  requireSecret(secret);
  const payload = Buffer.from(JSON.stringify([claims.pageId, claims.action, claims.expiresAt])).toString('base64url');
  return `${ACTION_LINK_PATH}${payload}.${mac(payload, secret)}`;
}

/** Accepts the path, a full URL, or the bare token. */
export function verifyActionLink(link: string, secret: string, nowMs: number): ActionLinkVerification {
  requireSecret(secret);
  const token = link.slice(link.lastIndexOf('/') + 1).split(/[?#]/)[0];
  const [payload, signature, ...rest] = token.split('.');
  const malformed = { ok: false, reason: 'malformed', message: 'this link is damaged; copy the whole link from the notification' } as const;
  if (!payload || !signature || rest.length > 0) return malformed;
  const expected = Buffer.from(mac(payload, secret), 'base64url');
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'badSignature', message: 'this link was not issued by this sloop server (or its secret changed); open the page in sloop instead' };
  }
  const claims = decodeClaims(payload);
  if (!claims) return malformed;
  if (nowMs > claims.expiresAt) {
    return { ok: false, reason: 'expired', message: `this link expired at ${new Date(claims.expiresAt).toISOString()}; open the page in sloop or use the CLI` };
  }
  return { ok: true, ...claims };
}

function decodeClaims(payload: string): ActionLinkClaims | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 3) return null;
    const [pageId, action, expiresAt] = value as unknown[];
    if (typeof pageId !== 'string' || (action !== 'acknowledge' && action !== 'resolve') || typeof expiresAt !== 'number') return null;
    return { pageId, action, expiresAt };
  } catch {
    return null;
  }
}

function mac(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(`sloop-action-link.${payload}`).digest('base64url');
}

function requireSecret(secret: string): void {
  if (secret.length < 16) throw new RangeError('the action-link secret must be at least 16 characters; generate one with `openssl rand -hex 32`');
}
