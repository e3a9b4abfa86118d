/**
 * The error-budget policy for postmortems: severities marked `requiresPostmortem` always need
 * one; any incident that consumed more than `budgetShareThreshold` of an SLO's window budget
 * needs one too, with at least one top-priority action item. Overdue tracking counts from
 * resolution.
 */
import type { PostmortemPolicy } from '../incidents/config.js';
import { formatShare, type IncidentImpact } from '../incidents/impact.js';
import type { Incident } from '../incidents/model.js';
import type { Postmortem, PostmortemRequirement } from './model.js';

const DAY_MS = 86_400_000;

export function postmortemRequired(incident: Pick<Incident, 'severity'>, impact: Pick<IncidentImpact, 'slos'> | null, policy: PostmortemPolicy): PostmortemRequirement {
  const reasons: string[] = [];
  if (policy.requiredForSeverities.includes(incident.severity)) reasons.push(`${incident.severity} incidents always require a postmortem`);
  const over = (impact?.slos ?? []).filter((s) => s.consumed > policy.budgetShareThreshold);
  for (const s of over) reasons.push(`${s.sentence}, more than the ${formatShare(policy.budgetShareThreshold)} threshold`);
  return { required: reasons.length > 0, reasons, topPriorityActionRequired: over.length > 0 };
}

/** When the postmortem of a resolved incident is due (`now` while the incident is open). */
export function postmortemDueAt(incident: Pick<Incident, 'resolvedAt'>, policy: Pick<PostmortemPolicy, 'dueWithinDays'>, now: number): number {
  return (incident.resolvedAt ?? now) + policy.dueWithinDays * DAY_MS;
}

export interface OverduePostmortem {
  incidentId: string;
  postmortemId: string | null;
  dueAt: number;
  daysOverdue: number;
  /** `missing`: required but never started; otherwise the state it is stuck in. */
  state: 'missing' | 'draft' | 'in_review';
}

/**
 * Postmortems past their due date and not published, plus required ones never started.
 * `required` lists resolved incidents with their requirement (computed with postmortemRequired).
 */
export function overduePostmortems(input: {
  postmortems: readonly Postmortem[];
  required: ReadonlyArray<{ incident: Pick<Incident, 'id' | 'resolvedAt'>; requirement: PostmortemRequirement }>;
  policy: Pick<PostmortemPolicy, 'dueWithinDays'>;
  now: number;
}): OverduePostmortem[] {
  const out: OverduePostmortem[] = [];
  const days = (dueAt: number): number => Math.floor((input.now - dueAt) / DAY_MS);
  for (const pm of input.postmortems) {
    if (pm.state !== 'published' && pm.dueAt < input.now) out.push({ incidentId: pm.incidentId, postmortemId: pm.id, dueAt: pm.dueAt, daysOverdue: days(pm.dueAt), state: pm.state });
  }
  const started = new Set(input.postmortems.map((p) => p.incidentId));
  for (const { incident, requirement } of input.required) {
    if (!requirement.required || incident.resolvedAt === null || started.has(incident.id)) continue;
    const dueAt = postmortemDueAt(incident, input.policy, input.now);
    if (dueAt < input.now) out.push({ incidentId: incident.id, postmortemId: null, dueAt, daysOverdue: days(dueAt), state: 'missing' });
  }
  return out.sort((a, b) => a.dueAt - b.dueAt);
}
