/**
 * Pages and follow-ups: list and read with `read`, acknowledge and resolve with `write`. The
 * acting token's name is recorded on the page's timeline as who did it.
 */
import { z } from 'zod';
import type { PagingService } from '../../oncall/paging/index.js';
import { defineRoute, type AnyRouteSpec, type RouteContext } from '../route.js';

const pageIdParams = z.object({ id: z.string().min(1).max(200).describe('Page id, e.g. pg_3f9a...') });
const listQuery = z.object({
  status: z.enum(['triggered', 'acknowledged', 'resolved']).optional().describe('Only pages in this status'),
  limit: z.coerce.number().int().min(1).max(1000).optional().describe('At most this many, newest first (default 100)'),
});
const ackBody = z.object({ note: z.string().max(2000).optional() }).optional();
const resolveBody = z.object({
  actionable: z.boolean().describe('Did this page need a human? false creates a highest-priority follow-up to fix or delete the alert'),
  note: z.string().max(2000).optional(),
});

function actor(ctx: RouteContext<unknown, unknown, unknown>): string {
  return ctx.principal ? `token ${ctx.principal.name}` : 'unknown';
}

export function pageRoutes(paging: PagingService): AnyRouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/pages',
      scope: 'read',
      tag: 'paging',
      summary: 'Pages, newest first, optionally filtered by status',
      query: listQuery,
      handler: async ({ query }) => ({ pages: await paging.list(query.status, query.limit) }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/pages/:id',
      scope: 'read',
      tag: 'paging',
      summary: 'One page with its timeline and deliveries',
      params: pageIdParams,
      errorStatuses: [404],
      handler: ({ params }) => paging.get(params.id),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/pages/:id/acknowledge',
      scope: 'write',
      tag: 'paging',
      summary: 'Acknowledge a page: escalation stops for everyone',
      params: pageIdParams,
      body: ackBody,
      errorStatuses: [404, 409],
      handler: async (ctx) => ({ page: await paging.acknowledge(ctx.params.id, actor(ctx), 'API') }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/pages/:id/resolve',
      scope: 'write',
      tag: 'paging',
      summary: 'Resolve a page, saying whether it was actionable',
      params: pageIdParams,
      body: resolveBody,
      errorStatuses: [404, 409],
      handler: async (ctx) => ({ page: await paging.resolve(ctx.params.id, { by: actor(ctx), actionable: ctx.body.actionable, via: 'API', ...(ctx.body.note ? { note: ctx.body.note } : {}) }) }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/follow-ups',
      scope: 'read',
      tag: 'paging',
      summary: 'Follow-ups from pages resolved as not actionable (highest priority first)',
      handler: async () => ({ followUps: await paging.followUps() }),
    }),
  ];
}
