/**
 * Machine-readable forms of the status page: JSON (`/status.json`, field names after
 * Statuspage's public API where they overlap) and an Atom 1.0 feed (RFC 4287) with one entry
 * per public incident update and per maintenance announcement. Both read only the public model.
 */
import { escapeXml as x } from '../incidents/html-escape.js';
import type { PublicIncident, StatusPageModel } from './model.js';
import { INCIDENT_STATUS_LABELS } from './render-html.js';

const iso = (ms: number): string => new Date(ms).toISOString();

export function renderStatusJson(model: StatusPageModel): string {
  const incident = (i: PublicIncident) => ({
    id: i.id,
    name: i.title,
    status: i.status,
    impact: i.impact,
    summary: i.summary,
    components: i.components,
    started_at: iso(i.startedAt),
    resolved_at: i.resolvedAt === null ? null : iso(i.resolvedAt),
    updates: i.updates.map((u) => ({ status: u.status, body: u.body, created_at: iso(u.at) })),
  });
  const body = {
    page: { name: model.title, url: model.links.html, updated_at: iso(model.generatedAt) },
    status: { indicator: model.overall.status, description: model.overall.label },
    components: model.groups.flatMap((g) =>
      g.components.map((c) => ({
        id: c.id,
        name: c.name,
        group: g.name,
        description: c.description,
        status: c.status,
        uptime: {
          days: model.uptimeDays,
          percent: c.uptime.percent,
          daily: c.uptime.days.map((d) => ({ date: d.date, level: d.level, sli: d.sli, good: d.good, total: d.total })),
        },
      })),
    ),
    incidents: model.activeIncidents.map(incident),
    recent_incidents: model.recentIncidents.map(incident),
    scheduled_maintenances: model.maintenances.map((m) => ({ id: m.id, name: m.title, description: m.description, status: m.state, components: m.components, scheduled_for: iso(m.startsAt), scheduled_until: iso(m.endsAt) })),
  };
  return JSON.stringify(body, null, 2) + '\n';
}

interface FeedEntry {
  id: string;
  title: string;
  updated: number;
  link: string;
  content: string;
}

/** Atom ids must be absolute IRIs; without a public URL, stable `urn:sloop:` names are used. */
function idBase(model: StatusPageModel): string {
  return /^https?:/.test(model.links.html) ? model.links.html : 'urn:sloop:status';
}

export function renderAtomFeed(model: StatusPageModel): string {
  const base = idBase(model);
  const sep = base.startsWith('urn:') ? ':' : '#';
  const entries: FeedEntry[] = [];
  for (const i of [...model.activeIncidents, ...model.recentIncidents]) {
    const ordered = [...i.updates].sort((a, b) => a.at - b.at);
    ordered.forEach((u, n) => {
      entries.push({
        id: `${base}${sep}incident-${encodeURIComponent(i.id)}-update-${n + 1}`,
        title: `${i.title}: ${INCIDENT_STATUS_LABELS[u.status]}`,
        updated: u.at,
        link: `${model.links.html}#incident-${encodeURIComponent(i.id)}`,
        content: u.body,
      });
    });
  }
  for (const m of model.maintenances) {
    entries.push({
      id: `${base}${sep}maintenance-${encodeURIComponent(m.id)}`,
      title: `Scheduled maintenance: ${m.title}`,
      updated: m.startsAt,
      link: `${model.links.html}#maintenance-${encodeURIComponent(m.id)}`,
      content: `${iso(m.startsAt)} to ${iso(m.endsAt)}. ${m.description}`.trim(),
    });
  }
  entries.sort((a, b) => b.updated - a.updated);
  const updated = entries.length > 0 ? Math.max(...entries.map((en) => en.updated)) : model.generatedAt;
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<id>${x(base)}</id>
<title>${x(model.title)}</title>
<subtitle>${x(model.overall.label)}</subtitle>
<updated>${iso(updated)}</updated>
<link rel="alternate" type="text/html" href="${x(model.links.html)}"/>
<link rel="self" type="application/atom+xml" href="${x(model.links.atom)}"/>
<author><name>${x(model.title)}</name></author>
${entries
  .map(
    (en) => `<entry>
<id>${x(en.id)}</id>
<title type="text">${x(en.title)}</title>
<updated>${iso(en.updated)}</updated>
<link rel="alternate" type="text/html" href="${x(en.link)}"/>
<content type="text">${x(en.content)}</content>
</entry>`,
  )
  .join('\n')}
</feed>
`;
}
