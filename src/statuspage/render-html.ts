/**
 * The public status page as one server-rendered HTML document: no JavaScript, inline CSS,
 * semantic landmarks and headings, status in text (not colour alone), every bar's tooltip
 * repeated as hidden text for screen readers. Every value from the model goes through
 * escapeHtml; the model itself carries only public fields (see model.ts).
 */
import { escapeHtml as e } from '../incidents/html-escape.js';
import type { IncidentStatus } from '../incidents/model.js';
import { STATUS_LABELS } from './component-status.js';
import type { PublicComponent, PublicIncident, PublicMaintenance, StatusPageModel } from './model.js';
import { STATUS_PAGE_CSS } from './styles.js';
import { formatPercent } from './uptime.js';

export const INCIDENT_STATUS_LABELS: Record<IncidentStatus, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};

function time(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `<time datetime="${iso}">${iso.slice(0, 16).replace('T', ' ')} UTC</time>`;
}

function componentList(list: ReadonlyArray<{ name: string }>): string {
  return list.length > 0 ? `Affects ${list.map((c) => e(c.name)).join(', ')}` : 'Affects no listed component';
}

function renderIncident(i: PublicIncident): string {
  const resolved = i.status === 'resolved';
  const impact = resolved ? 'Resolved' : STATUS_LABELS[i.impact];
  return `<article class="card incident impact-${i.impact}${resolved ? ' resolved' : ''}" id="incident-${e(i.id)}" aria-labelledby="incident-${e(i.id)}-title">
<h3 id="incident-${e(i.id)}-title">${e(i.title)}</h3>
<p class="meta">${e(impact)} · ${componentList(i.components)} · started ${time(i.startedAt)}${i.resolvedAt !== null ? ` · resolved ${time(i.resolvedAt)}` : ''}</p>
${i.summary ? `<p class="summary">${e(i.summary)}</p>` : ''}
<ol class="updates" aria-label="Updates, newest first">
${i.updates.map((u) => `<li><strong>${INCIDENT_STATUS_LABELS[u.status]}</strong> · ${time(u.at)}<p>${e(u.body)}</p></li>`).join('\n')}
</ol>
</article>`;
}

function renderMaintenance(m: PublicMaintenance): string {
  const state = m.state === 'in_progress' ? 'In progress' : m.state === 'upcoming' ? 'Scheduled' : 'Completed';
  return `<article class="card maintenance" id="maintenance-${e(m.id)}">
<h3>${e(m.title)}</h3>
<p class="meta">${state} · ${time(m.startsAt)} to ${time(m.endsAt)} · ${componentList(m.components)}</p>
${m.description ? `<p class="summary">${e(m.description)}</p>` : ''}
</article>`;
}

function renderComponent(c: PublicComponent, days: number, headingLevel: 3 | 4): string {
  const h = `h${headingLevel}`;
  const percent = c.uptime.percent === null ? 'No data' : `${formatPercent(c.uptime.percent)} uptime`;
  const bars = c.uptime.days.map((d) => `<li class="bar level-${d.level}" title="${e(d.label)}"><span class="visually-hidden">${e(d.label)}</span></li>`).join('');
  return `<li class="card component status-${c.status}" id="component-${e(c.id)}">
<div class="component-head"><${h} class="component-name">${e(c.name)}</${h}><span class="badge status-${c.status}">${e(c.statusLabel)}</span></div>
${c.description ? `<p class="description">${e(c.description)}</p>` : ''}
<figure class="uptime">
<ol class="bars" aria-label="${e(`Daily uptime of ${c.name} over the last ${days} days, oldest first`)}">${bars}</ol>
<figcaption><span>${days} days ago</span><span class="uptime-percent">${percent}</span><span>Today</span></figcaption>
</figure>
</li>`;
}

function section(id: string, title: string, body: string): string {
  return `<section id="${id}" aria-labelledby="${id}-title">\n<h2 id="${id}-title">${title}</h2>\n${body}\n</section>`;
}

export function renderStatusPageHtml(model: StatusPageModel): string {
  const components = model.groups
    .map((g, i) => {
      const list = `<ul class="components">\n${g.components.map((c) => renderComponent(c, model.uptimeDays, g.name === null ? 3 : 4)).join('\n')}\n</ul>`;
      return g.name === null ? list : `<section class="group" aria-labelledby="group-${i}"><h3 id="group-${i}">${e(g.name)}</h3>\n${list}\n</section>`;
    })
    .join('\n');
  const maint = model.maintenances.filter((m) => m.state !== 'completed');
  const parts = [
    model.activeIncidents.length > 0 ? section('active-incidents', 'Current incidents', model.activeIncidents.map(renderIncident).join('\n')) : '',
    maint.length > 0 ? section('maintenance', 'Scheduled maintenance', maint.map(renderMaintenance).join('\n')) : '',
    section('components', 'Components', components || '<p>No components are configured.</p>'),
    section('history', 'Recent incidents', model.recentIncidents.length > 0 ? model.recentIncidents.map(renderIncident).join('\n') : '<p>No incidents recently.</p>'),
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${e(model.title)}: ${e(model.overall.label)}</title>
<link rel="alternate" type="application/atom+xml" title="${e(model.title)} incidents" href="${e(model.links.atom)}">
<link rel="alternate" type="application/json" href="${e(model.links.json)}">
<style>${STATUS_PAGE_CSS}</style>
</head>
<body>
<a class="skip" href="#components">Skip to components</a>
<div class="wrap">
<header>
<h1>${e(model.title)}</h1>
<p class="card overall status-${model.overall.status}" id="overall-status" role="status">${e(model.overall.label)}</p>
<p class="generated">Updated ${time(model.generatedAt)}</p>
</header>
<main>
${parts.filter((p) => p !== '').join('\n')}
</main>
<footer><p>Machine-readable: <a href="${e(model.links.json)}">status JSON</a> · <a href="${e(model.links.atom)}">Atom feed of incidents</a>. Uptime bars are measured from service level indicators, day by day in UTC.</p></footer>
</div>
</body>
</html>
`;
}
