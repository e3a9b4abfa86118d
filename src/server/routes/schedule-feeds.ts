/**
 * iCalendar (RFC 5545) feeds per schedule and per person. Calendar apps cannot send a bearer
 * header, so each feed URL carries its own token: `?token=` is an HMAC-SHA256 of the feed's
 * path under a server secret (generated once, kept in the store), compared in constant time.
 * The route is therefore `public` in the route table and authenticates in the handler; a
 * bearer token with the read scope works too. The `calendar-link` routes (read scope) hand
 * out the signed URLs. A leaked URL shows one calendar and nothing else.
 */
import { AuthenticationError, NotAllowedError, NotFoundError } from '../../errors/index.js';
import { renderPersonCalendar, renderScheduleCalendar } from '../../oncall/ical/feed.js';
import { computeFinalSchedule } from '../../oncall/schedule/final-schedule.js';
import type { Shift } from '../../oncall/schedule/model.js';
import type { ServerDeps } from '../deps.js';
import { defineRoute, type AnyRouteSpec, type RouteContext } from '../route.js';
import * as s from '../schemas/schedules.js';
import { findSchedule, storedChanges, type OnCallServices } from '../services/oncall.js';
import { onCallServicesOf } from './schedules.js';

const DAY_MS = 86_400_000;
/** Past shifts stay visible for a month; the next half year is planned ahead. */
export const FEED_PAST_DAYS = 30;
export const FEED_FUTURE_DAYS = 183;

const schedulePath = (name: string) => `/api/v1/schedules/${encodeURIComponent(name)}/calendar.ics`;
const personPath = (id: string) => `/api/v1/people/${encodeURIComponent(id)}/calendar.ics`;

export function scheduleFeedRoutes(deps: ServerDeps): AnyRouteSpec[] {
  const svc = () => onCallServicesOf(deps);
  const tag = 'schedules';
  return [
    defineRoute({
      method: 'GET', url: '/api/v1/schedules/:name/calendar.ics', scope: 'public', tag, errorStatuses: [401, 404],
      summary: 'iCalendar feed of a schedule\'s final shifts; authenticate with ?token= from calendar-link (or a read bearer token)',
      params: s.scheduleParams, query: s.feedQuery, responseContentType: 'text/calendar',
      handler: async (ctx) => {
        const o = svc();
        await authenticateFeed(deps, o, schedulePath(ctx.params.name), ctx);
        const schedule = findSchedule(o.config(), ctx.params.name);
        const now = o.now();
        const shifts = computeFinalSchedule(schedule, await storedChanges(o, schedule.name), feedRange(now));
        return sendCalendar(ctx, renderScheduleCalendar(schedule.name, shifts, { now, people: o.config().people }));
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/people/:id/calendar.ics', scope: 'public', tag, errorStatuses: [401, 404],
      summary: 'iCalendar feed of one person\'s on-call time across schedules; authenticate with ?token= (or a read bearer token)',
      params: s.personParams, query: s.feedQuery, responseContentType: 'text/calendar',
      handler: async (ctx) => {
        const o = svc();
        await authenticateFeed(deps, o, personPath(ctx.params.id), ctx);
        const person = knownPerson(o, ctx.params.id);
        const now = o.now();
        const shiftsBySchedule: Record<string, Shift[]> = {};
        for (const schedule of o.config().schedules) {
          shiftsBySchedule[schedule.name] = computeFinalSchedule(schedule, await storedChanges(o, schedule.name), feedRange(now));
        }
        return sendCalendar(ctx, renderPersonCalendar(person, shiftsBySchedule, { now, people: o.config().people }));
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/schedules/:name/calendar-link', scope: 'read', tag, errorStatuses: [404],
      summary: 'The signed iCalendar feed URL of a schedule, for calendar subscriptions',
      params: s.scheduleParams, response: s.feedLinkResponse,
      handler: async ({ params }) => {
        const o = svc();
        const path = schedulePath(findSchedule(o.config(), params.name).name);
        return { url: `${path}?token=${await o.signFeedPath(path)}` };
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/people/:id/calendar-link', scope: 'read', tag, errorStatuses: [404],
      summary: 'The signed iCalendar feed URL of one person, for calendar subscriptions',
      params: s.personParams, response: s.feedLinkResponse,
      handler: async ({ params }) => {
        const o = svc();
        const path = personPath(knownPerson(o, params.id));
        return { url: `${path}?token=${await o.signFeedPath(path)}` };
      },
    }),
  ];
}

function feedRange(now: number) {
  return { from: now - FEED_PAST_DAYS * DAY_MS, to: now + FEED_FUTURE_DAYS * DAY_MS };
}

function knownPerson(o: OnCallServices, id: string): string {
  if (o.config().people.some((p) => p.id === id)) return id;
  throw new NotFoundError(`no person "${id}"; people are declared in kind: OnCall config files`);
}

async function authenticateFeed(deps: ServerDeps, o: OnCallServices, path: string, ctx: RouteContext<unknown, { token?: string }, unknown>): Promise<void> {
  if (ctx.query.token !== undefined) {
    if (await o.verifyFeedToken(path, ctx.query.token)) return;
    throw new AuthenticationError('the feed token does not match this feed; get a fresh link from the calendar-link route (`GET ...?/calendar-link` with a read token)');
  }
  const header = ctx.request.headers.authorization;
  const bearer = header ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
  const principal = bearer ? await deps.tokens.verify(bearer) : null;
  if (!principal) throw new AuthenticationError('add ?token= from the calendar-link route (calendar apps cannot send bearer headers), or send a read bearer token');
  if (!deps.tokens.allows(principal.scopes, 'read')) throw new NotAllowedError('this feed needs a token with the "read" scope, or a signed ?token= link');
}

function sendCalendar(ctx: RouteContext<unknown, unknown, unknown>, body: string): string {
  ctx.reply.header('content-type', 'text/calendar; charset=utf-8');
  return body;
}
