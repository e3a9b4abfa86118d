/**
 * Assembles the public StatusPageModel from configuration, incidents, maintenance windows and
 * per-day SLI counts. Pure: `now` is passed in.
 */
import { findSeverity, type SeverityLevel } from '../incidents/config.js';
import type { Incident } from '../incidents/model.js';
import { STATUS_LABELS, affects, componentStatus, isPublic, rollup, worst } from './component-status.js';
import type { StatusComponent, StatusPageConfig } from './config.js';
import { maintenanceState, type MaintenanceWindow } from './maintenance.js';
import type { PublicComponent, PublicIncident, PublicMaintenance, StatusPageModel } from './model.js';
import { componentUptime, type SloDaily } from './uptime.js';

const DAY_MS = 86_400_000;

export interface StatusPageInput {
  config: StatusPageConfig;
  severities: readonly SeverityLevel[];
  incidents: readonly Incident[];
  maintenances: readonly MaintenanceWindow[];
  /** Per-day good/total for each SLO named by a component. */
  uptime: Readonly<Record<string, SloDaily>>;
  now: number;
}

export function statusPageLinks(publicUrl: string | null): StatusPageModel['links'] {
  const base = publicUrl ?? '';
  return { html: `${base}/status`, json: `${base}/status.json`, atom: `${base}/status.atom` };
}

export function buildStatusPageModel(input: StatusPageInput): StatusPageModel {
  const { config, now } = input;
  const components: PublicComponent[] = config.components.map((c) => {
    const status = componentStatus(c, input.incidents, input.maintenances, input.severities, now);
    const slos = c.slos.map((name) => input.uptime[name]).filter((s): s is SloDaily => s !== undefined);
    return { id: c.id, name: c.name, group: c.group, description: c.description, status, statusLabel: STATUS_LABELS[status], uptime: componentUptime(slos, now, config.uptimeDays) };
  });
  const groups: StatusPageModel['groups'] = [];
  for (const component of components) {
    const group = groups.find((g) => g.name === component.group);
    if (group) group.components.push(component);
    else groups.push({ name: component.group, components: [component] });
  }
  const visible = input.incidents.filter(isPublic);
  const toPublic = (i: Incident): PublicIncident => publicIncident(i, config.components, input.severities);
  const active = visible.filter((i) => i.status !== 'resolved').sort((a, b) => b.startedAt - a.startedAt);
  const recent = visible
    .filter((i) => i.status === 'resolved' && i.resolvedAt !== null && i.resolvedAt >= now - config.historyDays * DAY_MS)
    .sort((a, b) => b.resolvedAt! - a.resolvedAt!);
  const names = new Map(config.components.map((c) => [c.id, c.name]));
  const maintenances: PublicMaintenance[] = input.maintenances
    .map((m) => ({ m, state: maintenanceState(m, now) }))
    .filter(({ m, state }) => state === 'upcoming' || state === 'in_progress' || (state === 'completed' && m.endsAt >= now - config.historyDays * DAY_MS))
    .sort((a, b) => a.m.startsAt - b.m.startsAt)
    .map(({ m, state }) => ({
      id: m.id,
      title: m.title,
      description: m.description,
      components: m.components.map((id) => ({ id, name: names.get(id) ?? id })),
      startsAt: m.startsAt,
      endsAt: m.endsAt,
      state: state as PublicMaintenance['state'],
    }));
  return {
    title: config.title,
    generatedAt: now,
    overall: rollup(components.map((c) => c.status), config.majorOutageThreshold),
    uptimeDays: config.uptimeDays,
    groups,
    activeIncidents: active.map(toPublic),
    recentIncidents: recent.map(toPublic),
    maintenances,
    links: statusPageLinks(config.publicUrl),
  };
}

function publicIncident(i: Incident, components: readonly StatusComponent[], severities: readonly SeverityLevel[]): PublicIncident {
  const affected = components.filter((c) => affects(c, i));
  const derived = findSeverity({ severities: [...severities] }, i.severity)?.componentImpact ?? 'degraded_performance';
  const impact = worst([derived, ...Object.values(i.componentOverrides)]);
  return {
    id: i.id,
    title: i.title,
    status: i.status,
    impact,
    summary: i.customerSummary,
    components: affected.map((c) => ({ id: c.id, name: c.name })),
    startedAt: i.startedAt,
    resolvedAt: i.resolvedAt,
    // Copy only the public fields of each update: `by` (a person) stays internal.
    updates: [...i.publicUpdates].sort((a, b) => b.at - a.at).map((u) => ({ at: u.at, status: u.status, body: u.body })),
  };
}
