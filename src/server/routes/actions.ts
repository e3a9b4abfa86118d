/** Action item routes: create, list (by owner, overdue, status, incident), read and update. */
import type { ActionStatus } from '../../actions/model.js';
import { InputError } from '../../errors/index.js';
import type { IncidentServices } from '../../incidents/service/index.js';
import { defineRoute, type AnyRouteSpec } from '../route.js';
import { actionIdParams, createActionBody, listActionsQuery, updateActionBody } from '../schemas/incidents.js';

const STATUSES = ['open', 'in_progress', 'done', 'wont_do'];

export function actionRoutes(services: IncidentServices): AnyRouteSpec[] {
  const { actions } = services;
  const tag = 'actions';
  return [
    defineRoute({
      method: 'POST', url: '/api/v1/actions', scope: 'write', tag, body: createActionBody, successStatus: 201,
      summary: 'Create an action item linked to an incident or postmortem (owner, due date, priority)',
      handler: async ({ body }) => ({ action: await actions.create(body) }),
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/actions', scope: 'read', tag, query: listActionsQuery,
      summary: 'Action items by due date, including follow-ups from non-actionable pages (source `page`)',
      handler: async ({ query }) => {
        const status = query.status?.split(',').filter(Boolean);
        const unknown = status?.filter((s) => !STATUSES.includes(s)) ?? [];
        if (unknown.length > 0) throw new InputError(`invalid request query: status: ${unknown.join(', ')} is not a status`, [{ path: 'query.status', message: `use ${STATUSES.join(', ')}` }]);
        return {
          actions: await actions.list({
            ...(query.owner ? { owner: query.owner } : {}),
            overdue: query.overdue === 'true',
            ...(status ? { status: status as ActionStatus[] } : {}),
            ...(query.incident ? { incidentId: query.incident } : {}),
          }),
        };
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/actions/:id', scope: 'read', tag, params: actionIdParams, errorStatuses: [404], summary: 'One action item',
      handler: async ({ params }) => ({ action: await actions.get(params.id) }),
    }),
    defineRoute({
      method: 'PATCH', url: '/api/v1/actions/:id', scope: 'write', tag, params: actionIdParams, body: updateActionBody, errorStatuses: [404, 409],
      summary: 'Change an action item (wont_do needs wontDoReason)',
      handler: async ({ params, body }) => ({ action: await actions.update(params.id, body) }),
    }),
  ];
}
