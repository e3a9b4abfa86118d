/**
 * What subscribers hear about, as a pure diff of two public models: a component whose status
 * changed, a new public incident update, and a maintenance window that was announced or
 * started. Only public model fields are read, so a notification can carry nothing the page
 * does not show. The first model after start is a baseline and produces nothing, so a
 * restart never re-sends old news.
 */
import { STATUS_LABELS } from '../component-status.js';
import type { ComponentStatus } from '../../incidents/model.js';
import type { PublicIncident, StatusPageModel } from '../model.js';
import { INCIDENT_STATUS_LABELS } from '../render-html.js';

export type StatusChangeKind = 'component' | 'incident_update' | 'maintenance';

export interface StatusChange {
  /** Deterministic where the fact is (update and maintenance keys), so replicas agree. */
  key: string;
  kind: StatusChangeKind;
  /** Component ids the change concerns; subscribers to any of them hear about it. */
  components: string[];
  /** For component changes: the new status. */
  status?: ComponentStatus;
  subject: string;
  text: string;
  at: number;
}

export interface StatusSnapshot {
  components: Record<string, ComponentStatus>;
  /** `<incident id>@<update time>` of every public update seen. */
  updates: string[];
  /** `<maintenance id>:<state>` of every maintenance state seen. */
  maintenances: string[];
}

export function snapshotOf(model: StatusPageModel): StatusSnapshot {
  const incidents = [...model.activeIncidents, ...model.recentIncidents];
  return {
    components: Object.fromEntries(model.groups.flatMap((g) => g.components.map((c) => [c.id, c.status]))),
    updates: incidents.flatMap((i) => i.updates.map((u) => `${i.id}@${u.at}`)),
    maintenances: model.maintenances.map((m) => `${m.id}:${m.state}`),
  };
}

export function statusChanges(previous: StatusSnapshot | null, model: StatusPageModel): StatusChange[] {
  if (previous === null) return [];
  const out: StatusChange[] = [];
  for (const c of model.groups.flatMap((g) => g.components)) {
    const before = previous.components[c.id];
    if (before === undefined || before === c.status) continue;
    out.push({
      key: `component:${c.id}:${c.status}:${model.generatedAt}`,
      kind: 'component',
      components: [c.id],
      status: c.status,
      subject: `${c.name}: ${STATUS_LABELS[c.status]}`,
      text: `${c.name} changed from ${STATUS_LABELS[before]} to ${STATUS_LABELS[c.status]}. Overall: ${model.overall.label}.`,
      at: model.generatedAt,
    });
  }
  const seenUpdates = new Set(previous.updates);
  for (const incident of [...model.activeIncidents, ...model.recentIncidents]) {
    for (const u of [...incident.updates].reverse()) {
      const id = `${incident.id}@${u.at}`;
      if (seenUpdates.has(id)) continue;
      out.push({
        key: `update:${id}`,
        kind: 'incident_update',
        components: affected(incident),
        subject: `${INCIDENT_STATUS_LABELS[u.status]}: ${incident.title}`,
        text: `${incident.title}\n${INCIDENT_STATUS_LABELS[u.status]} (${new Date(u.at).toISOString()}): ${u.body}`,
        at: u.at,
      });
    }
  }
  const seenMaintenance = new Set(previous.maintenances);
  for (const m of model.maintenances) {
    if (m.state === 'completed' || seenMaintenance.has(`${m.id}:${m.state}`)) continue;
    const when = `${new Date(m.startsAt).toISOString()} to ${new Date(m.endsAt).toISOString()}`;
    out.push({
      key: `maintenance:${m.id}:${m.state}`,
      kind: 'maintenance',
      components: m.components.map((c) => c.id),
      subject: m.state === 'in_progress' ? `Maintenance in progress: ${m.title}` : `Scheduled maintenance: ${m.title}`,
      text: `${m.title} (${when}) affects ${m.components.map((c) => c.name).join(', ')}.${m.description ? `\n${m.description}` : ''}`,
      at: model.generatedAt,
    });
  }
  return out;
}

function affected(incident: PublicIncident): string[] {
  return incident.components.map((c) => c.id);
}
