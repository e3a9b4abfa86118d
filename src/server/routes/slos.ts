import type { ServerDeps } from '../deps.js';
import { defineRoute, type AnyRouteSpec } from '../route.js';
import { sloDetailParams, sloDetailQuery, sloDetailResponse, sloListResponse } from '../schemas/read.js';

export function sloRoutes(deps: ServerDeps): AnyRouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/slos',
      scope: 'read',
      tag: 'slos',
      summary: 'Every SLO with its budget, burn rates and alert state; composites (`composite: true`) after their components',
      response: sloListResponse,
      handler: async () => ({ slos: await deps.slos.listWithComposites() }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/slos/:name',
      scope: 'read',
      tag: 'slos',
      summary: 'One SLO with a budget-remaining time series for charts, or one composite with its components',
      params: sloDetailParams,
      query: sloDetailQuery,
      response: sloDetailResponse,
      errorStatuses: [404],
      handler: ({ params, query }) => deps.slos.get(params.name, query.points ?? 100),
    }),
  ];
}
