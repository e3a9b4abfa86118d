export { pagerDutyEventSchema, PD_ACTIONS, PD_SEVERITIES, MAX_DEDUP_KEY_LENGTH, MAX_SUMMARY_LENGTH, type PagerDutyEventInput } from './schema.js';
export { parsePagerDutyEvent, type PagerDutyEvent, type PagerDutyParseOptions, type PagerDutyParseResult } from './parse.js';
export { pagerDutyIntakeRoutes, invalidEvent, PAGERDUTY_INTAKE_PATH, PAGERDUTY_ROUTING_KEY_PATH, type PagerDutyRouteOptions } from './route.js';
