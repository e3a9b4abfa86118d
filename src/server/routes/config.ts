import type { ServerDeps } from '../deps.js';
import { defineRoute, type AnyRouteSpec } from '../route.js';
import { configStatusResponse } from '../schemas/read.js';

export function configRoutes(deps: ServerDeps): AnyRouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/config/status',
      scope: 'admin',
      tag: 'config',
      summary: 'Which config is active and whether the last reload failed (with its errors)',
      response: configStatusResponse,
      handler: () => deps.config.status(),
    }),
  ];
}
