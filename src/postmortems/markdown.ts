/**
 * Postmortem export as Markdown. Section bodies are the authors' Markdown and pass through
 * as written; empty sections show their guiding prompt in italics so a draft reads as a
 * checklist. Metadata and action items are escaped (they come from form fields).
 */
import type { ActionItem } from '../actions/model.js';
import { formatUtc, inlineMarkdown } from '../incidents/timeline-markdown.js';
import type { Postmortem } from './model.js';

const STATE_LABELS: Record<Postmortem['state'], string> = { draft: 'Draft', in_review: 'In review', published: 'Published' };

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function renderPostmortemMarkdown(pm: Postmortem, actions: readonly ActionItem[]): string {
  const out = [
    `# ${inlineMarkdown(pm.title)}`,
    '',
    `- Incident: ${inlineMarkdown(pm.incidentId)} (${inlineMarkdown(pm.severity)})`,
    `- State: ${STATE_LABELS[pm.state]}${pm.publishedAt !== null ? ` on ${formatUtc(pm.publishedAt)}` : `, due ${day(pm.dueAt)}`}`,
    `- Participants: ${pm.participants.length > 0 ? pm.participants.map(inlineMarkdown).join(', ') : 'none recorded'}`,
    `- Why this postmortem: ${pm.requirement.reasons.length > 0 ? pm.requirement.reasons.map(inlineMarkdown).join('; ') : 'written by choice'}`,
    '',
    '_This is a blameless review: it looks for the conditions that made the failure possible, not for a person to blame._',
    '',
  ];
  for (const s of pm.sections) {
    out.push(`## ${inlineMarkdown(s.title)}`, '');
    if (s.key === 'actionItems') out.push(renderActions(pm, actions));
    if (s.body.trim() !== '') out.push(s.body.trim());
    else if (s.key !== 'actionItems' || actions.length === 0) out.push(`_${inlineMarkdown(s.prompt || 'Not written yet.')}_`);
    out.push('');
  }
  return out.join('\n');
}

function renderActions(pm: Postmortem, actions: readonly ActionItem[]): string {
  const mine = actions.filter((a) => a.postmortemId === pm.id || a.incidentId === pm.incidentId);
  if (mine.length === 0) return '';
  const cell = (t: string): string => inlineMarkdown(t);
  const rows = mine.map((a) => {
    const status = a.status === 'wont_do' ? `won't do: ${a.wontDoReason ?? ''}` : a.status.replace('_', ' ');
    const title = a.trackerUrl ? `[${cell(a.title)}](${a.trackerUrl})` : cell(a.title);
    return `| ${a.priority} | ${title} | ${cell(a.owner)} | ${day(a.dueAt)} | ${cell(status)} |`;
  });
  return ['| Priority | Action item | Owner | Due | Status |', '| --- | --- | --- | --- | --- |', ...rows, ''].join('\n');
}
