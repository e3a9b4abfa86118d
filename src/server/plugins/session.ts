/**
 * Console sessions: a browser logs in once with an API token and then holds only an opaque,
 * HttpOnly, SameSite=Strict session cookie. Sessions live in the store (table
 * console_sessions), so a restart logs nobody out and every replica on one database accepts
 * every session without sticky routing. The store keeps SHA-256 of the cookie value and the id
 * of the token the session came from, never the cookie or the token's secret; every request
 * reads the session together with its token's current state, so revoking the token ends its
 * sessions at once. Cookie-authenticated writes must also pass two CSRF checks: the per-session
 * `X-CSRF-Token` header (the console reads it from the login or session answer, never from a
 * cookie) and, when the browser sends them, `Origin` naming this host and `Sec-Fetch-Site` not
 * cross-site. Bearer-token requests never reach this code path.
 *
 * The CSRF token is HMAC-SHA256 keyed by the session id: any replica derives it from the cookie
 * (GET /api/v1/session answers it after a page reload) and nothing about it is stored. Knowing
 * it reveals neither the cookie nor the stored hash, and without the cookie it cannot be
 * computed, so no server-wide secret is needed.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AuthenticationError, NotAllowedError } from '../../errors/index.js';
import type { ConsoleSessionStore } from '../../store/session-store.js';
import { defineRoute, type AnyRouteSpec } from '../route.js';
import type { Principal, TokenVerifier } from './auth.js';

export const SESSION_COOKIE = 'sloop_session';
export const CSRF_HEADER = 'x-csrf-token';
const DEFAULT_TTL_MS = 12 * 60 * 60 * 1000;
/**
 * Sessions one token may hold; its oldest are dropped beyond this. Bounds the table per token
 * (each log-in needs a valid token); expired rows are pruned on every log-in.
 */
const DEFAULT_MAX_SESSIONS_PER_TOKEN = 50;
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** 32 random bytes, base64url: the only cookie values worth a database lookup. */
const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export interface ConsoleSessions {
  /**
   * The principal of the request's session cookie, or null without one. Throws
   * AuthenticationError for an expired or unknown session or a revoked token, and
   * NotAllowedError when a write fails the CSRF checks.
   */
  authenticate(request: FastifyRequest): Promise<Principal | null>;
  /** POST/GET/DELETE /api/v1/session. */
  routes(): AnyRouteSpec[];
}

export interface ConsoleSessionOptions {
  /** Verifies the token presented at log-in. */
  verifier: TokenVerifier;
  /** Where sessions are kept: `store.sessions`, shared by every replica on the database. */
  storage: ConsoleSessionStore;
  now: () => number;
  ttlMs?: number;
  maxSessionsPerToken?: number;
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (name && !cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** What the store keeps instead of the cookie value. */
function hashSessionId(id: string): string {
  return createHash('sha256').update(id, 'utf8').digest('hex');
}

/** The session's CSRF token, derived so that any replica answers the same one (see the top comment). */
function csrfTokenOf(id: string): string {
  return createHmac('sha256', id).update('sloop console csrf v1').digest('base64url');
}

function isHttps(request: FastifyRequest): boolean {
  return request.protocol === 'https' || request.headers['x-forwarded-proto'] === 'https';
}

function sessionCookie(request: FastifyRequest, value: string, maxAgeSeconds: number): string {
  return [`${SESSION_COOKIE}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${maxAgeSeconds}`, ...(isHttps(request) ? ['Secure'] : [])].join('; ');
}

/** Refuses a browser request that says it comes from another site. */
function checkOrigin(request: FastifyRequest): void {
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site') throw new NotAllowedError('cross-site request refused; use the console served by this sloop server');
  const origin = request.headers.origin;
  if (origin === undefined) return;
  let host: string | null = null;
  try {
    host = new URL(origin).host;
  } catch {
    host = null;
  }
  if (host === null || host !== request.headers.host) {
    throw new NotAllowedError(`request from origin ${origin} refused; use the console served by this sloop server`);
  }
}

export function createConsoleSessions(options: ConsoleSessionOptions): ConsoleSessions {
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  const maxPerToken = options.maxSessionsPerToken ?? DEFAULT_MAX_SESSIONS_PER_TOKEN;
  /** The session `authenticate` accepted for a request, so GET /api/v1/session needs no second read. */
  const accepted = new WeakMap<FastifyRequest, { id: string; expiresAt: number }>();

  const cookieId = (request: FastifyRequest): string | null => parseCookies(request.headers.cookie).get(SESSION_COOKIE) || null;

  /** The unexpired session behind a cookie value (its token possibly revoked), or null. */
  const lookUp = (id: string) => (SESSION_ID_PATTERN.test(id) ? options.storage.get(hashSessionId(id), options.now()) : Promise.resolve(null));

  const clearCookie = (request: FastifyRequest, reply: FastifyReply): void => {
    void reply.header('set-cookie', sessionCookie(request, '', 0));
  };

  const checkCsrf = (request: FastifyRequest, id: string): void => {
    checkOrigin(request);
    const presented = request.headers[CSRF_HEADER];
    if (typeof presented !== 'string' || !sameSecret(presented, csrfTokenOf(id))) {
      throw new NotAllowedError(`missing or wrong ${CSRF_HEADER} header; the console sends it for you, so reload the page (API clients use a bearer token instead)`);
    }
  };

  const login = defineRoute({
    method: 'POST',
    url: '/api/v1/session',
    scope: 'public',
    tag: 'console',
    summary: 'Console log-in: exchange an API token for an HttpOnly session cookie and a CSRF token',
    body: z.object({ token: z.string().min(1).max(500) }),
    response: z.object({ name: z.string(), scopes: z.array(z.string()), csrfToken: z.string(), expiresAt: z.number() }),
    handler: async ({ body, request, reply }) => {
      checkOrigin(request);
      const principal = await options.verifier.verify(body.token.trim());
      if (!principal) {
        throw new AuthenticationError('that token is unknown or revoked; check that you pasted the whole token (it starts with sloop_), or create one with `sloop token create --scope read`');
      }
      if (!options.verifier.allows(principal.scopes, 'read')) {
        throw new NotAllowedError(`this token has only the "${principal.scopes.join(', ')}" scope; the console needs read, write or admin (create one with \`sloop token create --scope read\`)`);
      }
      const previous = cookieId(request);
      if (previous && SESSION_ID_PATTERN.test(previous)) await options.storage.delete(hashSessionId(previous));
      const id = randomBytes(32).toString('base64url');
      const now = options.now();
      const expiresAt = now + ttlMs;
      await options.storage.create({ idHash: hashSessionId(id), tokenId: principal.tokenId, expiresAt }, { now, maxPerToken });
      void reply.header('set-cookie', sessionCookie(request, id, Math.floor(ttlMs / 1000)));
      return { name: principal.name, scopes: principal.scopes, csrfToken: csrfTokenOf(id), expiresAt };
    },
  });

  const whoami = defineRoute({
    method: 'GET',
    url: '/api/v1/session',
    scope: 'read',
    tag: 'console',
    summary: 'Who is logged in, with the CSRF token of the cookie session (null for bearer tokens)',
    response: z.object({ name: z.string(), scopes: z.array(z.string()), csrfToken: z.string().nullable(), expiresAt: z.number().nullable() }),
    handler: ({ principal, request }) => {
      const current = request.headers.authorization ? undefined : accepted.get(request);
      return { name: principal!.name, scopes: principal!.scopes, csrfToken: current ? csrfTokenOf(current.id) : null, expiresAt: current?.expiresAt ?? null };
    },
  });

  const logout = defineRoute({
    method: 'DELETE',
    url: '/api/v1/session',
    scope: 'public',
    tag: 'console',
    summary: 'Console log-out: ends the cookie session',
    response: z.object({ loggedOut: z.boolean() }),
    handler: async ({ request, reply }) => {
      const id = cookieId(request);
      const session = id ? await lookUp(id) : null;
      if (id && session) {
        checkCsrf(request, id);
        await options.storage.delete(session.idHash);
      }
      clearCookie(request, reply);
      return { loggedOut: session !== null };
    },
  });

  return {
    async authenticate(request) {
      const id = cookieId(request);
      if (!id) return null;
      const session = await lookUp(id);
      if (!session) throw new AuthenticationError('your console session expired or was ended; log in again with your token');
      if (!session.token) {
        await options.storage.delete(session.idHash);
        throw new AuthenticationError('the token behind this session was revoked; log in again with a current token');
      }
      if (UNSAFE_METHODS.has(request.method)) checkCsrf(request, id);
      accepted.set(request, { id, expiresAt: session.expiresAt });
      return { tokenId: session.token.id, name: session.token.name, scopes: session.token.scopes };
    },
    routes: () => [login, whoami, logout],
  };
}
