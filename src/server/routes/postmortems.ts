/**
 * Postmortem routes: create from an incident (prefilled, budget impact computed now), read,
 * edit sections, submit / return / publish (publishing enforces the budget rule), Markdown
 * export and the overdue list.
 */
import type { IncidentServices } from '../../incidents/service/index.js';
import { defineRoute, type AnyRouteSpec } from '../route.js';
import { createPostmortemBody, editPostmortemBody, incidentIdParams, listPostmortemsQuery, postmortemIdParams } from '../schemas/incidents.js';

export function postmortemRoutes(services: IncidentServices): AnyRouteSpec[] {
  const { postmortems } = services;
  const tag = 'postmortems';
  return [
    defineRoute({
      method: 'POST', url: '/api/v1/incidents/:id/postmortem', scope: 'write', tag, params: incidentIdParams, body: createPostmortemBody, successStatus: 201, errorStatuses: [404, 409],
      summary: 'Create the postmortem of an incident, prefilled with summary, budget impact, key moments and participants',
      handler: async ({ params, body }) => ({ postmortem: await postmortems.createFromIncident(params.id, body?.template ? { template: body.template } : {}) }),
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/postmortems', scope: 'read', tag, query: listPostmortemsQuery,
      summary: 'Postmortems, newest first; `?overdue=true` lists overdue ones and required ones never started',
      handler: async ({ query }) => {
        if (query.overdue === 'true') return { overdue: await postmortems.overdue() };
        return { postmortems: await postmortems.list({ ...(query.state ? { state: [query.state] } : {}), ...(query.limit ? { limit: query.limit } : {}) }) };
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/postmortems/:id', scope: 'read', tag, params: postmortemIdParams, errorStatuses: [404],
      summary: 'One postmortem with its linked action items',
      handler: async ({ params }) => {
        const postmortem = await postmortems.get(params.id);
        return { postmortem, actions: await postmortems.actionsOf(postmortem) };
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/postmortems/:id/markdown', scope: 'read', tag, params: postmortemIdParams, errorStatuses: [404], responseContentType: 'text/markdown',
      summary: 'The postmortem as Markdown (empty sections show their prompt; metadata escaped)',
      handler: async ({ params, reply }) => {
        const md = await postmortems.markdown(params.id);
        reply.header('content-type', 'text/markdown; charset=utf-8');
        return md;
      },
    }),
    defineRoute({
      method: 'PATCH', url: '/api/v1/postmortems/:id', scope: 'write', tag, params: postmortemIdParams, body: editPostmortemBody, errorStatuses: [404, 409],
      summary: 'Edit sections (Markdown); a published postmortem no longer changes',
      handler: async ({ params, body }) => ({ postmortem: await postmortems.editSections(params.id, body.sections) }),
    }),
    ...(['submit', 'return', 'publish'] as const).map((step) =>
      defineRoute({
        method: 'POST', url: `/api/v1/postmortems/:id/${step}`, scope: 'write', tag, params: postmortemIdParams, errorStatuses: [404, 409],
        summary: step === 'submit' ? 'Submit a draft for review (summary and contributing causes must be written)'
          : step === 'return' ? 'Return a postmortem in review to draft'
            : 'Publish a reviewed postmortem (a budget-heavy incident needs a P0 action item first)',
        handler: async ({ params }) => ({
          postmortem: await (step === 'submit' ? postmortems.submit(params.id) : step === 'return' ? postmortems.returnToDraft(params.id) : postmortems.publish(params.id)),
        }),
      }),
    ),
  ];
}
