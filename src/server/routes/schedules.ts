/**
 * On-call schedules over HTTP: who is on call, final shifts and gaps (computeFinalSchedule
 * over the config and the stored overrides), and runtime overrides and swaps. Every change is
 * checked for fairness before it is saved: a change that breaks the rule is refused with 409
 * and the verdict in words, unless the request carries an approved exception, which is
 * recorded with the change. GET …/fairness previews that same verdict for a proposed override
 * or swap, so the console can show it before anything is saved.
 */
import { ConflictError, InputError, NotFoundError, UnavailableError } from '../../errors/index.js';
import { checkFairness } from '../../oncall/fairness/check.js';
import { evaluateProposedChange, summarizeVerdict, type ProposedChangeVerdict } from '../../oncall/fairness/proposed.js';
import { computeFinalSchedule, findGaps, whoIsOnCall } from '../../oncall/schedule/final-schedule.js';
import type { Override, Schedule, ScheduleChange, ShiftSwap } from '../../oncall/schedule/model.js';
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
  /** The on-call services and the named schedule (NotFoundError naming the known ones otherwise). */
  const scheduleNamed = (name: string) => {
    const o = svc();
    return { o, schedule: findSchedule(o.config(), name) };
  };
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
        const { o, schedule } = scheduleNamed(params.name);
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
        const { o, schedule } = scheduleNamed(params.name);
        const shifts = computeFinalSchedule(schedule, await storedChanges(o, schedule.name), query);
        return { schedule: schedule.name, from: query.from, to: query.to, shifts };
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/schedules/:name/gaps', scope: 'read', tag, errorStatuses: [404],
      summary: 'Times in a range when nobody is on call',
      params: s.scheduleParams, query: s.rangeQuery, response: s.gapsResponse,
      handler: async ({ params, query }) => {
        const { o, schedule } = scheduleNamed(params.name);
        const gaps = findGaps(computeFinalSchedule(schedule, await storedChanges(o, schedule.name), query), query);
        return { schedule: schedule.name, from: query.from, to: query.to, gaps };
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/schedules/:name/overrides', scope: 'read', tag, errorStatuses: [404],
      summary: 'Stored overrides and swaps of a schedule, in the order they were accepted',
      params: s.scheduleParams, query: s.optionalRangeQuery, response: s.changeListResponse,
      handler: async ({ params, query }) => {
        const { o, schedule } = scheduleNamed(params.name);
        return { changes: await o.store.listChanges(schedule.name, { ...(query.from !== undefined ? { from: query.from } : {}), ...(query.to !== undefined ? { to: query.to } : {}) }) };
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/schedules/:name/fairness', scope: 'read', tag, errorStatuses: [404],
      summary: 'The fairness report; with person/from/to the verdict on that proposed override, and with with/withFrom/withTo added the verdict on that proposed swap, before saving it',
      params: s.scheduleParams, query: s.fairnessQuery, response: s.fairnessResponse,
      handler: async ({ params, query }) => {
        const { o, schedule } = scheduleNamed(params.name);
        const proposed = proposedFromQuery(o, query);
        if (proposed) {
          const verdict = await judge(o, schedule, proposed);
          const { id: _id, ...change } = proposed;
          return { schedule: schedule.name, proposed: change, verdict: summarizeVerdict(verdict), report: verdict.after };
        }
        const changes = await storedChanges(o, schedule.name);
        const range = { from: o.now(), to: o.now() + 4 * schedule.fairness.horizonDays * DAY_MS };
        return { schedule: schedule.name, proposed: null, verdict: null, report: checkFairness(schedule, computeFinalSchedule(schedule, changes, range), { range }, await allExceptions(o)) };
      },
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/schedules/:name/overrides', scope: 'write', tag, successStatus: 201, errorStatuses: [404, 409],
      summary: 'Create an override (a person covers a time range); refused with 409 when unfair unless an approved exception is given',
      params: s.scheduleParams, body: s.overrideBody, response: s.changeCreatedResponse,
      handler: async ({ params, body, principal }) => {
        const { o, schedule } = scheduleNamed(params.name);
        knownPerson(o, body.person, 'body.person');
        const proposed = proposedOverride(body.person, body.from, body.to);
        const input: NewScheduleChange = { kind: 'override', schedule: schedule.name, person: proposed.person, start: proposed.start, end: proposed.end, createdBy: principal?.name ?? 'unknown', ...(body.reason ? { reason: body.reason } : {}) };
        return saveChecked(o, schedule, input, proposed, body.exception);
      },
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/schedules/:name/swaps', scope: 'write', tag, successStatus: 201, errorStatuses: [404, 409],
      summary: 'Swap shifts between two people; refused with 409 when unfair unless an approved exception is given',
      params: s.scheduleParams, body: s.swapBody, response: s.changeCreatedResponse,
      handler: async ({ params, body, principal }) => {
        const { o, schedule } = scheduleNamed(params.name);
        knownPerson(o, body.first.person, 'body.first.person');
        knownPerson(o, body.second.person, 'body.second.person');
        const proposed = proposedSwap(body.first, body.second);
        const input: NewScheduleChange = { kind: 'swap', schedule: schedule.name, first: proposed.first, second: proposed.second, createdBy: principal?.name ?? 'unknown', ...(body.reason ? { reason: body.reason } : {}) };
        return saveChecked(o, schedule, input, proposed, body.exception);
      },
    }),
    defineRoute({
      method: 'DELETE', url: '/api/v1/schedules/:name/overrides/:id', scope: 'write', tag, errorStatuses: [404],
      summary: 'Delete an override or swap (kept in the history as deleted)',
      params: s.changeParams,
      handler: async ({ params, principal }) => {
        const { o, schedule } = scheduleNamed(params.name);
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

type Side = { person: string; from: number; to: number };

// The preview and the save build the proposed change with these and judge it with `judge`,
// so a previewed verdict is the one the save reaches (unless the stored changes move between).
function proposedOverride(person: string, from: number, to: number): Override {
  return { kind: 'override', id: 'proposed', person, start: from, end: to };
}

function proposedSwap(first: Side, second: Side): ShiftSwap {
  return { kind: 'swap', id: 'proposed', first: { person: first.person, start: first.from, end: first.to }, second: { person: second.person, start: second.from, end: second.to } };
}

async function judge(o: OnCallServices, schedule: Schedule, proposed: ScheduleChange): Promise<ProposedChangeVerdict> {
  return evaluateProposedChange({ schedule, changes: await storedChanges(o, schedule.name), proposed, now: o.now(), exceptions: await allExceptions(o) });
}

type FairnessQuery = { person?: string; from?: number; to?: number; with?: string; withFrom?: number; withTo?: number };

/** The override (person/from/to) or swap (plus with/withFrom/withTo) a preview asks about; null for the plain report. */
function proposedFromQuery(o: OnCallServices, q: FairnessQuery): ScheduleChange | null {
  const overrideFields = { person: q.person, from: q.from, to: q.to };
  const swapFields = { with: q.with, withFrom: q.withFrom, withTo: q.withTo };
  const missing = (fields: Record<string, unknown>) => Object.entries(fields).filter(([, v]) => v === undefined).map(([k]) => k);
  const isSwap = missing(swapFields).length < 3;
  if (!isSwap && missing(overrideFields).length === 3) return null;
  const absent = isSwap ? missing({ ...overrideFields, ...swapFields }) : missing(overrideFields);
  if (absent.length > 0) {
    const what = isSwap ? 'a proposed swap needs person, from, to, with, withFrom and withTo together' : 'a proposed override needs person, from and to together';
    throw new InputError(`${what}; missing ${absent.join(', ')}`, absent.map((k) => ({ path: `query.${k}`, message: 'required with the other fields of the proposed change' })));
  }
  knownPerson(o, q.person!, 'query.person');
  if (!isSwap) return proposedOverride(q.person!, q.from!, q.to!);
  knownPerson(o, q.with!, 'query.with');
  return proposedSwap({ person: q.person!, from: q.from!, to: q.to! }, { person: q.with!, from: q.withFrom!, to: q.withTo! });
}

async function saveChecked(o: OnCallServices, schedule: Schedule, input: NewScheduleChange, proposed: ScheduleChange, exception: Exception | undefined) {
  const now = o.now();
  const verdict = await judge(o, schedule, proposed);
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
