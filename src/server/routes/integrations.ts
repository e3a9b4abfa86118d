/**
 * Mounts the alert intake plugins (Alertmanager, PagerDuty Events v2, signed webhook) under
 * /api/v1/integrations/... with the on-call config's integrations, feeding the paging engine.
 * They authenticate with their own secrets (scope `public` for the server's token auth).
 */
import type { FastifyInstance } from 'fastify';
import { intakeRoutes } from '../../alerting/intake/index.js';
import type { PagingService } from '../../oncall/paging/index.js';

export async function registerIntegrationRoutes(app: FastifyInstance, paging: PagingService): Promise<void> {
  await app.register(intakeRoutes, { integrations: () => paging.integrations(), onAlerts: paging.onAlerts });
}
