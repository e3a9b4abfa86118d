/**
 * Status page components for responders: each component's effective status, and the
 * Communications lead's hand-set override. An override with `incident` is recorded on that
 * incident (and on its timeline, checked against its Communications lead); without, it is a
 * page-level override kept until cleared with `status: null`.
 */
import { z } from 'zod';
import { COMPONENT_STATUSES } from '../../incidents/model.js';
import type { ServerDeps } from '../deps.js';
import { defineRoute, type AnyRouteSpec } from '../route.js';
import { statusPageOf } from './status-page.js';

const componentParams = z.object({ name: z.string().min(1).max(100).describe('component id from the StatusPage config') });
const overrideBody = z.object({
  status: z.enum(COMPONENT_STATUSES as [string, ...string[]]).nullable().describe('the status to show; null returns to the derived status'),
  reason: z.string().max(500).optional().describe('why (kept for the record)'),
  incident: z.string().max(100).optional().describe('record the override on this incident instead of page-wide'),
  by: z.string().max(200).optional().describe('person id of the Communications lead (default: the token name)'),
});

export function componentRoutes(deps: ServerDeps): AnyRouteSpec[] {
  const tag = 'status page';
  return [
    defineRoute({
      method: 'GET', url: '/api/v1/status/components', scope: 'read', tag,
      summary: 'Status page components with their effective status and any page-wide override',
      handler: async () => {
        const svc = statusPageOf(deps);
        const [model, overrides] = await Promise.all([svc.source.model(), svc.listOverrides()]);
        const byComponent = new Map(overrides.map((o) => [o.component, o]));
        return {
          overall: model.overall,
          components: model.groups.flatMap((g) => g.components.map((c) => ({ id: c.id, name: c.name, group: g.name, status: c.status, override: byComponent.get(c.id) ?? null }))),
        };
      },
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/status/components/:name/override', scope: 'write', tag, errorStatuses: [403, 404, 409, 503],
      summary: 'Set or clear a component status override (the Communications lead\'s call)',
      params: componentParams, body: overrideBody,
      handler: async ({ params, body, principal }) => statusPageOf(deps).setOverride(params.name, body, principal?.name ?? 'unknown'),
    }),
  ];
}
