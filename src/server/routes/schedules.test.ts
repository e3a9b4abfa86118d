import nodeIcal from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startHarness, T0, TEST_CONFIG, type Harness } from '../../../test/server/support/harness.js';
import { loadOnCallConfig } from '../../oncall/config/load-oncall.js';
import { computeFinalSchedule } from '../../oncall/schedule/final-schedule.js';
import type { Shift } from '../../oncall/schedule/model.js';
import { loadConfigFromText } from '../../slo/spec/load.js';

const H = 3_600_000;
const DAY = 24 * H;
const PEOPLE = ['ann', 'ben', 'cat', 'dan', 'eve'];
// T0 is Friday 2026-11-27 12:00 UTC; the daily rotation starts that day at 00:00 with ann, so each
// person is on call one day in five (20%): a few hours of override stay within the fairness limit.
const ONCALL = `apiVersion: sloop/v1
kind: OnCall
people:
${PEOPLE.map((p) => `  - { id: ${p}, name: ${p.toUpperCase()}, timeZone: UTC, contactMethods: [{ type: webhook, url: "http://127.0.0.1:9/${p}" }] }`).join('\n')}
schedules:
  - name: primary
    timeZone: UTC
    layers:
      - { name: weekly, participants: [${PEOPLE.join(', ')}], turn: 1d, handoffTime: "00:00", start: 2026-11-27 }
`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ configText: `${TEST_CONFIG}---\n${ONCALL}` });
});
afterAll(async () => h.close());

const get = (url: string, token = h.tokens.read) => h.inject({ url, headers: bearer(token) });
const post = (url: string, payload: unknown) => h.inject({ method: 'POST', url, headers: bearer(h.tokens.write), payload: payload as Record<string, unknown> });
const schedule = () => loadOnCallConfig(loadConfigFromText(ONCALL)).schedules[0];

describe('schedule routes', () => {
  it('lists schedules with who is on call now', async () => {
    const res = await get('/api/v1/schedules');
    expect(res.statusCode).toBe(200);
    expect(res.json().schedules).toEqual([expect.objectContaining({ name: 'primary', timeZone: 'UTC', onCallNow: ['ann'] })]);
  });

  it('answers who is on call, with an override taking precedence, and forgets a deleted override', async () => {
    expect((await get(`/api/v1/schedules/primary/oncall?at=${T0}`)).json().people).toEqual([{ id: 'ann', name: 'ANN' }]);
    const created = await post('/api/v1/schedules/primary/overrides', { person: 'ben', from: T0, to: new Date(T0 + 4 * H).toISOString(), reason: 'ann at the dentist' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().change).toMatchObject({ schedule: 'primary', createdBy: 'test-write', reason: 'ann at the dentist', change: { kind: 'override', person: 'ben', start: T0, end: T0 + 4 * H } });
    const during = (await get(`/api/v1/schedules/primary/oncall?at=${new Date(T0 + H).toISOString()}`)).json();
    expect(during.people).toEqual([{ id: 'ben', name: 'BEN' }]);
    expect(during.shift.source).toEqual([{ kind: 'override', overrideId: created.json().change.id }]);
    expect((await get(`/api/v1/schedules/primary/oncall?at=${T0 + 5 * H}`)).json().people).toEqual([{ id: 'ann', name: 'ANN' }]);

    const del = await h.inject({ method: 'DELETE', url: `/api/v1/schedules/primary/overrides/${created.json().change.id}`, headers: bearer(h.tokens.write) });
    expect(del.statusCode).toBe(200);
    expect((await get(`/api/v1/schedules/primary/oncall?at=${T0 + H}`)).json().people).toEqual([{ id: 'ann', name: 'ANN' }]);
    expect((await h.inject({ method: 'DELETE', url: `/api/v1/schedules/primary/overrides/${created.json().change.id}`, headers: bearer(h.tokens.write) })).statusCode).toBe(404);
  });

  it('lists final shifts equal to computeFinalSchedule over the config and the stored overrides', async () => {
    const override = await post('/api/v1/schedules/primary/overrides', { person: 'cat', from: T0 + 2 * DAY, to: T0 + 2 * DAY + 6 * H });
    const swap = await post('/api/v1/schedules/primary/swaps', { first: { person: 'dan', from: Date.parse('2026-12-05T00:00:00Z'), to: Date.parse('2026-12-06T00:00:00Z') }, second: { person: 'eve', from: Date.parse('2026-12-11T00:00:00Z'), to: Date.parse('2026-12-12T00:00:00Z') } });
    expect(swap.statusCode, swap.body).toBe(201);
    const range = { from: T0, to: T0 + 28 * DAY };
    const res = (await get(`/api/v1/schedules/primary/shifts?from=${range.from}&to=${range.to}`)).json();
    const changes = [override.json().change.change, swap.json().change.change];
    expect(res.shifts).toEqual(computeFinalSchedule(schedule(), changes, range));
    expect(res.shifts.some((s: Shift) => s.source[0].kind === 'swap')).toBe(true);
    expect((await get(`/api/v1/schedules/primary/gaps?from=${range.from}&to=${range.to}`)).json().gaps).toEqual([]);
  });

  it('refuses an unfair override with 409 and the verdict in words, then accepts and records it with an exception', async () => {
    const unfair = { person: 'ben', from: Date.parse('2026-12-14T00:00:00Z'), to: Date.parse('2026-12-28T00:00:00Z') };
    const preview = (await get(`/api/v1/schedules/primary/fairness?person=ben&from=${unfair.from}&to=${unfair.to}`)).json();
    expect(preview.verdict.accepted).toBe(false);
    expect(preview.verdict.message).toMatch(/^refused: ben /);

    const refused = await post('/api/v1/schedules/primary/overrides', unfair);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('CONFLICT');
    expect(refused.json().error.message).toMatch(/^refused: ben .*resend with an approved exception/);

    const until = T0 + 60 * DAY;
    const accepted = await post('/api/v1/schedules/primary/overrides', { ...unfair, exception: { approvedBy: 'carol', reason: 'eve on leave', until } });
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json().verdict.message).toMatch(/^accepted with an exception approved by carol: refused: ben/);
    expect(accepted.json().exceptions).toEqual([expect.objectContaining({ person: 'ben', schedule: 'primary', approvedBy: 'carol', reason: 'eve on leave', until, changeId: accepted.json().change.id })]);
    expect(await h.store.schedules.listExceptions({ schedule: 'primary' })).toEqual(accepted.json().exceptions);
    // The recorded exception now covers ben: the report shows it as allowed, not as a violation.
    const report = (await get('/api/v1/schedules/primary/fairness')).json().report;
    expect(report.violations).toEqual([]);
    expect(report.allowedByException.map((a: { person: string }) => a.person)).toEqual(['ben']);
  });

  it('rejects bad requests field by field', async () => {
    const res = await post('/api/v1/schedules/primary/overrides', { person: 'ben', from: T0, to: 'tomorrow' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.problems.map((p: { path: string }) => p.path)).toEqual(['body.to']);
    const unknown = await post('/api/v1/schedules/primary/overrides', { person: 'zed', from: T0, to: T0 + H });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.problems).toEqual([{ path: 'body.person', message: 'unknown person "zed"' }]);
    expect((await get(`/api/v1/schedules/primary/shifts?from=${T0}&to=${T0 - 1}`)).json().error.problems).toEqual([{ path: 'query.to', message: 'must be after from' }]);
    expect((await get('/api/v1/schedules/nope/oncall')).statusCode).toBe(404);
  });
});

describe('calendar feeds', () => {
  function events(text: string) {
    return Object.values(nodeIcal.sync.parseICS(text)).filter((c) => c?.type === 'VEVENT').map((e) => e as nodeIcal.VEvent).sort((a, b) => +a.start - +b.start);
  }

  it('serves a signed schedule feed whose events, parsed by node-ical, equal the API\'s shifts', async () => {
    const link = (await get('/api/v1/schedules/primary/calendar-link')).json().url as string;
    expect(link).toMatch(/^\/api\/v1\/schedules\/primary\/calendar\.ics\?token=[A-Za-z0-9_-]{43}$/);
    const feed = await h.inject({ url: link });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    const shifts = (await get(`/api/v1/schedules/primary/shifts?from=${T0 - 30 * DAY}&to=${T0 + 183 * DAY}`)).json().shifts as Shift[];
    expect(events(feed.body).map((e) => [+e.start, +e.end!])).toEqual(shifts.map((s) => [s.start, s.end]));
  });

  it('serves a person feed with its own token, and refuses a wrong or missing token with 401', async () => {
    const link = (await get('/api/v1/people/ben/calendar-link')).json().url as string;
    const feed = await h.inject({ url: link });
    expect(feed.statusCode).toBe(200);
    expect(events(feed.body).length).toBeGreaterThan(0);
    // A token for one feed does not open another.
    const token = link.split('token=')[1];
    expect((await h.inject({ url: `/api/v1/people/ann/calendar.ics?token=${token}` })).statusCode).toBe(401);
    expect((await h.inject({ url: `/api/v1/schedules/primary/calendar.ics?token=${token.slice(0, -1)}x` })).statusCode).toBe(401);
    expect((await h.inject({ url: '/api/v1/schedules/primary/calendar.ics' })).statusCode).toBe(401);
    expect((await h.inject({ url: '/api/v1/schedules/primary/calendar.ics', headers: bearer(h.tokens.read) })).statusCode).toBe(200);
    expect((await h.inject({ url: '/api/v1/schedules/primary/calendar.ics', headers: bearer(h.tokens.ingest) })).statusCode).toBe(403);
  });
});

describe('on-call load', () => {
  it('reports hours on call per person over a range, with page data availability stated', async () => {
    const from = Date.parse('2026-11-30T00:00:00Z');
    const res = await get(`/api/v1/oncall/load?from=${from}&to=${from + 7 * DAY}&person=ben`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    // Days from 2026-11-30 (a Monday): dan, eve, ann, ben (Thursday 12-03), cat, dan, eve.
    expect(body.people).toEqual([expect.objectContaining({ person: 'ben', hoursOnCall: 24, weekendHours: 0, nightHours: 9, pages: 0 })]);
    expect(body.pageData.available).toBe(true);

    // A page that reached ben at 02:00 on his day counts as received, and at night.
    const night = Date.parse('2026-12-03T02:00:00Z');
    await h.store.paging.transaction(async (tx) => {
      await tx.savePage({
        id: 'page-night', dedupKey: 'page-night', policy: 'p', alert: { source: 'slo', summary: 's', labels: {}, annotations: {}, runbookUrl: null },
        status: 'triggered', cycle: 0, step: 0, repeat: 0, exhausted: false, timer: null, timerSeq: 0, triggeredAt: night, lastTriggeredAt: night,
        retriggerCount: 0, acknowledgedAt: null, acknowledgedBy: null, resolvedAt: null, resolvedBy: null, resolution: null, actionable: null,
      }, night);
      await tx.insertDeliveries([{ kind: 'page', plan: { idempotencyKey: 'page-night/ben', pageId: 'page-night', cycle: 0, step: 0, repeat: 0, personId: 'ben', contactMethodId: 'webhook', ruleIndex: 0, dueAt: night, fallbackContactMethodIds: [] } }]);
    });
    const paged = (await get(`/api/v1/oncall/load?from=${from}&to=${from + 7 * DAY}&person=ben`)).json();
    expect(paged.people).toEqual([expect.objectContaining({ person: 'ben', pages: 1, pagesAtNight: 1 })]);
    expect((await get(`/api/v1/oncall/load?from=${from}&to=${from + DAY}&schedule=nope`)).statusCode).toBe(404);
  });
});
