import { describe, expect, it } from 'vitest';
import { renderAtomFeed, renderStatusJson } from './render-feeds.js';
import { renderStatusPageHtml } from './render-html.js';
import { COMMS_LEAD, SECRET_NOTE, XSS_TITLE, fixtureModel } from './test-fixture.js';

const model = fixtureModel();
const html = renderStatusPageHtml(model);
const json = renderStatusJson(model);
const atom = renderAtomFeed(model);

describe('public status page model', () => {
  it('derives component statuses, the rollup and 90 bars per component', () => {
    const components = model.groups.flatMap((g) => g.components.map((c) => [g.name, c.id, c.status, c.uptime.days.length]));
    expect(components).toEqual([
      ['Core', 'login', 'major_outage', 90],
      ['Core', 'checkout', 'operational', 90],
      ['Platform', 'api', 'operational', 90],
      ['Platform', 'search', 'under_maintenance', 90],
    ]);
    expect(model.overall).toEqual({ status: 'major_outage', label: 'Major outage' });
  });

  it('lists only public incidents, with public updates newest first and no authors', () => {
    expect(model.activeIncidents.map((i) => i.id)).toEqual(['INC-7']);
    expect(model.recentIncidents.map((i) => i.id)).toEqual(['INC-5']);
    expect(model.activeIncidents[0]!.updates.map((u) => u.status)).toEqual(['identified', 'investigating']);
    expect(Object.keys(model.activeIncidents[0]!.updates[0]!)).toEqual(['at', 'status', 'body']);
    expect(model.maintenances.map((m) => [m.id, m.state])).toEqual([
      ['MW-1', 'in_progress'],
      ['MW-2', 'upcoming'],
    ]);
  });
});

describe('rendered forms expose only public data', () => {
  for (const [name, text] of [['HTML', html], ['JSON', json], ['Atom', atom]] as const) {
    it(`${name} has no internal notes, people or unpublished incidents`, () => {
      expect(text).not.toContain(SECRET_NOTE.slice(0, 20));
      expect(text).not.toContain(COMMS_LEAD);
      expect(text).not.toContain('@example.com');
      expect(text).not.toContain('Secret internal incident');
      expect(text).not.toContain('alice');
    });
  }
});

describe('HTML status page', () => {
  it('escapes markup in titles and update text', () => {
    expect(html).not.toContain('<script>window.__pwned');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;window.__pwned = 1&lt;/script&gt;Login &lt;b&gt;errors&lt;/b&gt; &amp; &quot;timeouts&quot;');
    expect(html).not.toMatch(/<script/i);
  });

  it('gives every uptime bar a tooltip and a text alternative', () => {
    const bars = [...html.matchAll(/<li class="bar level-(\w+)" title="([^"]*)"><span class="visually-hidden">([^<]*)<\/span><\/li>/g)];
    expect(bars).toHaveLength(360);
    expect(bars.every((b) => b[2] === b[3])).toBe(true);
    expect(bars[89]![2]).toBe('2026-11-27: 95.00% good of 10,000 events (outage; objective 99.90%)');
    expect(bars.filter((b) => b[1] === 'nodata')).toHaveLength(30);
  });

  it('is a complete document with a language, a title, landmarks and dark mode', () => {
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain('<title>Example Corp status: Major outage</title>');
    for (const tag of ['<header>', '<main>', '<footer>', 'role="status"', '@media (prefers-color-scheme:dark)']) expect(html).toContain(tag);
  });
});

describe('JSON and Atom', () => {
  it('serves Statuspage-like JSON', () => {
    const body = JSON.parse(json) as { status: unknown; components: Array<{ id: string; status: string; uptime: { daily: unknown[] } }>; incidents: Array<{ name: string }> };
    expect(body.status).toEqual({ indicator: 'major_outage', description: 'Major outage' });
    expect(body.components.map((c) => [c.id, c.status, c.uptime.daily.length])).toEqual([
      ['login', 'major_outage', 90],
      ['checkout', 'operational', 90],
      ['api', 'operational', 90],
      ['search', 'under_maintenance', 90],
    ]);
    expect(body.incidents[0]!.name).toBe(XSS_TITLE);
  });

  it('writes an Atom 1.0 feed with required elements and escaped text', () => {
    expect(atom.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">')).toBe(true);
    expect(atom).toContain('<id>https://status.example.com/status</id>');
    expect(atom).toContain('<link rel="self" type="application/atom+xml" href="https://status.example.com/status.atom"/>');
    const entries = atom.match(/<entry>[\s\S]*?<\/entry>/g) ?? [];
    expect(entries).toHaveLength(6); // 2 + 2 incident updates, 2 maintenances
    for (const entry of entries) for (const tag of ['<id>', '<title type="text">', '<updated>', '<link rel="alternate"']) expect(entry).toContain(tag);
    expect(atom).toContain('&lt;script&gt;');
    expect(atom).not.toContain('<script');
    expect(atom).toContain(`<updated>${new Date(model.maintenances[1]!.startsAt).toISOString()}</updated>`);
  });
});
