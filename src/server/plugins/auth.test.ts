import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopeAllows } from '../../store/scopes.js';
import { SCOPES } from '../../store/store.js';
import { CONSOLE_PATHS } from '../routes/console.js';
import { bearer, startHarness, type Harness } from '../../../test/server/support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

function urlOf(url: string): string {
  return url.replace(':slo', 'checkout-availability').replace(':name', 'checkout-availability');
}

// The console's paths only ever serve the static app shell (index.html); the data behind it
// comes from token-checked API routes, which must never be among them.
const CONSOLE_FILES = [...CONSOLE_PATHS.map((path) => `GET ${path}`), 'GET /assets/:file'];
// Console log-in/out take the token in the body; the console's files hold no data.
// Signed URLs authenticate in their handler (calendar apps and e-mail links cannot send a bearer
// header): public in the table, 401 on a missing or wrong signature (tested with their routes).
const SIGNED_URL_ROUTES = [
  'GET /api/v1/schedules/:name/calendar.ics', 'GET /api/v1/people/:id/calendar.ics',
  'GET /api/v1/page-actions/:token', 'POST /api/v1/page-actions/:token',
];
// The public status page and its subscription links are for anyone (size- and rate-limited writes).
const STATUS_PAGE_ROUTES = ['GET /status', 'GET /status.json', 'GET /status.atom', 'POST /status/subscriptions', 'GET /status/subscriptions/confirm', 'GET /status/unsubscribe'];
const PUBLIC_ROUTES = ['GET /healthz', 'GET /readyz', 'GET /openapi.json', 'POST /api/v1/session', 'DELETE /api/v1/session', ...CONSOLE_FILES, ...SIGNED_URL_ROUTES, ...STATUS_PAGE_ROUTES];

describe('auth on every route', () => {
  it('declares a scope for every registered route; only health checks, the OpenAPI document, console log-in/out and console files are public', () => {
    const publicRoutes = h.runtime.routes.filter((r) => r.scope === 'public').map((r) => `${r.method} ${r.url}`);
    expect(CONSOLE_PATHS.filter((path) => path.startsWith('/api') || path.startsWith('/status'))).toEqual([]);
    expect(publicRoutes.sort()).toEqual([...PUBLIC_ROUTES].sort());
    expect(h.runtime.routes.length).toBeGreaterThanOrEqual(12);
    // Nothing bypasses the table (which is what the walk below iterates), except the alert
    // intake plugins, which authenticate with each integration's own secret.
    const table = new Set(h.runtime.routes.map((r) => `${r.method} ${r.url}`));
    const outside = h.runtime.registered.filter((r) => !table.has(r));
    expect(outside.filter((r) => !r.startsWith('POST /api/v1/integrations/'))).toEqual([]);
  });

  it('walks every route with no token, a bad token and every scope', async () => {
    const checked: string[] = [];
    for (const route of h.runtime.routes) {
      if (route.url === '/api/v1/events/stream') continue; // streams; covered below with a live server
      if (SIGNED_URL_ROUTES.includes(`${route.method} ${route.url}`)) continue;
      const request = { method: route.method, url: urlOf(route.url) } as const;
      const none = await h.inject(request);
      const bad = await h.inject({ ...request, headers: bearer('sloop_nope_notatoken') });
      if (route.scope === 'public') {
        expect(none.statusCode, `${route.method} ${route.url}`).not.toBe(401);
        continue;
      }
      expect(none.statusCode, `${route.method} ${route.url} without token`).toBe(401);
      expect(none.json().error.code).toBe('AUTHENTICATION');
      expect(bad.statusCode, `${route.method} ${route.url} bad token`).toBe(401);
      for (const scope of SCOPES) {
        const res = await h.inject({ ...request, headers: bearer(h.tokens[scope]) });
        const label = `${route.method} ${route.url} with ${scope}`;
        if (scopeAllows([scope], route.scope)) expect([401, 403], label).not.toContain(res.statusCode);
        else {
          expect(res.statusCode, label).toBe(403);
          expect(res.json().error.message).toContain(`"${route.scope}" scope`);
        }
      }
      checked.push(route.url);
    }
    expect(checked.length).toBeGreaterThanOrEqual(9);
  });

  it('refuses alert intake requests that carry no integration secret', async () => {
    const table = new Set(h.runtime.routes.map((r) => `${r.method} ${r.url}`));
    for (const route of h.runtime.registered.filter((r) => !table.has(r))) {
      const url = route.split(' ')[1]!.replace(':name', 'unknown');
      const res = await h.inject({ method: 'POST', url, payload: {} });
      expect([400, 401, 403, 404], route).toContain(res.statusCode);
    }
  });

  it('guards the event stream too', async () => {
    await h.runtime.app.listen({ port: 0, host: '127.0.0.1' });
    const address = h.runtime.app.server.address() as { port: number };
    const base = `http://127.0.0.1:${address.port}/api/v1/events/stream`;
    expect((await fetch(base)).status).toBe(401);
    expect((await fetch(base, { headers: bearer(h.tokens.ingest) })).status).toBe(403);
    const controller = new AbortController();
    const ok = await fetch(base, { headers: bearer(h.tokens.read), signal: controller.signal });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('text/event-stream');
    controller.abort();
  });
});
