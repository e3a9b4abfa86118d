/**
 * `POST /api/v1/integrations/webhook/:name`: sloop's generic JSON webhook, authenticated by an
 * HMAC signature over the exact body (`X-Sloop-Signature: t=<unix s>,v1=<hex>`, the scheme of
 * src/notify's outbound webhooks, verified by its `verifySignature`).
 */
import type { FastifyPluginAsync } from 'fastify';
import { DEFAULT_TOLERANCE_SEC, SIGNATURE_HEADER, verifySignature } from '../../../notify/webhook/index.js';
import { deliverAlerts } from '../http/deliver.js';
import { findIntegration, type IntegrationSource } from '../http/integrations.js';
import { DEFAULT_INTAKE_BODY_LIMIT_BYTES, parseJson, prepareIntakeScope, rawBodyOf } from '../http/scope.js';
import { sloopErrorBody } from '../http/sloop-error-body.js';
import type { OnAlerts } from '../model.js';
import { describeProblems } from '../parse-result.js';
import { parseWebhookBody } from './parse.js';

export const WEBHOOK_INTAKE_PATH = '/api/v1/integrations/webhook/:name';

export interface WebhookRouteOptions {
  integrations: IntegrationSource;
  onAlerts: OnAlerts;
  bodyLimitBytes?: number;
  clock?: () => number;
}

export const webhookIntakeRoutes: FastifyPluginAsync<WebhookRouteOptions> = async (app, options) => {
  const bodyLimit = options.bodyLimitBytes ?? DEFAULT_INTAKE_BODY_LIMIT_BYTES;
  const clock = options.clock ?? (() => Date.now());
  prepareIntakeScope(app, bodyLimit, (_status, code, message) => sloopErrorBody(code, message));
  app.post<{ Params: { name: string } }>(WEBHOOK_INTAKE_PATH, { bodyLimit, config: { scope: 'public' } }, async (request, reply) => {
    const { name } = request.params;
    const integration = findIntegration(options.integrations, 'webhook', name);
    if (!integration) {
      return reply.code(404).send(sloopErrorBody('NOT_FOUND', `no webhook integration named "${name}"; add it under integrations: in the OnCall config or fix the URL`));
    }
    const now = clock();
    const raw = rawBodyOf(request.body);
    const header = request.headers[SIGNATURE_HEADER.toLowerCase()];
    const verified = verifySignature(raw, Array.isArray(header) ? header[0] : header, integration.secret, now, integration.toleranceSec ?? DEFAULT_TOLERANCE_SEC);
    if (!verified.ok) return reply.code(401).send(sloopErrorBody('AUTHENTICATION', `${verified.reason}; nothing was processed`));
    const json = parseJson(raw);
    if (!json.ok) return reply.code(400).send(sloopErrorBody('INPUT', json.message));
    const parsed = parseWebhookBody(json.value, integration, now);
    if (!parsed.ok) {
      const message = `invalid alert: ${describeProblems(parsed.problems)}; nothing was processed (see docs/alert-intake.md for the schema)`;
      return reply.code(400).send(sloopErrorBody('INPUT', message, parsed.problems));
    }
    const delivered = await deliverAlerts(options.onAlerts, integration, parsed.value, request);
    if (!delivered.ok) return reply.code(delivered.status).send(sloopErrorBody(delivered.code, delivered.message));
    return reply.code(202).send({
      status: 'accepted',
      alerts: parsed.value.length,
      dedupKeys: parsed.value.map((alert) => alert.dedupKey),
      ...(delivered.message ? { message: delivered.message } : {}),
    });
  });
};
