/**
 * `POST /api/v1/integrations/alertmanager/:name`: the Alertmanager webhook receiver.
 * Authenticate, validate the whole notification, then hand every alert to paging in one call;
 * a request that fails any step changes nothing. 2xx tells Alertmanager the notification is
 * delivered; 5xx makes it retry.
 */
import type { FastifyPluginAsync } from 'fastify';
import { describeProblems } from '../parse-result.js';
import { deliverAlerts } from '../http/deliver.js';
import { findIntegration, type IntegrationSource } from '../http/integrations.js';
import { DEFAULT_INTAKE_BODY_LIMIT_BYTES, parseJson, prepareIntakeScope, rawBodyOf } from '../http/scope.js';
import { sloopErrorBody } from '../http/sloop-error-body.js';
import type { OnAlerts } from '../model.js';
import { checkAlertmanagerAuth } from './auth.js';
import { parseAlertmanagerPayload } from './parse.js';

export const ALERTMANAGER_INTAKE_PATH = '/api/v1/integrations/alertmanager/:name';

export interface AlertmanagerRouteOptions {
  integrations: IntegrationSource;
  onAlerts: OnAlerts;
  bodyLimitBytes?: number;
}

export const alertmanagerIntakeRoutes: FastifyPluginAsync<AlertmanagerRouteOptions> = async (app, options) => {
  const bodyLimit = options.bodyLimitBytes ?? DEFAULT_INTAKE_BODY_LIMIT_BYTES;
  prepareIntakeScope(app, bodyLimit, (_status, code, message) => sloopErrorBody(code, message));
  app.post<{ Params: { name: string } }>(ALERTMANAGER_INTAKE_PATH, { bodyLimit, config: { scope: 'public' } }, async (request, reply) => {
    const { name } = request.params;
    const integration = findIntegration(options.integrations, 'alertmanager', name);
    if (!integration) {
      return reply.code(404).send(sloopErrorBody('NOT_FOUND', `no Alertmanager integration named "${name}"; add it under integrations: in the OnCall config or fix the receiver URL`));
    }
    const denied = checkAlertmanagerAuth(request.headers.authorization, integration.secret, name);
    if (denied) return reply.code(401).header('www-authenticate', 'Bearer realm="sloop"').send(sloopErrorBody('AUTHENTICATION', denied));
    const json = parseJson(rawBodyOf(request.body));
    if (!json.ok) return reply.code(400).send(sloopErrorBody('INPUT', json.message));
    const parsed = parseAlertmanagerPayload(json.value, integration);
    if (!parsed.ok) {
      const message = `not an Alertmanager webhook payload (version 4): ${describeProblems(parsed.problems)}; nothing was processed`;
      return reply.code(400).send(sloopErrorBody('INPUT', message, parsed.problems));
    }
    const notification = parsed.value;
    const delivered = await deliverAlerts(options.onAlerts, integration, notification.alerts, request);
    if (!delivered.ok) return reply.code(delivered.status).send(sloopErrorBody(delivered.code, delivered.message));
    if (notification.truncatedAlerts > 0) {
      request.log.warn({ integration: name, truncatedAlerts: notification.truncatedAlerts }, 'Alertmanager truncated alerts (max_alerts)');
    }
    return reply.code(200).send({
      status: 'success',
      alerts: notification.alerts.length,
      groupKey: notification.groupKey,
      ...(delivered.message ? { message: delivered.message } : {}),
    });
  });
};
