import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhookBody, verifySignature } from './signature.js';

const SECRET = 'whsec-test';
const NOW = Date.UTC(2026, 10, 27, 9, 0, 30);
const BODY = '{"pageId":"p1"}';

describe('webhook signatures', () => {
  it('signs t.body with HMAC-SHA256 as documented', () => {
    const t = Math.floor(NOW / 1000);
    const hex = createHmac('sha256', SECRET).update(`${t}.${BODY}`).digest('hex');
    expect(signWebhookBody(BODY, SECRET, NOW)).toBe(`t=${t},v1=${hex}`);
  });

  it('verifies its own signature within the tolerance', () => {
    const header = signWebhookBody(BODY, SECRET, NOW);
    expect(verifySignature(BODY, header, SECRET, NOW + 299_000, 300)).toEqual({ ok: true, timestamp: Math.floor(NOW / 1000) });
  });

  it('rejects a changed body, a wrong secret, an old timestamp and a missing header', () => {
    const header = signWebhookBody(BODY, SECRET, NOW);
    expect(verifySignature(BODY + ' ', header, SECRET, NOW)).toEqual({ ok: false, reason: 'signature does not match the body; check the shared secret' });
    expect(verifySignature(BODY, header, 'other', NOW).ok).toBe(false);
    expect(verifySignature(BODY, header, SECRET, NOW + 301_000, 300)).toEqual({ ok: false, reason: "signature timestamp is more than 300s from now; check the sender's clock or resend" });
    expect(verifySignature(BODY, undefined, SECRET, NOW)).toEqual({ ok: false, reason: 'missing X-Sloop-Signature header' });
    expect(verifySignature(BODY, 'v1=abc', SECRET, NOW).ok).toBe(false);
  });

  it('accepts any one of several v1 signatures while a secret is rotated', () => {
    const t = Math.floor(NOW / 1000);
    const fresh = signWebhookBody(BODY, 'new-secret', NOW).split('v1=')[1];
    const old = signWebhookBody(BODY, SECRET, NOW).split('v1=')[1];
    expect(verifySignature(BODY, `t=${t},v1=${fresh},v1=${old}`, SECRET, NOW).ok).toBe(true);
  });
});
