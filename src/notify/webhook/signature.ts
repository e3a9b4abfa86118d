/**
 * `X-Sloop-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "${t}.${body}">`, the Stripe
 * scheme: the timestamp inside the signed text stops replays beyond the tolerance, and several
 * `v1=` values may appear while a secret is rotated. Also used for inbound generic webhooks.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Sloop-Signature';
export const DEFAULT_TOLERANCE_SEC = 300;

export function signatureFor(body: string, secret: string, unixSeconds: number): string {
  return createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
}

/** The header value for `body` signed at `nowMs`. */
export function signWebhookBody(body: string, secret: string, nowMs: number): string {
  const t = Math.floor(nowMs / 1000);
  return `t=${t},v1=${signatureFor(body, secret, t)}`;
}

export type SignatureVerification = { ok: true; timestamp: number } | { ok: false; reason: string };

/** Checks `header` against the raw request body (the exact bytes, before any JSON parsing). */
export function verifySignature(body: string, header: string | undefined, secret: string, nowMs: number, toleranceSec = DEFAULT_TOLERANCE_SEC): SignatureVerification {
  if (!header) return { ok: false, reason: `missing ${SIGNATURE_HEADER} header` };
  const parts = header.split(',').map((p) => p.trim().split('='));
  const t = Number(parts.find(([k]) => k === 't')?.[1]);
  const candidates = parts.filter(([k, v]) => k === 'v1' && v !== undefined).map(([, v]) => v);
  if (!Number.isInteger(t) || candidates.length === 0) {
    return { ok: false, reason: `malformed ${SIGNATURE_HEADER} header; expected t=<unix seconds>,v1=<hex>` };
  }
  if (Math.abs(nowMs / 1000 - t) > toleranceSec) {
    return { ok: false, reason: `signature timestamp is more than ${toleranceSec}s from now; check the sender's clock or resend` };
  }
  const expected = Buffer.from(signatureFor(body, secret, t), 'hex');
  const matches = candidates.some((candidate) => {
    const given = Buffer.from(candidate, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? { ok: true, timestamp: t } : { ok: false, reason: 'signature does not match the body; check the shared secret' };
}
