/**
 * Creating a postmortem from an incident: the configured template's sections, with summary,
 * impact and timeline prefilled so the review starts from facts, and participants taken from
 * the incident. The author writes the rest; prompts steer toward systemic causes.
 */
import { NotFoundError } from '../errors/index.js';
import type { IncidentsConfig } from '../incidents/config.js';
import type { IncidentImpact } from '../incidents/impact.js';
import type { Incident, TimelineEntry } from '../incidents/model.js';
import { formatUtc, inlineMarkdown } from '../incidents/timeline-markdown.js';
import { sortTimeline } from '../incidents/timeline.js';
import type { Postmortem, PostmortemSection } from './model.js';
import { postmortemDueAt, postmortemRequired } from './required.js';

export interface CreatePostmortemInput {
  incident: Incident;
  entries: readonly TimelineEntry[];
  impact: IncidentImpact | null;
  config: IncidentsConfig;
  /** Template name; defaults to the configured default template. */
  template?: string;
}

export function createPostmortem(input: CreatePostmortemInput, ctx: { id: string; now: number }): Postmortem {
  const name = input.template ?? input.config.defaultTemplate;
  const template = input.config.templates.find((t) => t.name === name);
  if (!template) throw new NotFoundError(`no postmortem template named "${name}"; use one of ${input.config.templates.map((t) => t.name).join(', ')}`);
  const { incident, impact } = input;
  const prefill: Record<string, string> = {
    summary: incident.customerSummary,
    impact: impact ? renderImpactMarkdown(impact) : '',
    timeline: renderKeyMoments(input.entries),
  };
  const sections: PostmortemSection[] = template.sections.map((s) => ({ ...s, body: prefill[s.key] ?? '' }));
  return {
    id: ctx.id,
    incidentId: incident.id,
    title: `Postmortem: ${incident.title}`,
    severity: incident.severity,
    state: 'draft',
    template: template.name,
    sections,
    impact,
    participants: [...incident.participants],
    requirement: postmortemRequired(incident, impact, input.config.postmortems),
    createdAt: ctx.now,
    dueAt: postmortemDueAt(incident, input.config.postmortems, ctx.now),
    submittedAt: null,
    publishedAt: null,
    updatedAt: ctx.now,
    version: 1,
  };
}

function minutes(m: number | null): string {
  if (m === null) return 'unknown';
  if (m < 90) return `${Math.round(m)} min`;
  return `${Math.floor(m / 60)} h ${Math.round(m % 60)} min`;
}

export function renderImpactMarkdown(impact: IncidentImpact): string {
  const lines = [
    `- Duration: ${minutes(impact.durationMinutes)} (${formatUtc(impact.impactStartedAt)} to ${impact.ongoing ? 'ongoing' : formatUtc(impact.endedAt)})`,
    `- Time to detect (first bad minute to page): ${minutes(impact.detectionMinutes)}`,
    `- Time to acknowledge: ${minutes(impact.acknowledgeMinutes)}`,
    `- Time to mitigate: ${minutes(impact.mitigateMinutes)}`,
  ];
  for (const s of impact.slos) lines.push(`- Error budget: ${inlineMarkdown(s.sentence)} (${s.badEvents} bad of ${s.totalEvents} events during the incident)`);
  if (impact.slos.length === 0) lines.push('- Error budget: no SLO was linked to this incident, so budget impact is unknown.');
  return lines.join('\n');
}

/** Pinned entries when there are any (the responders chose them), otherwise the whole timeline. */
function renderKeyMoments(entries: readonly TimelineEntry[]): string {
  const sorted = sortTimeline(entries);
  const chosen = sorted.some((e) => e.pinned) ? sorted.filter((e) => e.pinned) : sorted;
  return chosen.map((e) => `- ${formatUtc(e.at)}: ${inlineMarkdown(e.message)} (${inlineMarkdown(e.actor)})`).join('\n');
}
