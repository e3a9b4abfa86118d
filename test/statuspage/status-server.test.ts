/**
 * The status page served by the real sloop server (in-process, real SQLite store, real
 * incident routes): HTTP caching and security headers, public-only content, overrides,
 * maintenance windows, subscription input checks and limits, and the per-day uptime cache.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, ingestNinetyDays, NOW, startStatusRig, type StatusRig } from './support/status-rig.js';

const XSS_TITLE = '<script>window.__pwned=1</script>Login <b>errors</b>';
const SECRET_NOTE = 'INTERNAL: db password rotated by hand';
const MIN = 60_000;

let rig: StatusRig;
let incidentId = '';

beforeAll(async () => {
  rig = await startStatusRig();
  await ingestNinetyDays(rig);
  const write = bearer(rig.tokens.erin);
  const declared = await rig.inject({ method: 'POST', url: '/api/v1/incidents', headers: write, payload: { title: XSS_TITLE, severity: 'SEV1', journeys: ['login'], customerSummary: 'Some customers cannot sign in.' } });
  expect(declared.statusCode).toBe(201);
  incidentId = declared.json().incident.id;
  for (const [role, person] of [['commander', 'alice.private@example.com'], ['communicationsLead', 'erin']] as const) {
    const res = await rig.inject({ method: 'POST', url: `/api/v1/incidents/${incidentId}/roles`, headers: write, payload: { action: 'assign', role, person } });
    expect(res.statusCode, res.body).toBe(200);
  }
  expect((await rig.inject({ method: 'POST', url: `/api/v1/incidents/${incidentId}/notes`, headers: write, payload: { text: SECRET_NOTE } })).statusCode).toBe(201);
  const update = await rig.inject({ method: 'POST', url: `/api/v1/incidents/${incidentId}/status-updates`, headers: write, payload: { body: 'We are investigating failed sign-ins.' } });
  expect(update.statusCode, update.body).toBe(201);
  // Declared but never made public: must not appear at all.
  expect((await rig.inject({ method: 'POST', url: '/api/v1/incidents', headers: write, payload: { title: 'Secret internal incident', severity: 'SEV2', journeys: ['checkout'] } })).statusCode).toBe(201);
  rig.runtime.deps.statusPage!.source.invalidate();
});

afterAll(async () => rig?.close());

describe('GET /status', () => {
  it('serves cacheable HTML with an ETag, a script-free CSP and security headers, and answers 304 when unchanged', async () => {
    const res = await rig.inject({ method: 'GET', url: '/status' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=30');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src|unsafe-inline|unsafe-eval/);
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+' 'sha256-/);
    const etag = String(res.headers.etag);
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await rig.inject({ method: 'GET', url: '/status', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect((await rig.inject({ method: 'GET', url: '/status', headers: { 'if-none-match': '"other"' } })).statusCode).toBe(200);
  });

  it('shows grouped components, the rollup, 90 daily bars with tooltips, and the public incident update', async () => {
    const html = (await rig.inject({ method: 'GET', url: '/status' })).body;
    expect(html).toContain('<h1>Example Shop status</h1>');
    // One of three components in major outage reaches the 25% threshold.
    expect(html).toMatch(/id="overall-status"[^>]*>Major outage</);
    expect(html).toMatch(/<h3 id="group-0">Core<\/h3>/);
    expect(html).toMatch(/<h3 id="group-1">Catalogue<\/h3>/);
    const loginBars = html.split('id="component-login"')[1]!.split('id="component-checkout"')[0]!;
    expect(loginBars.match(/class="bar /g)).toHaveLength(90);
    expect(html).toContain('title="2026-11-27: 95.83% good of 12,000 events (outage; objective 99.90%)"');
    expect(html).toContain('title="2026-11-15: 99.58% good of 24,000 events (degraded; objective 99.90%)"');
    expect(html).toContain('We are investigating failed sign-ins.');
    expect(html).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;Login &lt;b&gt;errors&lt;/b&gt;');
    expect(html).not.toContain('<script');
    expect(html).toContain('<form method="post" action="/status/subscriptions">');
  });

  it('never shows internal notes, people, unpublished incidents or subscriber details in any form', async () => {
    const sub = await rig.inject({ method: 'POST', url: '/status/subscriptions', payload: { kind: 'webhook', target: 'http://127.0.0.1:9/private-hook' } });
    expect(sub.statusCode, sub.body).toBe(202);
    await rig.runtime.deps.statusPage!.source.model({ fresh: true });
    for (const url of ['/status', '/status.json', '/status.atom']) {
      const body = (await rig.inject({ method: 'GET', url })).body;
      for (const secret of [SECRET_NOTE, 'alice.private@example.com', 'erin', 'Secret internal incident', 'private-hook', 'whsec_', 'commander', 'declaredBy']) {
        expect(body, `${url} leaks ${secret}`).not.toContain(secret);
      }
    }
  });

  it('serves JSON and an Atom feed with the same public facts', async () => {
    const json = await rig.inject({ method: 'GET', url: '/status.json' });
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(json.headers.etag).toBeDefined();
    const body = json.json();
    expect(body.status).toEqual({ indicator: 'major_outage', description: 'Major outage' });
    expect(body.components.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([['login', 'major_outage'], ['checkout', 'operational'], ['search', 'operational']]);
    expect(body.components[0].uptime.daily).toHaveLength(90);
    expect(body.components[2].uptime.daily[0].level).toBe('nodata');
    const atom = await rig.inject({ method: 'GET', url: '/status.atom' });
    expect(atom.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(atom.body).toContain('We are investigating failed sign-ins.');
    expect(atom.body).toContain('&lt;script&gt;');
  });
});

describe('component overrides', () => {
  it('lets the Communications lead set and clear a page-wide override, which wins over the derived status', async () => {
    const write = bearer(rig.tokens.erin);
    const set = await rig.inject({ method: 'POST', url: '/api/v1/status/components/search/override', headers: write, payload: { status: 'under_maintenance', reason: 'reindexing' } });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ component: 'search', status: 'under_maintenance', incident: null });
    const listed = await rig.inject({ method: 'GET', url: '/api/v1/status/components', headers: bearer(rig.tokens.reader) });
    expect(listed.json().components.find((c: { id: string }) => c.id === 'search')).toMatchObject({ status: 'under_maintenance', override: { setBy: 'erin', reason: 'reindexing' } });
    expect((await rig.inject({ method: 'GET', url: '/status' })).body).toMatch(/id="component-search"[\s\S]*?Under maintenance/);
    const cleared = await rig.inject({ method: 'POST', url: '/api/v1/status/components/search/override', headers: write, payload: { status: null } });
    expect(cleared.statusCode).toBe(200);
    expect((await rig.inject({ method: 'GET', url: '/status.json' })).json().components[2].status).toBe('operational');
  });

  it('records an override on an incident through the incident, checked against its Communications lead', async () => {
    const res = await rig.inject({ method: 'POST', url: '/api/v1/status/components/checkout/override', headers: bearer(rig.tokens.erin), payload: { status: 'degraded_performance', incident: incidentId } });
    expect(res.statusCode, res.body).toBe(200);
    expect((await rig.inject({ method: 'GET', url: '/status.json' })).json().components[1].status).toBe('degraded_performance');
    const timeline = await rig.inject({ method: 'GET', url: `/api/v1/incidents/${incidentId}/timeline`, headers: bearer(rig.tokens.reader) });
    expect(timeline.body).toContain('Component checkout set to degraded_performance');
    const back = await rig.inject({ method: 'POST', url: '/api/v1/status/components/checkout/override', headers: bearer(rig.tokens.erin), payload: { status: null, incident: incidentId } });
    expect(back.statusCode).toBe(200);
  });

  it('refuses unknown components and statuses with clear errors', async () => {
    const unknown = await rig.inject({ method: 'POST', url: '/api/v1/status/components/nope/override', headers: bearer(rig.tokens.erin), payload: { status: 'major_outage' } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toContain('use one of login, checkout, search');
    const bad = await rig.inject({ method: 'POST', url: '/api/v1/status/components/login/override', headers: bearer(rig.tokens.erin), payload: { status: 'on_fire' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.problems[0].path).toBe('body.status');
  });
});

describe('maintenance windows', () => {
  it('creates, lists, shows and cancels a window; the page announces it and shows it while running', async () => {
    const write = bearer(rig.tokens.erin);
    const created = await rig.inject({
      method: 'POST', url: '/api/v1/maintenance', headers: write,
      payload: { title: 'Database upgrade', description: 'Checkout read-only for 10 minutes.', components: ['checkout'], startsAt: new Date(NOW + 60 * MIN).toISOString(), endsAt: NOW + 90 * MIN },
    });
    expect(created.statusCode, created.body).toBe(201);
    const window = created.json();
    expect(window).toMatchObject({ id: expect.stringMatching(/^MW-\d+$/), state: 'upcoming', createdBy: 'erin', startsAt: NOW + 60 * MIN, announceAt: NOW });
    const list = await rig.inject({ method: 'GET', url: '/api/v1/maintenance', headers: bearer(rig.tokens.reader) });
    expect(list.json().maintenance.map((m: { id: string }) => m.id)).toContain(window.id);
    expect((await rig.inject({ method: 'GET', url: `/api/v1/maintenance/${window.id}`, headers: bearer(rig.tokens.reader) })).json().title).toBe('Database upgrade');
    expect((await rig.inject({ method: 'GET', url: '/status' })).body).toMatch(/Scheduled maintenance[\s\S]*Database upgrade[\s\S]*Scheduled ·/);
    rig.clock.now = NOW + 70 * MIN;
    rig.runtime.deps.statusPage!.source.invalidate();
    const running = (await rig.inject({ method: 'GET', url: '/status.json' })).json();
    expect(running.components[1].status).toBe('under_maintenance');
    const cancelled = await rig.inject({ method: 'DELETE', url: `/api/v1/maintenance/${window.id}`, headers: write });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toEqual({ cancelled: window.id });
    expect((await rig.inject({ method: 'GET', url: '/status.json' })).json().components[1].status).toBe('operational');
    expect((await rig.inject({ method: 'DELETE', url: `/api/v1/maintenance/${window.id}`, headers: write })).statusCode).toBe(404);
    rig.clock.now = NOW;
    rig.runtime.deps.statusPage!.source.invalidate();
  });

  it('answers field-level errors for a bad window', async () => {
    const res = await rig.inject({ method: 'POST', url: '/api/v1/maintenance', headers: bearer(rig.tokens.erin), payload: { title: 'x', components: ['nope'], startsAt: NOW + 60 * MIN, endsAt: NOW + 30 * MIN } });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.problems.map((p: { path: string }) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['components[0]', 'endsAt']));
  });
});

describe('POST /status/subscriptions', () => {
  it('answers JSON errors per field and renders form errors as an escaped HTML page', async () => {
    const json = await rig.inject({ method: 'POST', url: '/status/subscriptions', payload: { kind: 'pigeon', target: 'x' } });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.problems[0]).toMatchObject({ path: 'kind' });
    const form = await rig.inject({
      method: 'POST', url: '/status/subscriptions', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ kind: 'webhook', target: '<script>alert(1)</script>' }).toString(),
    });
    expect(form.statusCode).toBe(400);
    expect(form.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(form.body).toContain('Please fix the fields below');
    expect(form.body).toContain('<strong>target</strong> must be an http(s) URL');
    expect(form.body).not.toContain('<script>');
    expect(String(form.headers['content-security-policy'])).not.toContain('script-src');
  });

  it('refuses email subscriptions without an SMTP relay, saying what to do', async () => {
    const res = await rig.inject({ method: 'POST', url: '/status/subscriptions', payload: { kind: 'email', target: 'reader@example.com' } });
    expect(res.statusCode).toBe(503);
    expect(res.json().error.message).toContain('SLOOP_SMTP_URL');
  });

  it('refuses bodies over 4 KiB and more than 10 requests a minute from one address', async () => {
    const big = await rig.inject({ method: 'POST', url: '/status/subscriptions', payload: { kind: 'webhook', target: `https://example.com/${'a'.repeat(5000)}` } });
    expect(big.statusCode).toBe(413);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await rig.inject({ method: 'POST', url: '/status/subscriptions', remoteAddress: '203.0.113.9', payload: { kind: 'nope' } })).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it('answers invalid confirm and unsubscribe links with a readable 403 page', async () => {
    for (const url of ['/status/subscriptions/confirm?token=SUB-999.nope', '/status/unsubscribe?token=garbage', '/status/unsubscribe']) {
      const res = await rig.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(403);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).toMatch(/not valid/);
    }
  });
});

describe('uptime from SLI data', () => {
  it('reads finished days once and re-reads only today on later views', async () => {
    const svc = rig.runtime.deps.statusPage!;
    rig.clock.now = NOW + 3 * 60 * MIN;
    await svc.source.model({ fresh: true });
    const before = { ...svc.uptime.stats };
    rig.clock.now = NOW + 3 * 60 * MIN + 5 * MIN;
    await svc.source.model({ fresh: true });
    expect(svc.uptime.stats.queries - before.queries).toBe(3);
    expect(svc.uptime.stats.daysRead - before.daysRead).toBe(3);
    rig.clock.now = NOW;
  });
});
