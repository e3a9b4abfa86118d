/**
 * The one call that wires alert intake into a Fastify app:
 *
 *   await app.register(intakeRoutes, { integrations: () => current.integrations, onAlerts });
 *
 * Each integration type is its own encapsulated plugin (own body parser and error bodies), so
 * registering them changes nothing for the app's other routes. The routes declare
 * `config.scope: 'public'`: they skip the server's bearer-token auth because each integration
 * authenticates with its own secret.
 */
import type { FastifyPluginAsync } from 'fastify';
import { alertmanagerIntakeRoutes } from './alertmanager/route.js';
import type { IntegrationSource } from './http/integrations.js';
import type { OnAlerts } from './model.js';
import { pagerDutyIntakeRoutes } from './pagerduty/route.js';
import { webhookIntakeRoutes } from './webhook/route.js';

export interface IntakeRoutesOptions {
  integrations: IntegrationSource;
  onAlerts: OnAlerts;
  /** Default 1 MiB; larger bodies get 413. */
  bodyLimitBytes?: number;
  /** Default Date.now; webhook signature windows and PagerDuty timestamps read it. */
  clock?: () => number;
  newDedupKey?: () => string;
}

export const intakeRoutes: FastifyPluginAsync<IntakeRoutesOptions> = async (app, options) => {
  await app.register(alertmanagerIntakeRoutes, options);
  await app.register(pagerDutyIntakeRoutes, options);
  await app.register(webhookIntakeRoutes, options);
};

/** `METHOD url` of every intake route, for the server's route inventory. */
export const INTAKE_ROUTES: readonly string[] = [
  'POST /api/v1/integrations/alertmanager/:name',
  'POST /api/v1/integrations/pagerduty/:name/v2/enqueue',
  'POST /api/v1/integrations/pagerduty/v2/enqueue',
  'POST /api/v1/integrations/webhook/:name',
];
