/** The follow-through report and the weekly digest (preview, and send now to the configured webhook/email). */
import type { IncidentServices } from '../../incidents/service/index.js';
import { defineRoute, type AnyRouteSpec } from '../route.js';
import { reportQuery } from '../schemas/incidents.js';

const DEFAULT_LAST = 10;

export function reportRoutes(services: IncidentServices): AnyRouteSpec[] {
  const { actions, digest } = services;
  const tag = 'reports';
  return [
    defineRoute({
      method: 'GET', url: '/api/v1/reports/follow-through', scope: 'read', tag, query: reportQuery,
      summary: 'For the last N incidents: action items shipped, overdue, median days to ship, overdue per owner, page follow-ups',
      handler: async ({ query }) => ({ report: await actions.report(query.last ?? DEFAULT_LAST) }),
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/reports/digest', scope: 'read', tag, query: reportQuery,
      summary: 'The weekly follow-through digest as subject, text and HTML (what the send route delivers)',
      handler: async ({ query }) => ({ digest: await actions.digest(query.last ?? DEFAULT_LAST) }),
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/reports/digest/send', scope: 'write', tag, query: reportQuery,
      summary: 'Send the digest now to SLOOP_DIGEST_WEBHOOK_URL and/or SLOOP_DIGEST_EMAIL; `ok` is false when a delivery failed (each result says why)',
      handler: async ({ query }) => {
        const rendered = await actions.digest(query.last ?? DEFAULT_LAST);
        const results = await digest.send(rendered);
        return { subject: rendered.subject, ok: results.every((r) => r.ok), results };
      },
    }),
  ];
}
