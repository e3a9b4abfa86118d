export { webhookAlertSchema, webhookAlertListSchema, MAX_WEBHOOK_ALERTS, type WebhookAlertInput } from './schema.js';
export { parseWebhookBody } from './parse.js';
export { webhookIntakeRoutes, WEBHOOK_INTAKE_PATH, type WebhookRouteOptions } from './route.js';
