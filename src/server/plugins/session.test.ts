import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, execOnDatabase } from '../../../test/support/postgres.js';
import { bearer, startHarness, T0, type Harness } from '../../../test/server/support/harness.js';
import { loadConfig } from '../../slo/spec/index.js';
import { openStore, SQLITE_FILE_NAME, type Store } from '../../store/index.js';
import { createRuntime, type SloopRuntime } from '../runtime.js';
import { parseCookies, SESSION_COOKIE } from './session.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

type Inject = Harness['inject'];

async function login(token: string, headers: Record<string, string> = {}, inject: Inject = h.inject) {
  const res = await inject({ method: 'POST', url: '/api/v1/session', payload: { token }, headers: { host: 'sloop.test', ...headers } });
  const setCookie = String(res.headers['set-cookie'] ?? '');
  const id = parseCookies(setCookie.split(';')[0]).get(SESSION_COOKIE) ?? '';
  return { res, setCookie, id, cookie: `${SESSION_COOKIE}=${id}`, csrf: res.statusCode === 200 ? (res.json().csrfToken as string) : '' };
}

/** Another sloop server (its own store instance and runtime) on the data of `on`, sharing its clock. */
async function secondServer(on: Harness, store: Store): Promise<{ runtime: SloopRuntime; inject: Inject; close(): Promise<void> }> {
  const runtime = await createRuntime({ store, configPaths: [on.configFile], loadConfig, version: 'test', now: () => on.clock.now });
  return {
    runtime,
    inject: runtime.app.inject.bind(runtime.app) as Inject,
    async close() {
      await runtime.stop();
      await store.close();
    },
  };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const tokenSecret = (token: string) => token.split('_').slice(2).join('_');

/** The raw console_sessions rows must hold neither the cookie, nor the CSRF token, nor any part of the API token's secret. */
function expectNoPlaintext(rows: unknown[], session: { id: string; csrf: string }, token: string): void {
  const raw = JSON.stringify(rows);
  expect(rows.length).toBeGreaterThan(0);
  expect(raw).toContain(sha256(session.id));
  for (const secret of [session.id, session.csrf, token, tokenSecret(token)]) expect(raw).not.toContain(secret);
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

  it('refuse an expired session in words, and answer the same CSRF token after a page reload', async () => {
    const session = await login(h.tokens.read);
    const me = await h.inject({ url: '/api/v1/session', headers: { cookie: session.cookie } });
    expect(me.json()).toMatchObject({ csrfToken: session.csrf, expiresAt: session.res.json().expiresAt });
    const start = h.clock.now;
    try {
      h.clock.now = session.res.json().expiresAt as number;
      const expired = await h.inject({ url: '/api/v1/slos', headers: { cookie: session.cookie } });
      expect(expired.statusCode).toBe(401);
      expect(expired.json().error.message).toContain('session expired');
    } finally {
      h.clock.now = start;
    }
  });

  it('keep only hashes in the store, and delete the row when the token is found revoked', async () => {
    const created = await h.store.createToken({ name: 'row-check', scopes: ['write'], now: h.clock.now });
    const session = await login(created.token);
    const file = new Database(join(h.dir, 'data', SQLITE_FILE_NAME), { readonly: true });
    const rows = () => file.prepare('select * from console_sessions where token_id = ?').all(created.info.id);
    try {
      expect(rows()).toEqual([{ id_hash: sha256(session.id), token_id: created.info.id, created_at: h.clock.now, expires_at: session.res.json().expiresAt }]);
      expectNoPlaintext(rows(), session, created.token);
      await h.store.revokeToken(created.info.id, h.clock.now);
      expect((await h.inject({ url: '/api/v1/slos', headers: { cookie: session.cookie } })).json().error.message).toContain('revoked');
      expect(rows()).toEqual([]);
    } finally {
      file.close();
    }
  });
});

describe('console sessions in the store', () => {
  it('survive a restart: a new server on the same SQLite data directory accepts the cookie and its CSRF token', async () => {
    const first = await startHarness();
    const dataDir = join(first.dir, 'data');
    try {
      const session = await login(first.tokens.admin, {}, first.inject);
      expect(session.res.statusCode).toBe(200);
      await first.runtime.stop();
      await first.store.close();
      const restarted = await secondServer(first, await openStore({ dataDir }));
      try {
        const me = await restarted.inject({ url: '/api/v1/session', headers: { cookie: session.cookie } });
        expect(me.statusCode).toBe(200);
        expect(me.json()).toMatchObject({ name: 'test-admin', csrfToken: session.csrf });
        const write = await restarted.inject({ method: 'POST', url: '/api/v1/slis/checkout-availability/events', payload: push, headers: { host: 'sloop.test', cookie: session.cookie, 'x-csrf-token': session.csrf } });
        expect(write.statusCode).toBe(200);
      } finally {
        await restarted.close();
      }
    } finally {
      await first.close();
    }
  });

  it('are shared by two servers on one PostgreSQL: log in on A, use and end the session on B, and A refuses it', async () => {
    const database = await createTestDatabase();
    const a = await startHarness({ databaseUrl: database.url });
    const b = await secondServer(a, await openStore({ url: database.url }));
    try {
      const session = await login(a.tokens.admin, {}, a.inject);
      expect(session.res.statusCode).toBe(200);
      const rows = (await execOnDatabase(database.url, 'select * from console_sessions')).rows;
      expect(rows).toHaveLength(1);
      expectNoPlaintext(rows, session, a.tokens.admin);

      const onB = await b.inject({ url: '/api/v1/session', headers: { cookie: session.cookie } });
      expect(onB.json()).toMatchObject({ name: 'test-admin', csrfToken: session.csrf });
      const write = await b.inject({ method: 'POST', url: '/api/v1/slis/checkout-availability/events', payload: push, headers: { host: 'sloop.test', cookie: session.cookie, 'x-csrf-token': session.csrf } });
      expect(write.statusCode).toBe(200);
      const out = await b.inject({ method: 'DELETE', url: '/api/v1/session', headers: { host: 'sloop.test', cookie: session.cookie, 'x-csrf-token': session.csrf } });
      expect(out.json()).toEqual({ loggedOut: true });
      const onA = await a.inject({ url: '/api/v1/slos', headers: { cookie: session.cookie } });
      expect(onA.statusCode).toBe(401);
      expect(onA.json().error.message).toContain('log in again');
      expect((await execOnDatabase(database.url, 'select * from console_sessions')).rows).toEqual([]);
    } finally {
      await b.close();
      await a.close();
      await database.drop();
    }
  });
});
