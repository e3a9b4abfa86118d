/**
 * On-call schedules over HTTP: who is on call, final shifts and gaps (computeFinalSchedule
 * over the config and the stored overrides), and runtime overrides and swaps. Every change is
 * checked for fairness before it is saved: a change that breaks the rule is refused with 409
 * and the verdict in words, unless the request carries an approved exception, which is
 * recorded with the change.
 */
import { ConflictError, InputError, NotFoundError, UnavailableError } from '../../errors/index.js';
import { checkFairness } from '../../oncall/fairness/check.js';
import { evaluateProposedChange, type ProposedChangeVerdict } from '../../oncall/fairness/proposed.js';
import { computeFinalSchedule, findGaps, whoIsOnCall } from '../../oncall/schedule/final-schedule.js';
import type { Schedule, ScheduleChange } from '../../oncall/schedule/model.js';
import type { NewFairnessException, NewScheduleChange } from '../../store/schedule-store.js';
import type { ServerDeps } from '../deps.js';
import { defineRoute, type AnyRouteSpec } from '../route.js';
import * as s from '../schemas/schedules.js';
import { allExceptions, findSchedule, storedChanges, type OnCallServices } from '../services/oncall.js';

const DAY_MS = 86_400_000;
type Exception = { approvedBy: string; reason: string; until: number; maxShare?: number };

export function onCallServicesOf(deps: ServerDeps): OnCallServices {
  if (!deps.oncall) throw new UnavailableError('on-call is not enabled on this server; start it with `sloop serve --config DIR` holding kind: OnCall files');
  return deps.oncall;
}

export function scheduleRoutes(deps: ServerDeps): AnyRouteSpec[] {
  const svc = () => onCallServicesOf(deps);
  const tag = 'schedules';
  return [
    defineRoute({
      method: 'GET', url: '/api/v1/schedules', scope: 'read', tag,
      summary: 'Every configured schedule with its layers, fairness settings and who is on call now',
      response: s.scheduleListResponse,
      handler: async () => {
        const o = svc();
        const now = o.now();
        const schedules = await Promise.all(o.config().schedules.map(async (sch) => ({
          name: sch.name, timeZone: sch.timeZone, ...(sch.team ? { team: sch.team } : {}), ...(sch.description ? { description: sch.description } : {}),
          layers: sch.layers.map((l) => ({ name: l.name, participants: l.participants, coOnCall: l.coOnCall })),
          fairness: sch.fairness,
          onCallNow: whoIsOnCall(sch, await storedChanges(o, sch.name), now)?.people ?? [],
        })));
        return { schedules };
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/schedules/:name/oncall', scope: 'read', tag, errorStatuses: [404],
      summary: 'Who is on call in a schedule at a time (overrides and swaps included)',
      params: s.scheduleParams, query: s.atQuery, response: s.onCallResponse,
      handler: async ({ params, query }) => {
        const o = svc();
        const schedule = findSchedule(o.config(), params.name);
        const at = query.at ?? o.now();
        const shift = whoIsOnCall(schedule, await storedChanges(o, schedule.name), at);
        const names = new Map(o.config().people.map((p) => [p.id, p.name]));
        return { schedule: schedule.name, at, people: (shift?.people ?? []).map((id) => ({ id, name: names.get(id) ?? id })), shift };
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/schedules/:name/shifts', scope: 'read', tag, errorStatuses: [404],
      summary: 'Final shifts of a schedule over a range (layers, overrides and swaps applied)',
      params: s.scheduleParams, query: s.rangeQuery, response: s.shiftsResponse,
      handler: async ({ params, query }) => {
        const o = svc();
        const schedule = findSchedule(o.config(), params.name);
        const shifts = computeFinalSchedule(schedule, await storedChanges(o, schedule.name), query);
        return { schedule: schedule.name, from: query.from, to: query.to, shifts };
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/schedules/:name/gaps', scope: 'read', tag, errorStatuses: [404],
      summary: 'Times in a range when nobody is on call',
      params: s.scheduleParams, query: s.rangeQuery, response: s.gapsResponse,
      handler: async ({ params, query }) => {
        const o = svc();
        const schedule = findSchedule(o.config(), params.name);
        const gaps = findGaps(computeFinalSchedule(schedule, await storedChanges(o, schedule.name), query), query);
        return { schedule: schedule.name, from: query.from, to: query.to, gaps };
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/schedules/:name/overrides', scope: 'read', tag, errorStatuses: [404],
      summary: 'Stored overrides and swaps of a schedule, in the order they were accepted',
      params: s.scheduleParams, query: s.optionalRangeQuery, response: s.changeListResponse,
      handler: async ({ params, query }) => {
        const o = svc();
        const schedule = findSchedule(o.config(), params.name);
        return { changes: await o.store.listChanges(schedule.name, { ...(query.from !== undefined ? { from: query.from } : {}), ...(query.to !== undefined ? { to: query.to } : {}) }) };
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/schedules/:name/fairness', scope: 'read', tag, errorStatuses: [404],
      summary: 'The fairness report, and with person/from/to the verdict on that proposed override before saving it',
      params: s.scheduleParams, query: s.fairnessQuery, response: s.fairnessResponse,
      handler: async ({ params, query }) => {
        const o = svc();
        const schedule = findSchedule(o.config(), params.name);
        const changes = await storedChanges(o, schedule.name);
        const exceptions = await allExceptions(o);
        const proposedFields = [query.person, query.from, query.to].filter((v) => v !== undefined).length;
        if (proposedFields > 0 && proposedFields < 3) {
          throw new InputError('a proposed override needs person, from and to together', [{ path: 'query', message: 'give person, from and to, or none of them' }]);
        }
        if (query.person !== undefined && query.from !== undefined && query.to !== undefined) {
          knownPerson(o, query.person, 'query.person');
          const verdict = evaluateProposedChange({ schedule, changes, proposed: { kind: 'override', id: 'proposed', person: query.person, start: query.from, end: query.to }, now: o.now(), exceptions });
          return { schedule: schedule.name, verdict: { accepted: verdict.accepted, message: verdict.message }, report: verdict.after };
        }
        const range = { from: o.now(), to: o.now() + 4 * schedule.fairness.horizonDays * DAY_MS };
        return { schedule: schedule.name, verdict: null, report: checkFairness(schedule, computeFinalSchedule(schedule, changes, range), { range }, exceptions) };
      },
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/schedules/:name/overrides', scope: 'write', tag, successStatus: 201, errorStatuses: [404, 409],
      summary: 'Create an override (a person covers a time range); refused with 409 when unfair unless an approved exception is given',
      params: s.scheduleParams, body: s.overrideBody, response: s.changeCreatedResponse,
      handler: async ({ params, body, principal }) => {
        const o = svc();
        const schedule = findSchedule(o.config(), params.name);
        knownPerson(o, body.person, 'body.person');
        const input: NewScheduleChange = { kind: 'override', schedule: schedule.name, person: body.person, start: body.from, end: body.to, createdBy: principal?.name ?? 'unknown', ...(body.reason ? { reason: body.reason } : {}) };
        return saveChecked(o, schedule, input, { kind: 'override', id: 'proposed', person: body.person, start: body.from, end: body.to }, body.exception);
      },
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/schedules/:name/swaps', scope: 'write', tag, successStatus: 201, errorStatuses: [404, 409],
      summary: 'Swap shifts between two people; refused with 409 when unfair unless an approved exception is given',
      params: s.scheduleParams, body: s.swapBody, response: s.changeCreatedResponse,
      handler: async ({ params, body, principal }) => {
        const o = svc();
        const schedule = findSchedule(o.config(), params.name);
        knownPerson(o, body.first.person, 'body.first.person');
        knownPerson(o, body.second.person, 'body.second.person');
        const first = { person: body.first.person, start: body.first.from, end: body.first.to };
        const second = { person: body.second.person, start: body.second.from, end: body.second.to };
        const input: NewScheduleChange = { kind: 'swap', schedule: schedule.name, first, second, createdBy: principal?.name ?? 'unknown', ...(body.reason ? { reason: body.reason } : {}) };
        return saveChecked(o, schedule, input, { kind: 'swap', id: 'proposed', first, second }, body.exception);
      },
    }),
    defineRoute({
      method: 'DELETE', url: '/api/v1/schedules/:name/overrides/:id', scope: 'write', tag, errorStatuses: [404],
      summary: 'Delete an override or swap (kept in the history as deleted)',
      params: s.changeParams,
      handler: async ({ params, principal }) => {
        const o = svc();
        const schedule = findSchedule(o.config(), params.name);
        const deleted = await o.store.deleteChange(schedule.name, params.id, { now: o.now(), deletedBy: principal?.name ?? 'unknown' });
        if (!deleted) throw new NotFoundError(`no override or swap ${params.id} in schedule ${schedule.name}; list them with GET /api/v1/schedules/${schedule.name}/overrides`);
        await o.changed();
        return { deleted: params.id };
      },
    }),
  ];
}

function knownPerson(o: OnCallServices, person: string, path: string): void {
  if (o.config().people.some((p) => p.id === person)) return;
  throw new InputError(`unknown person "${person}"; use an id declared under people`, [{ path, message: `unknown person "${person}"` }]);
}

async function saveChecked(o: OnCallServices, schedule: Schedule, input: NewScheduleChange, proposed: ScheduleChange, exception: Exception | undefined) {
  const now = o.now();
  const verdict: ProposedChangeVerdict = evaluateProposedChange({ schedule, changes: await storedChanges(o, schedule.name), proposed, now, exceptions: await allExceptions(o) });
  let exceptions: NewFairnessException[] = [];
  if (!verdict.accepted) {
    if (!exception) {
      throw new ConflictError(`${verdict.message} To save it anyway, resend with an approved exception: "exception": {"approvedBy", "reason", "until"}.`);
    }
    if (exception.until <= now) throw new InputError('the exception has already ended; give an until in the future', [{ path: 'body.exception.until', message: 'must be in the future' }]);
    // One recorded exception per person the change pushes over the limit.
    const people = [...new Set(verdict.blocking.map((v) => v.person))];
    exceptions = people.map((person) => ({ person, ...exception }));
  }
  const saved = await o.store.createChange(input, { now, exceptions });
  await o.changed();
  const message = verdict.accepted ? verdict.message : `accepted with an exception approved by ${exception!.approvedBy}: ${verdict.message}`;
  return { change: saved.change, verdict: { accepted: true, message }, exceptions: saved.exceptions };
}
