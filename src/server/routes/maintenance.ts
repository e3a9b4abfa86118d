/**
 * Scheduled maintenance windows: create (announced on the page from `announceAt`, by default
 * a week ahead), list, show and cancel. Times are epoch ms or ISO 8601 with an offset.
 */
import { z } from 'zod';
import type { ServerDeps } from '../deps.js';
import { defineRoute, type AnyRouteSpec } from '../route.js';
import { statusPageOf } from './status-page.js';

const time = z.union([z.number(), z.string().max(40)]).transform((v) => (typeof v === 'number' ? v : /^\d+$/.test(v) ? Number(v) : Date.parse(v)));
const createBody = z.object({
  title: z.string().max(400).describe('public title'),
  description: z.string().max(4000).optional().describe('public description'),
  components: z.array(z.string().max(100)).max(100).describe('component ids the window affects'),
  startsAt: time.describe('start (epoch ms or ISO 8601)'),
  endsAt: time.describe('end (epoch ms or ISO 8601)'),
  announceAt: time.optional().describe('when the page starts showing it (default: a week before the start, or now)'),
});
const idParams = z.object({ id: z.string().min(1).max(100).describe('maintenance id such as MW-3') });
const listQuery = z.object({ all: z.enum(['true', 'false']).optional().describe('include windows completed within the history days') });

export function maintenanceRoutes(deps: ServerDeps): AnyRouteSpec[] {
  const tag = 'status page';
  return [
    defineRoute({
      method: 'GET', url: '/api/v1/maintenance', scope: 'read', tag,
      summary: 'Maintenance windows that have not ended (with ?all=true, recently completed ones too)',
      query: listQuery,
      handler: async ({ query }) => ({ maintenance: await statusPageOf(deps).listMaintenance({ includeCompleted: query.all === 'true' }) }),
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/maintenance', scope: 'write', tag, successStatus: 201,
      summary: 'Schedule a maintenance window; subscribers hear about it when it is announced and when it starts',
      body: createBody,
      handler: async ({ body, principal }) => statusPageOf(deps).createMaintenance(body, principal?.name ?? 'unknown'),
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/maintenance/:id', scope: 'read', tag, errorStatuses: [404],
      summary: 'One maintenance window', params: idParams,
      handler: async ({ params }) => statusPageOf(deps).getMaintenance(params.id),
    }),
    defineRoute({
      method: 'DELETE', url: '/api/v1/maintenance/:id', scope: 'write', tag, errorStatuses: [404],
      summary: 'Cancel a maintenance window (it disappears from the page; the record is kept)', params: idParams,
      handler: async ({ params, principal }) => {
        await statusPageOf(deps).cancelMaintenance(params.id, principal?.name ?? 'unknown');
        return { cancelled: params.id };
      },
    }),
  ];
}
