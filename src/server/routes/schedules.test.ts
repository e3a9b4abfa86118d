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

  it('previews a swap\'s verdict before saving, and saving a fair swap and refusing an unfair one match the preview', async () => {
    // The daily rotation gives ann 2027-02-05 and 02-10, cat 02-07, 02-12, 02-17, 02-22, 02-27 and 03-04.
    const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
    const preview = async (q: { person: string; from: number; to: number; with: string; withFrom: number; withTo: number }) => {
      const res = await get(`/api/v1/schedules/primary/fairness?person=${q.person}&from=${q.from}&to=${q.to}&with=${q.with}&withFrom=${q.withFrom}&withTo=${q.withTo}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const swapBody = (q: { person: string; from: number; to: number; with: string; withFrom: number; withTo: number }) => ({ first: { person: q.person, from: q.from, to: q.to }, second: { person: q.with, from: q.withFrom, to: q.withTo } });

    // One day each way: nobody's load changes.
    const fair = { person: 'ann', from: day('2027-02-05'), to: day('2027-02-06'), with: 'cat', withFrom: day('2027-02-07'), withTo: day('2027-02-08') };
    const fairPreview = await preview(fair);
    expect(fairPreview.proposed).toEqual({ kind: 'swap', first: { person: 'ann', start: fair.from, end: fair.to }, second: { person: 'cat', start: fair.withFrom, end: fair.withTo } });
    expect(fairPreview.verdict).toEqual({ accepted: true, message: expect.stringMatching(/^accepted/), exceptionRequired: false, overLimit: [] });
    const before = (await h.store.schedules.listChanges('primary')).length;
    const saved = await post('/api/v1/schedules/primary/swaps', swapBody(fair));
    expect(saved.statusCode, saved.body).toBe(201);
    expect(saved.json().verdict).toEqual({ accepted: true, message: fairPreview.verdict.message });

    // ann gives away one day and takes cat's five days in three weeks: 10 days of 28 for ann.
    const unfair = { person: 'ann', from: day('2027-02-10'), to: day('2027-02-11'), with: 'cat', withFrom: day('2027-02-12'), withTo: day('2027-03-05') };
    const unfairPreview = await preview(unfair);
    expect(unfairPreview.verdict).toMatchObject({ accepted: false, exceptionRequired: true, message: expect.stringMatching(/^refused: ann would be on call 240 h/) });
    expect(unfairPreview.verdict.overLimit).toEqual([expect.objectContaining({ person: 'ann', hours: 240, limitHours: 168, hoursOverLimit: 72, limitShare: 0.25 })]);
    expect(unfairPreview.verdict.overLimit[0].hoursBefore).toBeLessThan(unfairPreview.verdict.overLimit[0].hours);
    const refused = await post('/api/v1/schedules/primary/swaps', swapBody(unfair));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message.startsWith(unfairPreview.verdict.message)).toBe(true);
    expect(await h.store.schedules.listChanges('primary')).toHaveLength(before + 1);
    // Saved with an exception, one is recorded for each person the preview named.
    const accepted = await post('/api/v1/schedules/primary/swaps', { ...swapBody(unfair), exception: { approvedBy: 'carol', reason: 'cat on leave', until: T0 + 120 * DAY } });
    expect(accepted.statusCode, accepted.body).toBe(201);
    expect(accepted.json().exceptions.map((e: { person: string }) => e.person)).toEqual(unfairPreview.verdict.overLimit.map((p: { person: string }) => p.person));
  });

  it('answers a proposed override with the same verdict shape', async () => {
    const res = (await get(`/api/v1/schedules/primary/fairness?person=dan&from=${T0 + 100 * DAY}&to=${T0 + 100 * DAY + H}`)).json();
    expect(res.proposed).toEqual({ kind: 'override', person: 'dan', start: T0 + 100 * DAY, end: T0 + 100 * DAY + H });
    expect(res.verdict).toEqual({ accepted: true, message: expect.stringMatching(/^accepted/), exceptionRequired: false, overLimit: [] });
    expect((await get('/api/v1/schedules/primary/fairness')).json()).toMatchObject({ proposed: null, verdict: null });
  });

  it('rejects an incomplete or self-swapping fairness preview field by field', async () => {
    const partial = await get(`/api/v1/schedules/primary/fairness?person=ann&from=${T0}&to=${T0 + H}&with=cat`);
    expect(partial.statusCode).toBe(400);
    expect(partial.json().error.problems.map((p: { path: string }) => p.path)).toEqual(['query.withFrom', 'query.withTo']);
    const self = await get(`/api/v1/schedules/primary/fairness?person=ann&from=${T0}&to=${T0 + H}&with=ann&withFrom=${T0 + DAY}&withTo=${T0 + DAY + H}`);
    expect(self.json().error.problems).toEqual([{ path: 'query.with', message: 'a swap needs two different people' }]);
    const unknown = await get(`/api/v1/schedules/primary/fairness?person=ann&from=${T0}&to=${T0 + H}&with=zed&withFrom=${T0 + DAY}&withTo=${T0 + DAY + H}`);
    expect(unknown.json().error.problems).toEqual([{ path: 'query.with', message: 'unknown person "zed"' }]);
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
