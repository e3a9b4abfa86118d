/** Shared fixtures for incident, postmortem, action and status-page tests. */
import { defaultIncidentsConfig } from './config.js';
import { declareIncident, type DeclareInput } from './declare.js';
import type { Incident } from './model.js';

export const T0 = Date.UTC(2026, 10, 20, 14, 0);
export const MIN = 60_000;
export const DAY = 86_400_000;

export function newIncident(input: Partial<DeclareInput> = {}, id = 'INC-1', now = T0): Incident {
  return declareIncident({ title: 'Login failures', severity: 'SEV2', services: ['auth'], journeys: ['login'], ...input }, { id, now, by: 'alice', config: defaultIncidentsConfig() }).incident;
}
