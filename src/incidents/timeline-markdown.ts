/**
 * Timeline export as Markdown: key moments (pinned entries) first, then every entry in time
 * order. Times are UTC so a pasted timeline reads the same for every reader.
 */
import type { Incident, TimelineEntry, TimelineKind } from './model.js';
import { sortTimeline } from './timeline.js';

const KIND_LABELS: Record<TimelineKind, string> = {
  declared: 'Declared',
  alertFired: 'Alert fired',
  alertResolved: 'Alert resolved',
  paged: 'Page',
  acknowledged: 'Acknowledged',
  pageResolved: 'Page',
  roleAssigned: 'Role',
  roleHandedOver: 'Handover',
  roleReleased: 'Role',
  severityChanged: 'Severity',
  statusChanged: 'Status',
  summaryChanged: 'Summary',
  statusPageUpdate: 'Status page',
  componentOverride: 'Status page',
  note: 'Note',
  runbookRun: 'Runbook',
  chatDelivery: 'Chat',
  resolved: 'Resolved',
};

export function formatUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

/** Keeps entry text on one line and stops it from opening Markdown structure or HTML. */
export function inlineMarkdown(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/([\\`*_[\]<>|#])/g, '\\$1');
}

function line(e: TimelineEntry): string {
  return `- **${formatUtc(e.at)}** · ${KIND_LABELS[e.kind]} · ${inlineMarkdown(e.actor)}: ${inlineMarkdown(e.message)}${e.pinned ? ' ★' : ''}`;
}

export function renderTimelineMarkdown(incident: Pick<Incident, 'id' | 'title' | 'severity'>, entries: readonly TimelineEntry[], headingLevel = 2): string {
  const h = '#'.repeat(headingLevel);
  const sorted = sortTimeline(entries);
  const pinned = sorted.filter((e) => e.pinned);
  const out = [`${h} Timeline: ${inlineMarkdown(incident.title)} (${incident.severity}, ${incident.id})`, ''];
  if (pinned.length > 0) out.push(`${h}# Key moments`, '', ...pinned.map(line), '');
  out.push(`${h}# All entries`, '', ...(sorted.length > 0 ? sorted.map(line) : ['_No entries._']), '');
  return out.join('\n');
}
