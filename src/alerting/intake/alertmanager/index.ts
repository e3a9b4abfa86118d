export { alertmanagerPayloadSchema, alertmanagerAlertSchema, type AlertmanagerPayload, type AlertmanagerAlert } from './schema.js';
export { parseAlertmanagerPayload, type AlertmanagerNotification } from './parse.js';
export { checkAlertmanagerAuth } from './auth.js';
export { alertmanagerIntakeRoutes, ALERTMANAGER_INTAKE_PATH, type AlertmanagerRouteOptions } from './route.js';
