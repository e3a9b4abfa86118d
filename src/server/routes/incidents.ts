/**
 * Incident routes: declare (by hand or from a page), list, show, update, roles, notes,
 * status-page updates, component overrides, resolve, timeline (JSON or Markdown), pinning and
 * budget impact. Reads need `read`, changes `write`; the acting token's name is recorded as
 * who did it (note author, role changer). Chat posts happen after the response, never in it.
 */
import type { IncidentServices } from '../../incidents/service/index.js';
import { severityChoices } from '../../incidents/config.js';
import type { IncidentStatus } from '../../incidents/model.js';
import { InputError } from '../../errors/index.js';
import { defineRoute, type AnyRouteSpec, type RouteContext } from '../route.js';
import {
  componentBody, componentParams, declareBody, declareFromPageBody, entryParams, incidentIdParams, listIncidentsQuery, noteBody, pinBody,
  resolveBody, roleBody, runbookRunBody, statusUpdateBody, timelineQuery, updateIncidentBody,
} from '../schemas/incidents.js';
import { z } from 'zod';

/** Who is acting: the token's name (the console's session carries the same principal). */
export function actorOf(ctx: RouteContext<unknown, unknown, unknown>): string {
  return ctx.principal?.name ?? 'unknown';
}

const pageParams = z.object({ id: z.string().min(1).max(200).describe('Page id') });
const STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'];

export function incidentRoutes(services: IncidentServices): AnyRouteSpec[] {
  const { incidents } = services;
  const tag = 'incidents';
  return [
    defineRoute({
      method: 'GET', url: '/api/v1/severities', scope: 'read', tag,
      summary: 'Configured severities with their written rubric (show it wherever a severity is chosen)',
      handler: () => ({ severities: services.config().severities, choices: severityChoices(services.config()) }),
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/incidents', scope: 'write', tag,
      summary: 'Declare an incident by hand, or from a page with `pageId` (201; idempotent per page: 200 with the existing incident)',
      body: declareBody, errorStatuses: [404, 409],
      handler: async (ctx) => {
        const result = await incidents.declare(ctx.body, actorOf(ctx));
        // 201 for a new incident, 200 for the one already declared from this page.
        ctx.reply.code(result.created ? 201 : 200);
        return result;
      },
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/pages/:id/incident', scope: 'write', tag,
      summary: 'Declare an incident from a page in one call (201; 200 with the incident already declared from it)',
      params: pageParams, body: declareFromPageBody, errorStatuses: [404, 409],
      handler: async (ctx) => {
        const result = await incidents.declare({ ...(ctx.body ?? {}), pageId: ctx.params.id }, actorOf(ctx));
        ctx.reply.code(result.created ? 201 : 200);
        return result;
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/incidents', scope: 'read', tag, summary: 'Incidents, newest first', query: listIncidentsQuery,
      handler: async ({ query }) => {
        const status = query.status?.split(',').filter(Boolean);
        const unknown = status?.filter((s) => !STATUSES.includes(s)) ?? [];
        if (unknown.length > 0) throw new InputError(`invalid request query: status: ${unknown.join(', ')} is not a status`, [{ path: 'query.status', message: `use ${STATUSES.join(', ')}` }]);
        return { incidents: await incidents.list({ ...(status ? { status: status as IncidentStatus[] } : {}), openOnly: query.open === 'true', ...(query.limit ? { limit: query.limit } : {}) }) };
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/incidents/:id', scope: 'read', tag, params: incidentIdParams, errorStatuses: [404],
      summary: 'One incident with its timeline, its severity rubric and notices (two roles held by one person, required roles missing)',
      handler: ({ params }) => incidents.show(params.id),
    }),
    defineRoute({
      method: 'PATCH', url: '/api/v1/incidents/:id', scope: 'write', tag, params: incidentIdParams, body: updateIncidentBody, errorStatuses: [404, 409],
      summary: 'Change title, severity, status or the customer-facing summary',
      handler: (ctx) => incidents.update(ctx.params.id, ctx.body, actorOf(ctx)),
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/incidents/:id/roles', scope: 'write', tag, params: incidentIdParams, body: roleBody, errorStatuses: [404, 409],
      summary: 'Assign, hand over or release an incident role (handovers are recorded with from/to)',
      handler: (ctx) => incidents.role(ctx.params.id, ctx.body, actorOf(ctx)),
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/incidents/:id/notes', scope: 'write', tag, params: incidentIdParams, body: noteBody, errorStatuses: [404], successStatus: 201,
      summary: "Add a note to the timeline; the author is the token's name",
      handler: (ctx) => incidents.note(ctx.params.id, ctx.body.text, actorOf(ctx), ctx.body.pinned ?? false),
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/incidents/:id/runbook-runs', scope: 'write', tag, params: incidentIdParams, body: runbookRunBody, errorStatuses: [404], successStatus: 201,
      summary: "Record a runbook run and its outcome on the timeline; the runner is the token's name",
      handler: (ctx) => incidents.runbookRun(ctx.params.id, ctx.body, actorOf(ctx)),
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/incidents/:id/status-updates', scope: 'write', tag, params: incidentIdParams, body: statusUpdateBody, errorStatuses: [404, 409], successStatus: 201,
      summary: 'Post public status-page text (the Communications lead, or the commander while nobody holds that role)',
      handler: (ctx) => incidents.statusUpdate(ctx.params.id, ctx.body, actorOf(ctx)),
    }),
    defineRoute({
      method: 'PUT', url: '/api/v1/incidents/:id/components/:component', scope: 'write', tag, params: componentParams, body: componentBody, errorStatuses: [404, 409],
      summary: "Override a status-page component's status for this incident (null clears it)",
      handler: (ctx) => incidents.overrideComponent(ctx.params.id, ctx.params.component, ctx.body.status, actorOf(ctx)),
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/incidents/:id/resolve', scope: 'write', tag, params: incidentIdParams, body: resolveBody, errorStatuses: [404, 409],
      summary: 'Resolve the incident (with an optional closing note)',
      handler: (ctx) => incidents.resolve(ctx.params.id, actorOf(ctx), ctx.body?.note),
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/incidents/:id/timeline', scope: 'read', tag, params: incidentIdParams, query: timelineQuery, errorStatuses: [404],
      summary: 'The timeline as JSON, or `?format=markdown` (key moments first, text escaped)',
      handler: async ({ params, query, reply }) => {
        if (query.format !== 'markdown') return { timeline: (await incidents.show(params.id)).timeline };
        reply.header('content-type', 'text/markdown; charset=utf-8');
        return incidents.timelineMarkdown(params.id);
      },
    }),
    defineRoute({
      method: 'PATCH', url: '/api/v1/incidents/:id/timeline/:seq', scope: 'write', tag, params: entryParams, body: pinBody, errorStatuses: [404],
      summary: 'Pin (or unpin) a timeline entry as a key moment',
      handler: async ({ params, body }) => ({ entry: await incidents.pin(params.id, `${params.id}/${params.seq}`, body.pinned) }),
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/incidents/:id/impact', scope: 'read', tag, params: incidentIdParams, errorStatuses: [404],
      summary: "Impact in error-budget terms per affected SLO, from the SLI counts sloop holds, and response times",
      handler: ({ params }) => incidents.impact(params.id),
    }),
  ];
}
