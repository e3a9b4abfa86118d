/**
 * Console sessions: a browser logs in once with an API token and then holds only an opaque,
 * HttpOnly, SameSite=Strict session cookie. The session lives in this process's memory and keeps
 * the token's secret, so every request re-verifies the token: revoking it ends its sessions at
 * once. Cookie-authenticated writes must also pass two CSRF checks: the per-session
 * `X-CSRF-Token` header (the console reads it from the login answer, never from a cookie) and,
 * when the browser sends them, `Origin` naming this host and `Sec-Fetch-Site` not cross-site.
 * Bearer-token requests never reach this code path.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AuthenticationError, NotAllowedError } from '../../errors/index.js';
import { defineRoute, type AnyRouteSpec } from '../route.js';
import type { Principal, TokenVerifier } from './auth.js';

export const SESSION_COOKIE = 'sloop_session';
export const CSRF_HEADER = 'x-csrf-token';
const DEFAULT_TTL_MS = 12 * 60 * 60 * 1000;
const DEFAULT_MAX_SESSIONS = 10_000;
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface Session {
  secret: string;
  csrfToken: string;
  expiresAt: number;
}

export interface ConsoleSessions {
  /**
   * The principal of the request's session cookie, or null without one. Throws
   * AuthenticationError for an expired or unknown session and NotAllowedError when a write
   * fails the CSRF checks.
   */
  authenticate(request: FastifyRequest): Promise<Principal | null>;
  /** POST/GET/DELETE /api/v1/session. */
  routes(): AnyRouteSpec[];
}

export interface ConsoleSessionOptions {
  verifier: TokenVerifier;
  now: () => number;
  ttlMs?: number;
  maxSessions?: number;
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
  const maxSessions = options.maxSessions ?? DEFAULT_MAX_SESSIONS;
  const sessions = new Map<string, Session>();

  const sessionOf = (request: FastifyRequest): { id: string; session: Session | null } | null => {
    const id = parseCookies(request.headers.cookie).get(SESSION_COOKIE);
    if (!id) return null;
    const session = sessions.get(id) ?? null;
    if (session && session.expiresAt <= options.now()) {
      sessions.delete(id);
      return { id, session: null };
    }
    return { id, session };
  };

  const clearCookie = (request: FastifyRequest, reply: FastifyReply): void => {
    void reply.header('set-cookie', sessionCookie(request, '', 0));
  };

  const checkCsrf = (request: FastifyRequest, session: Session): void => {
    checkOrigin(request);
    const presented = request.headers[CSRF_HEADER];
    if (typeof presented !== 'string' || !sameSecret(presented, session.csrfToken)) {
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
      const previous = sessionOf(request);
      if (previous) sessions.delete(previous.id);
      while (sessions.size >= maxSessions) sessions.delete(sessions.keys().next().value as string);
      const id = randomBytes(32).toString('base64url');
      const session: Session = { secret: body.token.trim(), csrfToken: randomBytes(32).toString('base64url'), expiresAt: options.now() + ttlMs };
      sessions.set(id, session);
      void reply.header('set-cookie', sessionCookie(request, id, Math.floor(ttlMs / 1000)));
      return { name: principal.name, scopes: principal.scopes, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
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
      const current = request.headers.authorization ? null : sessionOf(request)?.session ?? null;
      return { name: principal!.name, scopes: principal!.scopes, csrfToken: current?.csrfToken ?? null, expiresAt: current?.expiresAt ?? null };
    },
  });

  const logout = defineRoute({
    method: 'DELETE',
    url: '/api/v1/session',
    scope: 'public',
    tag: 'console',
    summary: 'Console log-out: ends the cookie session',
    response: z.object({ loggedOut: z.boolean() }),
    handler: ({ request, reply }) => {
      const current = sessionOf(request);
      if (current?.session) {
        checkCsrf(request, current.session);
        sessions.delete(current.id);
      }
      clearCookie(request, reply);
      return { loggedOut: current?.session != null };
    },
  });

  return {
    async authenticate(request) {
      const current = sessionOf(request);
      if (!current) return null;
      if (!current.session) throw new AuthenticationError('your console session expired or the server restarted; log in again with your token');
      const principal = await options.verifier.verify(current.session.secret);
      if (!principal) {
        sessions.delete(current.id);
        throw new AuthenticationError('the token behind this session was revoked; log in again with a current token');
      }
      if (UNSAFE_METHODS.has(request.method)) checkCsrf(request, current.session);
      return principal;
    },
    routes: () => [login, whoami, logout],
  };
}
