/**
 * PagerDuty Events API v2 compatible endpoint. Two URLs:
 * - `/api/v1/integrations/pagerduty/:name/v2/enqueue`: the integration is named in the path and
 *   `routing_key` must be its integration key;
 * - `/api/v1/integrations/pagerduty/v2/enqueue`: like events.pagerduty.com, the routing_key alone
 *   picks the integration, for tools that only let you change the base URL.
 * Answers use PagerDuty's bodies and statuses (202 success, 400 invalid event) so existing
 * senders treat sloop as PagerDuty.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { deliverAlerts } from '../http/deliver.js';
import { findIntegration, listIntegrations, secretsEqual, type IntegrationSource } from '../http/integrations.js';
import { DEFAULT_INTAKE_BODY_LIMIT_BYTES, parseJson, prepareIntakeScope, rawBodyOf } from '../http/scope.js';
import type { Integration, OnAlerts } from '../model.js';
import { parsePagerDutyEvent } from './parse.js';

export const PAGERDUTY_INTAKE_PATH = '/api/v1/integrations/pagerduty/:name/v2/enqueue';
export const PAGERDUTY_ROUTING_KEY_PATH = '/api/v1/integrations/pagerduty/v2/enqueue';

export interface PagerDutyRouteOptions {
  integrations: IntegrationSource;
  onAlerts: OnAlerts;
  bodyLimitBytes?: number;
  clock?: () => number;
  /** Default: 32 random hex characters, the shape of PagerDuty's generated keys. */
  newDedupKey?: () => string;
}

export function invalidEvent(errors: string[]): { status: 'invalid event'; message: 'Event object is invalid'; errors: string[] } {
  return { status: 'invalid event', message: 'Event object is invalid', errors };
}

function failure(status: string, message: string): { status: string; message: string; errors: string[] } {
  return { status, message, errors: [message] };
}

export const pagerDutyIntakeRoutes: FastifyPluginAsync<PagerDutyRouteOptions> = async (app, options) => {
  const bodyLimit = options.bodyLimitBytes ?? DEFAULT_INTAKE_BODY_LIMIT_BYTES;
  const clock = options.clock ?? (() => Date.now());
  const newDedupKey = options.newDedupKey ?? (() => randomBytes(16).toString('hex'));
  prepareIntakeScope(app, bodyLimit, (status, _code, message) => (status === 400 ? invalidEvent([message]) : failure(status === 413 ? 'payload too large' : 'error', message)));

  const handle = async (request: FastifyRequest, reply: FastifyReply, named: string | null) => {
    const json = parseJson(rawBodyOf(request.body));
    if (!json.ok) return reply.code(400).send(invalidEvent([json.message]));
    const body = json.value;
    const routingKey = typeof body === 'object' && body !== null ? (body as { routing_key?: unknown }).routing_key : undefined;
    if (typeof routingKey !== 'string' || routingKey === '') return reply.code(400).send(invalidEvent([`'routing_key' is missing or blank`]));

    let integration: Integration | undefined;
    if (named !== null) {
      integration = findIntegration(options.integrations, 'pagerduty', named);
      if (!integration) return reply.code(404).send(failure('not found', `no PagerDuty integration named "${named}"; add it under integrations: in the OnCall config or fix the URL`));
      if (!secretsEqual(routingKey, integration.secret)) {
        return reply.code(401).send(failure('unauthorized', `'routing_key' is not the integration key of PagerDuty integration "${named}"; use the key from its secretEnv`));
      }
    } else {
      // Compare against every key (no early exit) so timing does not tell which keys exist.
      const matches = listIntegrations(options.integrations, 'pagerduty').filter((candidate) => secretsEqual(routingKey, candidate.secret));
      integration = matches[0];
      if (!integration) return reply.code(401).send(failure('unauthorized', `'routing_key' is not the integration key of any PagerDuty integration; use the key from its secretEnv`));
    }

    const parsed = parsePagerDutyEvent(body, integration, { now: clock(), newDedupKey });
    if (!parsed.ok) return reply.code(400).send(invalidEvent(parsed.errors));
    const delivered = await deliverAlerts(options.onAlerts, integration, [parsed.value.alert], request);
    if (!delivered.ok) return reply.code(delivered.status).send(failure(delivered.status >= 500 ? 'error' : 'invalid event', delivered.message));
    return reply.code(202).send({ status: 'success', message: 'Event processed', dedup_key: parsed.value.dedupKey });
  };

  const routeOptions = { bodyLimit, config: { scope: 'public' as const } };
  app.post<{ Params: { name: string } }>(PAGERDUTY_INTAKE_PATH, routeOptions, (request, reply) => handle(request, reply, request.params.name));
  app.post(PAGERDUTY_ROUTING_KEY_PATH, routeOptions, (request, reply) => handle(request, reply, null));
};
