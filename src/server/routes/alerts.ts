import type { ServerDeps } from '../deps.js';
import { defineRoute, type AnyRouteSpec } from '../route.js';
import { alertsQuery, alertsResponse } from '../schemas/read.js';

export function alertRoutes(deps: ServerDeps): AnyRouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/alerts',
      scope: 'read',
      tag: 'alerts',
      summary: 'Alerts firing now and the fired/resolved history, filtered by slo, state, kind and since',
      query: alertsQuery,
      response: alertsResponse,
      handler: ({ query }) => deps.alerts.query(query),
    }),
  ];
}
