/**
 * `GET /api/v1/people`: the people declared in the OnCall config, so clients can show names
 * where schedules, shifts and the load report carry person ids. Only id, name and time zone:
 * e-mail addresses and contact methods (webhook URLs, some with secrets) stay server-side,
 * since no other read route exposes them and read tokens are handed out widely.
 */
import { z } from 'zod';
import type { ServerDeps } from '../deps.js';
import { defineRoute, type AnyRouteSpec } from '../route.js';
import { onCallServicesOf } from './schedules.js';

const peopleResponse = z.object({
  people: z.array(z.object({
    id: z.string().describe('the id schedules, shifts and the load report use'),
    name: z.string().describe('display name'),
    timeZone: z.string().describe('IANA zone; the load report counts nights and weekends in it'),
  })),
});

export function peopleRoutes(deps: ServerDeps): AnyRouteSpec[] {
  return [
    defineRoute({
      method: 'GET', url: '/api/v1/people', scope: 'read', tag: 'schedules',
      summary: 'People of the on-call config: id, name and time zone (no e-mail or contact methods)',
      response: peopleResponse,
      handler: () => ({
        people: onCallServicesOf(deps).config().people.map((p) => ({ id: p.id, name: p.name, timeZone: p.timeZone })),
      }),
    }),
  ];
}
