import type { ServerDeps } from '../deps.js';
import { defineRoute, type AnyRouteSpec } from '../route.js';
import { gateQuery, gateResponse } from '../schemas/read.js';

export function gateRoutes(deps: ServerDeps): AnyRouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/gate',
      scope: 'read',
      tag: 'gate',
      summary: 'Deploy gate: may risky changes to this service ship under the error budget policy?',
      query: gateQuery,
      response: gateResponse,
      errorStatuses: [404],
      handler: ({ query }) => {
        const labels = query.changeLabel === undefined ? [] : Array.isArray(query.changeLabel) ? query.changeLabel : [query.changeLabel];
        return deps.gate.decide(query.service, labels);
      },
    }),
  ];
}
