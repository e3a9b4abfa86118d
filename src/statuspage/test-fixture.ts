/**
 * A realistic status page built through the real domain functions (declare, roles, public
 * updates, notes): shared by the unit tests and the Chromium test. It deliberately contains
 * things that must never reach the page: an internal note, role holders' e-mail-like ids, and
 * an incident that has not been made public.
 */
import { defaultIncidentsConfig } from '../incidents/config.js';
import { declareIncident } from '../incidents/declare.js';
import type { Incident } from '../incidents/model.js';
import { assignRole } from '../incidents/roles.js';
import { addNote, postStatusPageUpdate } from '../incidents/transitions.js';
import { buildStatusPageModel } from './build-model.js';
import type { StatusPageConfig } from './config.js';
import type { MaintenanceWindow } from './maintenance.js';
import type { StatusPageModel } from './model.js';
import type { SloDaily } from './uptime.js';

export const NOW = Date.UTC(2026, 10, 27, 12, 0);
const MIN = 60_000;
const DAY = 86_400_000;

export const XSS_TITLE = '<script>window.__pwned = 1</script>Login <b>errors</b> & "timeouts"';
export const SECRET_NOTE = 'INTERNAL: db password rotated by hand, see vault';
export const COMMS_LEAD = 'erin@example.com';

export const PAGE_CONFIG: StatusPageConfig = {
  title: 'Example Corp status',
  publicUrl: 'https://status.example.com',
  majorOutageThreshold: 0.25,
  uptimeDays: 90,
  historyDays: 14,
  components: [
    { id: 'login', name: 'Login', group: 'Core', description: 'Signing in on web and mobile', services: ['auth'], journeys: ['login'], slos: ['login-availability'] },
    { id: 'checkout', name: 'Checkout', group: 'Core', description: 'Paying for orders', services: ['payments'], journeys: [], slos: ['checkout-availability'] },
    { id: 'api', name: 'Public API', group: 'Platform', description: '', services: ['api'], journeys: [], slos: ['api-availability'] },
    { id: 'search', name: 'Search', group: 'Platform', description: 'Product search', services: ['search'], journeys: [], slos: ['search-latency'] },
  ],
};

const config = defaultIncidentsConfig();

function publicSev1(): Incident {
  let inc = declareIncident({ title: XSS_TITLE, severity: 'SEV1', services: ['auth'], customerSummary: 'Some customers cannot sign in.' }, { id: 'INC-7', now: NOW - 40 * MIN, by: 'alice@example.com', config }).incident;
  inc = assignRole(inc, { role: 'commander', person: 'alice@example.com', by: 'alice@example.com' }, config, NOW - 39 * MIN).incident;
  inc = assignRole(inc, { role: 'communicationsLead', person: COMMS_LEAD, by: 'alice@example.com' }, config, NOW - 38 * MIN).incident;
  inc = addNote(inc, { author: 'bob@example.com', text: SECRET_NOTE }, NOW - 35 * MIN).incident;
  inc = postStatusPageUpdate(inc, { by: COMMS_LEAD, body: 'We are investigating failed sign-ins.' }, config, NOW - 30 * MIN).incident;
  return postStatusPageUpdate(inc, { by: COMMS_LEAD, body: 'We found the cause <img src=x onerror="window.__pwned=2"> and are rolling back.', status: 'identified' }, config, NOW - 10 * MIN).incident;
}

function internalOnly(): Incident {
  return declareIncident({ title: 'Secret internal incident', severity: 'SEV2', services: ['payments'] }, { id: 'INC-8', now: NOW - 20 * MIN, by: 'carol', config }).incident;
}

function resolvedYesterday(): Incident {
  let inc = declareIncident({ title: 'Slow checkout', severity: 'SEV2', services: ['payments'] }, { id: 'INC-5', now: NOW - 2 * DAY, by: 'dave', config }).incident;
  inc = assignRole(inc, { role: 'communicationsLead', person: 'dave', by: 'dave' }, config, NOW - 2 * DAY).incident;
  inc = postStatusPageUpdate(inc, { by: 'dave', body: 'Checkout is slow for some customers.' }, config, NOW - 2 * DAY + 5 * MIN).incident;
  return postStatusPageUpdate(inc, { by: 'dave', body: 'Fixed: a cache node was replaced.', status: 'resolved' }, config, NOW - DAY).incident;
}

export const MAINTENANCES: MaintenanceWindow[] = [
  { id: 'MW-1', title: 'Search index rebuild', description: 'Results may be incomplete.', components: ['search'], startsAt: NOW - 60 * MIN, endsAt: NOW + 60 * MIN, announceAt: NOW - 3 * DAY, createdBy: 'frank@example.com', createdAt: NOW - 3 * DAY },
  { id: 'MW-2', title: 'Database upgrade', description: 'Checkout read-only for 10 minutes.', components: ['checkout'], startsAt: NOW + 2 * DAY, endsAt: NOW + 2 * DAY + 30 * MIN, announceAt: NOW - DAY, createdBy: 'frank@example.com', createdAt: NOW - DAY },
  { id: 'MW-3', title: 'Not yet announced', description: '', components: ['api'], startsAt: NOW + 20 * DAY, endsAt: NOW + 20 * DAY + 30 * MIN, announceAt: NOW + 13 * DAY, createdBy: 'frank@example.com', createdAt: NOW },
];

/** 90 days of 10,000 events per day; login had one bad day and one degraded day, search has no data for its first 30 days. */
export function uptimeData(): Record<string, SloDaily> {
  const today = Math.floor(NOW / DAY) * DAY;
  const days = (bad: (daysAgo: number) => number, from = 89) =>
    Array.from({ length: from + 1 }, (_, i) => {
      const daysAgo = from - i;
      return { dayStartMs: today - daysAgo * DAY, good: 10_000 - bad(daysAgo), total: 10_000 };
    });
  return {
    'login-availability': { objective: 0.999, days: days((d) => (d === 0 ? 500 : d === 12 ? 30 : 0)) },
    'checkout-availability': { objective: 0.999, days: days(() => 0) },
    'api-availability': { objective: 0.995, days: days(() => 5) },
    'search-latency': { objective: 0.99, days: days(() => 0, 59) },
  };
}

export function fixtureIncidents(): Incident[] {
  return [publicSev1(), internalOnly(), resolvedYesterday()];
}

export function fixtureModel(): StatusPageModel {
  return buildStatusPageModel({ config: PAGE_CONFIG, severities: config.severities, incidents: fixtureIncidents(), maintenances: MAINTENANCES, uptime: uptimeData(), now: NOW });
}
