import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConflictError, InputError, NotAllowedError } from '../errors/index.js';
import { CONFIRM_TTL_MS, confirmSubscription, createSubscription, hashToken, newToken, subscribersFor, subscriptionLinks, unsubscribe } from './subscribers.js';

const NOW = Date.UTC(2026, 10, 27);
const components = ['login', 'checkout'];

function emailSub() {
  const confirmToken = newToken(randomBytes(32));
  const unsubscribeToken = newToken(randomBytes(32));
  const sub = createSubscription({ kind: 'email', target: 'Reader@Example.org', components: ['login'] }, { id: 'S-1', now: NOW, confirmToken, unsubscribeToken, knownComponents: components });
  return { sub, confirmToken, unsubscribeToken };
}

describe('status subscribers', () => {
  it('keeps an email subscription pending until confirmed, storing only token hashes', () => {
    const { sub, confirmToken, unsubscribeToken } = emailSub();
    expect(sub).toMatchObject({ state: 'pending', target: 'reader@example.org', confirmExpiresAt: NOW + CONFIRM_TTL_MS });
    expect(JSON.stringify(sub)).not.toContain(confirmToken);
    expect(JSON.stringify(sub)).not.toContain(unsubscribeToken);
    expect(sub.confirmTokenHash).toBe(hashToken(confirmToken));
    expect(subscribersFor([sub], ['login'])).toEqual([]);
    const active = confirmSubscription(sub, confirmToken, NOW + 1000);
    expect(active).toMatchObject({ state: 'active', confirmedAt: NOW + 1000, confirmTokenHash: null });
    expect(subscribersFor([active], ['login'])).toEqual([active]);
    expect(subscribersFor([active], ['checkout'])).toEqual([]);
  });

  it('refuses a wrong or expired confirmation token', () => {
    const { sub, confirmToken, unsubscribeToken } = emailSub();
    expect(() => confirmSubscription(sub, unsubscribeToken, NOW)).toThrow(NotAllowedError);
    expect(() => confirmSubscription(sub, undefined, NOW)).toThrow(NotAllowedError);
    expect(() => confirmSubscription(sub, confirmToken, NOW + CONFIRM_TTL_MS + 1)).toThrow(ConflictError);
  });

  it('unsubscribes with the unsubscribe token only, idempotently', () => {
    const { sub, confirmToken, unsubscribeToken } = emailSub();
    const active = confirmSubscription(sub, confirmToken, NOW);
    expect(() => unsubscribe(active, confirmToken, NOW)).toThrow(NotAllowedError);
    const gone = unsubscribe(active, unsubscribeToken, NOW + 5);
    expect(gone).toMatchObject({ state: 'unsubscribed', unsubscribedAt: NOW + 5 });
    expect(unsubscribe(gone, unsubscribeToken, NOW + 9)).toBe(gone);
    expect(() => confirmSubscription(gone, confirmToken, NOW)).toThrow(/subscribe again/);
  });

  it('activates webhooks at once and validates targets by field', () => {
    const hook = createSubscription({ kind: 'webhook', target: 'https://hooks.example.org/status' }, { id: 'S-2', now: NOW, confirmToken: 'a'.repeat(22), unsubscribeToken: 'b'.repeat(22), knownComponents: components });
    expect(hook.state).toBe('active');
    expect(subscribersFor([hook], ['anything'])).toEqual([hook]);
    try {
      createSubscription({ kind: 'email', target: 'not-an-address', components: ['nope'] }, { id: 'x', now: NOW, confirmToken: 'a', unsubscribeToken: 'b', knownComponents: components });
      expect.unreachable();
    } catch (err: unknown) {
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).problems.map((p) => p.path)).toEqual(['target', 'components[0]']);
    }
  });

  it('builds confirm and unsubscribe links and needs enough randomness for tokens', () => {
    expect(subscriptionLinks('https://status.example.com/', { id: 'S 1' }, { confirm: 'c-1', unsubscribe: 'u_2' })).toEqual({
      confirm: 'https://status.example.com/status/subscriptions/S%201/confirm?token=c-1',
      unsubscribe: 'https://status.example.com/status/subscriptions/S%201/unsubscribe?token=u_2',
    });
    expect(() => newToken(new Uint8Array(8))).toThrow(RangeError);
    expect(newToken(new Uint8Array(32).fill(255))).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
