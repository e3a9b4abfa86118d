/**
 * The weekly follow-through digest, as plain text (webhooks, chat) and HTML (email). Both are
 * rendered from the same FollowThroughReport; every value in the HTML is escaped.
 */
import { escapeHtml } from '../incidents/html-escape.js';
import type { FollowThroughReport, ItemCounts } from './follow-through.js';

export interface Digest {
  subject: string;
  text: string;
  html: string;
}

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function countsLine(c: ItemCounts): string {
  return `${c.total} total, ${c.shipped} shipped, ${c.open} open (${c.overdue} overdue), ${c.wontDo} won't do`;
}

function medianText(days: number | null): string {
  return days === null ? 'nothing shipped yet' : `${days.toFixed(1)} days`;
}

export function renderWeeklyDigest(report: FollowThroughReport, options: { title?: string } = {}): Digest {
  const title = options.title ?? 'sloop follow-through';
  const overdue = report.incidentItems.overdue + report.pageFollowUps.overdue;
  const subject = `${title}: ${overdue} overdue action item${overdue === 1 ? '' : 's'} (week of ${day(report.generatedAt)})`;
  const summary = [
    `Last ${report.incidents.length} incident(s): ${countsLine(report.incidentItems)}`,
    `Follow-ups from non-actionable pages: ${countsLine(report.pageFollowUps)}`,
    `Median time to ship: ${medianText(report.medianDaysToShip)}`,
    `Shipped on time: ${report.onTimeShare === null ? 'n/a' : `${Math.round(report.onTimeShare * 100)}%`}`,
  ];
  const text = [subject, '', ...summary, '', overdue === 0 ? 'Nothing is overdue.' : 'Overdue, per owner:'];
  for (const group of report.overdueByOwner) {
    text.push(`  ${group.owner} (${group.items.length})`);
    for (const i of group.items) text.push(`    - [${i.priority}] ${i.title} (${i.id}, due ${day(i.dueAt)}, ${i.daysOverdue} days overdue${i.incidentId ? `, ${i.incidentId}` : ', from a page'})`);
  }
  const rows = report.overdueByOwner
    .flatMap((g) =>
      g.items.map(
        (i) =>
          `<tr><td>${escapeHtml(g.owner)}</td><td>${escapeHtml(i.priority)}</td><td>${escapeHtml(i.title)}</td><td>${escapeHtml(i.id)}</td><td>${day(i.dueAt)}</td><td>${i.daysOverdue}</td><td>${escapeHtml(i.incidentId ?? 'page follow-up')}</td></tr>`,
      ),
    )
    .join('');
  const html = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(subject)}</title></head><body style="font-family:system-ui,sans-serif">`,
    `<h1>${escapeHtml(title)}</h1>`,
    `<ul>${summary.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>`,
    overdue === 0
      ? '<p>Nothing is overdue.</p>'
      : `<table><caption>Overdue action items, per owner</caption><thead><tr><th scope="col">Owner</th><th scope="col">Priority</th><th scope="col">Action item</th><th scope="col">Id</th><th scope="col">Due</th><th scope="col">Days overdue</th><th scope="col">From</th></tr></thead><tbody>${rows}</tbody></table>`,
    '</body></html>',
  ].join('\n');
  return { subject, text: text.join('\n') + '\n', html };
}
