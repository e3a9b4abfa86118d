import { describe, expect, it } from 'vitest';
import { ACTION_LINK_PATH, signActionLink, verifyActionLink } from './action-links.js';

const SECRET = 'a-long-enough-test-secret';
const NOW = Date.UTC(2026, 10, 27, 9, 0);

describe('signed action links', () => {
  const link = signActionLink({ pageId: 'p-42', action: 'acknowledge', expiresAt: NOW + 3_600_000 }, SECRET);

  it('round-trips page id, action and expiry through the path, a full URL or the bare token', () => {
    expect(link.startsWith(ACTION_LINK_PATH)).toBe(true);
    const expected = { ok: true, pageId: 'p-42', action: 'acknowledge', expiresAt: NOW + 3_600_000 };
    expect(verifyActionLink(link, SECRET, NOW)).toEqual(expected);
    expect(verifyActionLink(`https://sloop.example${link}`, SECRET, NOW)).toEqual(expected);
    expect(verifyActionLink(link.slice(ACTION_LINK_PATH.length), SECRET, NOW)).toEqual(expected);
  });

  it('rejects a link signed with another secret', () => {
    expect(verifyActionLink(link, 'another-secret-of-length', NOW)).toMatchObject({ ok: false, reason: 'badSignature' });
  });

  it('rejects a link whose claims were edited (resolve instead of acknowledge)', () => {
    const [payload, signature] = link.slice(ACTION_LINK_PATH.length).split('.');
    const forged = Buffer.from(JSON.stringify(['p-42', 'resolve', NOW + 3_600_000])).toString('base64url');
    expect(forged).not.toBe(payload);
    expect(verifyActionLink(`${forged}.${signature}`, SECRET, NOW)).toMatchObject({ ok: false, reason: 'badSignature' });
  });

  it('rejects an expired link and says when it expired', () => {
    expect(verifyActionLink(link, SECRET, NOW + 3_600_001)).toEqual({
      ok: false,
      reason: 'expired',
      message: 'this link expired at 2026-11-27T10:00:00.000Z; open the page in sloop or use the CLI',
    });
  });

  it('rejects damaged tokens', () => {
    for (const bad of ['', 'abc', 'a.b.c', `${link}x`.replace(/\.[^.]*$/, '.')]) {
      expect(verifyActionLink(bad, SECRET, NOW).ok).toBe(false);
    }
  });

  it('refuses a short secret', () => {
    expect(() => signActionLink({ pageId: 'p', action: 'resolve', expiresAt: NOW }, 'short')).toThrow(/at least 16 characters/);
  });
});
