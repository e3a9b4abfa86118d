/**
 * Component status from open incidents, maintenance and hand-set overrides, and the page
 * rollup.
 *
 * Only incidents already on the status page (at least one public update) count: a component
 * turning red with no explanation next to it would worry readers more than it informs them,
 * and the Communications lead decides when an incident goes public. The effective status is
 * the worst of the incident impacts (severity -> componentImpact) and a running maintenance;
 * an override on an open incident wins over the derived value (Cachet's "effective status").
 */
import { findSeverity, type SeverityLevel } from '../incidents/config.js';
import type { ComponentStatus, Incident } from '../incidents/model.js';
import type { StatusComponent } from './config.js';
import { maintenanceState, type MaintenanceWindow } from './maintenance.js';

export const STATUS_RANK: Record<ComponentStatus, number> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};

export const STATUS_LABELS: Record<ComponentStatus, string> = {
  operational: 'Operational',
  under_maintenance: 'Under maintenance',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
};

export function worst(statuses: readonly ComponentStatus[]): ComponentStatus {
  return statuses.reduce<ComponentStatus>((w, s) => (STATUS_RANK[s] > STATUS_RANK[w] ? s : w), 'operational');
}

export function isPublic(incident: Pick<Incident, 'publicUpdates'>): boolean {
  return incident.publicUpdates.length > 0;
}

export function affects(component: StatusComponent, incident: Pick<Incident, 'services' | 'journeys' | 'slos' | 'componentOverrides'>): boolean {
  return (
    component.id in incident.componentOverrides ||
    incident.services.some((s) => component.services.includes(s)) ||
    incident.journeys.some((j) => component.journeys.includes(j)) ||
    incident.slos.some((s) => component.slos.includes(s))
  );
}

export function componentStatus(
  component: StatusComponent,
  incidents: readonly Incident[],
  maintenances: readonly MaintenanceWindow[],
  severities: readonly SeverityLevel[],
  now: number,
): ComponentStatus {
  const open = incidents.filter((i) => i.status !== 'resolved' && isPublic(i));
  const overrides = open.map((i) => i.componentOverrides[component.id]).filter((s): s is ComponentStatus => s !== undefined);
  if (overrides.length > 0) return worst(overrides);
  const derived: ComponentStatus[] = open.filter((i) => affects(component, i)).map((i) => findSeverity({ severities: [...severities] }, i.severity)?.componentImpact ?? 'degraded_performance');
  const underMaintenance = maintenances.some((m) => m.components.includes(component.id) && maintenanceState(m, now) === 'in_progress');
  return worst([...derived, ...(underMaintenance ? ['under_maintenance' as const] : [])]);
}

export interface OverallStatus {
  status: ComponentStatus;
  label: string;
}

/**
 * Major outage when at least `majorOutageThreshold` of components are in major outage;
 * otherwise partial outage if any component is down at all, degraded if any is degraded,
 * maintenance if any is under maintenance, else all operational.
 */
export function rollup(statuses: readonly ComponentStatus[], majorOutageThreshold: number): OverallStatus {
  const count = (s: ComponentStatus): number => statuses.filter((x) => x === s).length;
  if (statuses.length > 0 && count('major_outage') / statuses.length >= majorOutageThreshold) return { status: 'major_outage', label: 'Major outage' };
  if (count('major_outage') + count('partial_outage') > 0) return { status: 'partial_outage', label: 'Partial outage' };
  if (count('degraded_performance') > 0) return { status: 'degraded_performance', label: 'Degraded performance' };
  if (count('under_maintenance') > 0) return { status: 'under_maintenance', label: 'Maintenance in progress' };
  return { status: 'operational', label: 'All systems operational' };
}
