/**
 * The public status page: `/status` (HTML, no JavaScript), `/status.json` and `/status.atom`,
 * served without a token. Cacheable for 30 s by browsers and shared caches, with a strong
 * ETag so pollers get 304s; the HTML carries a CSP that allows no script at all.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { UnavailableError } from '../../errors/index.js';
import type { PageForm, StatusPageServices } from '../../statuspage/service/index.js';
import type { ServerDeps } from '../deps.js';
import { defineRoute, type AnyRouteSpec } from '../route.js';

export function statusPageOf(deps: ServerDeps): StatusPageServices {
  if (!deps.statusPage) throw new UnavailableError('the status page is not enabled on this server; start it with `sloop serve`');
  return deps.statusPage;
}

/** Headers every public status response carries. */
export function setPublicHeaders(reply: FastifyReply): void {
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('x-frame-options', 'DENY');
  reply.header('cross-origin-resource-policy', 'same-origin');
}

function etagMatches(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (!header) return false;
  return header.split(',').map((t) => t.trim().replace(/^W\//, '')).some((t) => t === etag || t === '*');
}

export function statusPageRoutes(deps: ServerDeps): AnyRouteSpec[] {
  const tag = 'status page';
  const serve = (form: PageForm) => async ({ request, reply }: { request: FastifyRequest; reply: FastifyReply }) => {
    const page = await statusPageOf(deps).source.rendered(form);
    setPublicHeaders(reply);
    reply.header('cache-control', 'public, max-age=30');
    reply.header('etag', page.etag);
    reply.header('vary', 'Accept-Encoding');
    if (page.contentSecurityPolicy) reply.header('content-security-policy', page.contentSecurityPolicy);
    if (etagMatches(request, page.etag)) return reply.code(304).send();
    reply.header('content-type', page.contentType);
    return page.body;
  };
  return [
    defineRoute({
      method: 'GET', url: '/status', scope: 'public', tag, responseContentType: 'text/html',
      summary: 'The public status page: components, incidents, maintenance and 90-day uptime, readable without JavaScript',
      handler: serve('html'),
    }),
    defineRoute({
      method: 'GET', url: '/status.json', scope: 'public', tag,
      summary: 'The public status page as JSON (Statuspage-like field names)',
      handler: serve('json'),
    }),
    defineRoute({
      method: 'GET', url: '/status.atom', scope: 'public', tag, responseContentType: 'application/atom+xml',
      summary: 'Atom feed of public incident updates and maintenance announcements',
      handler: serve('atom'),
    }),
  ];
}
