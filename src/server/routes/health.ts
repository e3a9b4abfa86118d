import { z } from 'zod';
import type { ServerDeps } from '../deps.js';
import { defineRoute, type AnyRouteSpec } from '../route.js';

const healthResponse = z.object({ status: z.literal('ok') });
const readyResponse = z.object({ ready: z.boolean(), checks: z.record(z.string(), z.string()) });

export function healthRoutes(deps: ServerDeps): AnyRouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/healthz',
      scope: 'public',
      tag: 'operations',
      summary: 'Liveness: the process answers HTTP',
      response: healthResponse,
      handler: () => ({ status: 'ok' as const }),
    }),
    defineRoute({
      method: 'GET',
      url: '/readyz',
      scope: 'public',
      tag: 'operations',
      summary: 'Readiness: the store answers and a valid config is loaded (503 otherwise)',
      response: readyResponse,
      errorStatuses: [503],
      handler: async ({ reply }) => {
        const readiness = await deps.readiness();
        if (!readiness.ready) reply.code(503);
        return readiness;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/metrics',
      scope: 'read',
      tag: 'operations',
      summary: "sloop's own metrics in the Prometheus text format",
      responseContentType: 'text/plain',
      handler: async ({ reply }) => {
        reply.header('content-type', deps.metrics.registry.contentType);
        return deps.metrics.registry.metrics();
      },
    }),
  ];
}
