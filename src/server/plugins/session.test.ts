import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startHarness, T0, type Harness } from '../../../test/server/support/harness.js';
import { parseCookies, SESSION_COOKIE } from './session.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

async function login(token: string, headers: Record<string, string> = {}) {
  const res = await h.inject({ method: 'POST', url: '/api/v1/session', payload: { token }, headers: { host: 'sloop.test', ...headers } });
  const setCookie = String(res.headers['set-cookie'] ?? '');
  const id = parseCookies(setCookie.split(';')[0]).get(SESSION_COOKIE) ?? '';
  return { res, setCookie, cookie: `${SESSION_COOKIE}=${id}`, csrf: res.statusCode === 200 ? (res.json().csrfToken as string) : '' };
}

const push = { samples: [{ timestamp: T0 - 60_000, good: 9, total: 10 }] };

describe('console sessions', () => {
  it('exchange a token for an HttpOnly, SameSite=Strict cookie that is Secure only over https', async () => {
    const plain = await login(h.tokens.read);
    expect(plain.res.statusCode).toBe(200);
    expect(plain.res.json()).toMatchObject({ name: 'test-read', scopes: ['read'] });
    expect(plain.setCookie).toMatch(/HttpOnly/);
    expect(plain.setCookie).toMatch(/SameSite=Strict/);
    expect(plain.setCookie).not.toMatch(/Secure/);
    expect(plain.setCookie).not.toContain(h.tokens.read);
    const tls = await login(h.tokens.read, { 'x-forwarded-proto': 'https' });
    expect(tls.setCookie).toMatch(/; Secure/);
  });

  it('authenticate reads with the cookie exactly like the bearer token', async () => {
    const { cookie } = await login(h.tokens.read);
    const viaCookie = await h.inject({ url: '/api/v1/slos', headers: { cookie } });
    const viaBearer = await h.inject({ url: '/api/v1/slos', headers: bearer(h.tokens.read) });
    expect(viaCookie.statusCode).toBe(200);
    expect(viaCookie.json()).toEqual(viaBearer.json());
    const me = await h.inject({ url: '/api/v1/session', headers: { cookie } });
    expect(me.json()).toMatchObject({ name: 'test-read', scopes: ['read'] });
    expect(typeof me.json().csrfToken).toBe('string');
  });

  it('refuse a bad token and an ingest-only token in words', async () => {
    const bad = await login('sloop_nope_wrong');
    expect(bad.res.statusCode).toBe(401);
    expect(bad.res.json().error.message).toContain('unknown or revoked');
    expect(bad.setCookie).toBe('');
    const ingest = await login(h.tokens.ingest);
    expect(ingest.res.statusCode).toBe(403);
    expect(ingest.res.json().error.message).toContain('the console needs read');
  });

  it('refuse a cookie-authenticated write without the CSRF header, with a wrong one, or from another origin', async () => {
    const { cookie, csrf } = await login(h.tokens.admin);
    const url = '/api/v1/slis/checkout-availability/events';
    const missing = await h.inject({ method: 'POST', url, payload: push, headers: { host: 'sloop.test', cookie } });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().error.message).toContain('x-csrf-token');
    const wrong = await h.inject({ method: 'POST', url, payload: push, headers: { host: 'sloop.test', cookie, 'x-csrf-token': 'guess' } });
    expect(wrong.statusCode).toBe(403);
    const foreign = await h.inject({ method: 'POST', url, payload: push, headers: { host: 'sloop.test', cookie, 'x-csrf-token': csrf, origin: 'https://evil.example' } });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.message).toContain('origin https://evil.example');
    const crossSite = await h.inject({ method: 'POST', url, payload: push, headers: { host: 'sloop.test', cookie, 'x-csrf-token': csrf, 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.statusCode).toBe(403);
    const ok = await h.inject({ method: 'POST', url, payload: push, headers: { host: 'sloop.test', cookie, 'x-csrf-token': csrf, origin: 'http://sloop.test' } });
    expect(ok.statusCode).toBe(200);
  });

  it('leave bearer-token writes unaffected by the CSRF checks', async () => {
    const res = await h.inject({ method: 'POST', url: '/api/v1/slis/checkout-availability/events', payload: push, headers: { ...bearer(h.tokens.ingest), origin: 'https://elsewhere.example' } });
    expect(res.statusCode).toBe(200);
  });

  it('keep the scopes of the token: a read session may not write', async () => {
    const { cookie, csrf } = await login(h.tokens.read);
    const res = await h.inject({ method: 'POST', url: '/api/v1/slis/checkout-availability/events', payload: push, headers: { host: 'sloop.test', cookie, 'x-csrf-token': csrf } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('"ingest" scope');
  });

  it('end when the token is revoked and on log-out', async () => {
    const created = await h.store.createToken({ name: 'short-lived', scopes: ['read'], now: h.clock.now });
    const revoked = await login(created.token);
    expect((await h.inject({ url: '/api/v1/slos', headers: { cookie: revoked.cookie } })).statusCode).toBe(200);
    await h.store.revokeToken(created.info.id, h.clock.now);
    const after = await h.inject({ url: '/api/v1/slos', headers: { cookie: revoked.cookie } });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.message).toContain('revoked');

    const { cookie, csrf } = await login(h.tokens.read);
    const refused = await h.inject({ method: 'DELETE', url: '/api/v1/session', headers: { host: 'sloop.test', cookie } });
    expect(refused.statusCode).toBe(403);
    const out = await h.inject({ method: 'DELETE', url: '/api/v1/session', headers: { host: 'sloop.test', cookie, 'x-csrf-token': csrf } });
    expect(out.json()).toEqual({ loggedOut: true });
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
    expect((await h.inject({ url: '/api/v1/slos', headers: { cookie } })).statusCode).toBe(401);
  });
});
