/**
 * Converts a PagerDuty schedule (REST API JSON) into sloop's schedule model and YAML.
 *
 * Semantics carried over: turns counted from `rotation_virtual_start`, the layer in force
 * from `start` to `end`, restrictions that mask turns without pausing the rotation (sloop's
 * own semantics), and "the lowest (last) layer wins" (sloop's layer order).
 * Decisions, reported as notes: handoffs follow wall-clock time (handoffMode: wallclock);
 * layer order comes from "Layer N" names when every layer has one, otherwise from
 * `layerOrder` (default: highest layer first, the order GET /schedules has returned).
 * Refused, with every reason at once: turns that are not whole hours, times with seconds,
 * restrictions of unknown type or longer than their period, layers without users, unknown
 * time zones.
 */
import { DateTime } from 'luxon';
import { InputError, type FieldProblem } from '../../../errors/index.js';
import { defaultFairness, type Layer, type Person, type Schedule, type TurnLength, type WeeklyWindow, type Weekday } from '../../schedule/model.js';
import { isValidZone } from '../../schedule/wall-clock.js';
import type { PagerDutyLayer, PagerDutyRestriction, PagerDutySchedule } from './types.js';

export interface PagerDutyImportOptions {
  /** sloop schedule name; default: a slug of the PagerDuty name. */
  name?: string;
  /** Map PagerDuty user ids to existing sloop person ids. */
  personIds?: Record<string, string>;
  layerOrder?: 'highest-first' | 'lowest-first';
}

export interface PagerDutyImport {
  schedule: Schedule;
  /** Stub people for users not mapped by `personIds`: add contact methods and check time zones. */
  people: Person[];
  notes: string[];
}

const HOUR = 3600;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

export function convertPagerDutySchedule(input: unknown, options: PagerDutyImportOptions = {}): PagerDutyImport {
  const pd = unwrap(input);
  const problems: FieldProblem[] = [];
  const notes: string[] = [];
  const zone = pd.time_zone;
  if (typeof zone !== 'string' || !isValidZone(zone)) {
    throw new InputError(`schedule.time_zone ${JSON.stringify(zone)} is not an IANA time zone; export the schedule with an IANA zone such as America/New_York`, [{ path: 'schedule.time_zone', message: 'not an IANA time zone' }]);
  }
  if (!Array.isArray(pd.schedule_layers) || pd.schedule_layers.length === 0) {
    throw new InputError('the schedule has no schedule_layers; fetch it with GET /schedules/{id} (the layers are included there)', [{ path: 'schedule.schedule_layers', message: 'missing or empty' }]);
  }
  const ordered = orderLayers(pd.schedule_layers, options.layerOrder, notes);
  const state: PeopleState = { people: [], byPagerDutyId: new Map(), usedIds: new Set(Object.values(options.personIds ?? {})) };
  const layers: Layer[] = [];
  const names = new Set<string>();
  for (const { layer, index } of ordered) {
    const path = `schedule.schedule_layers[${index}]`;
    const converted = convertLayer(layer, path, zone, problems, (user) => personFor(user, options, state, zone));
    if (!converted) continue;
    let name = converted.name;
    for (let n = 2; names.has(name); n++) name = `${converted.name}-${n}`;
    names.add(name);
    layers.push({ ...converted, name });
  }
  if (problems.length > 0) {
    throw new InputError(
      `this PagerDuty schedule cannot be expressed in sloop:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}\nAdjust the schedule in PagerDuty (or edit the JSON) and import again.`,
      problems,
    );
  }
  notes.push('handoffs follow wall-clock time in the schedule time zone across DST (handoffMode: wallclock), which is how PagerDuty presents handoff times');
  if (state.people.length > 0) notes.push(`created ${state.people.length} people from PagerDuty users (${state.people.map((p) => p.id).join(', ')}): add their contact methods and check their time zones (set to ${zone})`);
  const schedule: Schedule = {
    name: options.name ?? slug(pd.name ?? pd.summary ?? pd.id ?? 'pagerduty-schedule'),
    timeZone: zone,
    layers,
    fairness: { ...defaultFairness },
    ...(pd.description ? { description: pd.description } : {}),
  };
  return { schedule, people: state.people, notes };
}

function unwrap(input: unknown): PagerDutySchedule {
  if (input && typeof input === 'object' && 'schedule' in input) return (input as { schedule: PagerDutySchedule }).schedule;
  if (input && typeof input === 'object') return input as PagerDutySchedule;
  throw new InputError('expected a PagerDuty schedule object (the JSON of GET /schedules/{id})');
}

function orderLayers(layers: PagerDutyLayer[], order: PagerDutyImportOptions['layerOrder'], notes: string[]) {
  const indexed = layers.map((layer, index) => ({ layer, index }));
  const numbers = layers.map((l) => /^Layer (\d+)$/i.exec(l.name ?? '')?.[1]);
  if (!order && numbers.every((n) => n !== undefined)) {
    notes.push('layer precedence taken from the "Layer N" names: a higher N wins, as in PagerDuty');
    return indexed.sort((a, b) => Number(numbers[a.index]) - Number(numbers[b.index]));
  }
  const effective = order ?? 'highest-first';
  notes.push(`layer precedence taken from the JSON order (${effective}); pass layerOrder if your export lists layers the other way`);
  return effective === 'highest-first' ? indexed.reverse() : indexed;
}

function convertLayer(layer: PagerDutyLayer, path: string, zone: string, problems: FieldProblem[], person: (u: PagerDutyLayer['users'][number]['user']) => string): Layer | undefined {
  const before = problems.length;
  const virtualStart = DateTime.fromISO(layer.rotation_virtual_start ?? '', { setZone: true });
  if (!virtualStart.isValid) problems.push({ path: `${path}.rotation_virtual_start`, message: `${JSON.stringify(layer.rotation_virtual_start)} is not an ISO 8601 date-time` });
  const local = virtualStart.setZone(zone);
  if (virtualStart.isValid && (local.second !== 0 || local.millisecond !== 0)) {
    problems.push({ path: `${path}.rotation_virtual_start`, message: `handoffs at ${local.toFormat('HH:mm:ss')} have seconds; sloop handoff times are whole minutes` });
  }
  const turn = turnFromSeconds(layer.rotation_turn_length_seconds, `${path}.rotation_turn_length_seconds`, problems);
  const users = Array.isArray(layer.users) ? layer.users : [];
  if (users.length === 0) problems.push({ path: `${path}.users`, message: 'the layer has no users; remove it or add users in PagerDuty' });
  const restrictions = (layer.restrictions ?? []).flatMap((r, i) => convertRestriction(r, `${path}.restrictions[${i}]`, problems));
  const fullCoverage = restrictions.some((r) => r === 'always');
  const layerStart = DateTime.fromISO(layer.start ?? '', { setZone: true });
  if (!layerStart.isValid) problems.push({ path: `${path}.start`, message: `${JSON.stringify(layer.start)} is not an ISO 8601 date-time` });
  const end = layer.end ? DateTime.fromISO(layer.end, { setZone: true }) : null;
  if (end && !end.isValid) problems.push({ path: `${path}.end`, message: `${JSON.stringify(layer.end)} is not an ISO 8601 date-time` });
  if (problems.length > before || !turn) return undefined;
  return {
    name: slug(layer.name ?? 'layer'),
    participants: users.map((u) => person(u.user)),
    turn,
    handoffMinute: local.hour * 60 + local.minute,
    startDate: local.toISODate()!,
    ...(layerStart.toMillis() > virtualStart.toMillis() ? { activeFrom: layerStart.toMillis() } : {}),
    ...(end ? { activeUntil: end.toMillis() } : {}),
    restrictions: fullCoverage ? [] : (restrictions as WeeklyWindow[]),
    handoffMode: 'wallclock',
    coOnCall: false,
  };
}

function turnFromSeconds(seconds: unknown, path: string, problems: FieldProblem[]): TurnLength | undefined {
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds <= 0) {
    problems.push({ path, message: `${JSON.stringify(seconds)} is not a positive whole number of seconds` });
    return undefined;
  }
  if (seconds % HOUR !== 0) {
    problems.push({ path, message: `a turn of ${seconds} s (${Math.round((seconds / HOUR) * 100) / 100} h) is not a whole number of hours; sloop turns are whole hours, days, weeks or months` });
    return undefined;
  }
  if (seconds % WEEK === 0) return { unit: 'weeks', count: seconds / WEEK };
  if (seconds % DAY === 0) return { unit: 'days', count: seconds / DAY };
  return { unit: 'hours', count: seconds / HOUR };
}

/** One PagerDuty restriction as weekly windows, 'always' when it covers its whole period. */
function convertRestriction(r: PagerDutyRestriction, path: string, problems: FieldProblem[]): (WeeklyWindow | 'always')[] {
  const m = /^(\d{2}):(\d{2}):(\d{2})$/.exec(r.start_time_of_day ?? '');
  if (!m) {
    problems.push({ path: `${path}.start_time_of_day`, message: `${JSON.stringify(r.start_time_of_day)} is not HH:mm:ss` });
    return [];
  }
  if (m[3] !== '00') problems.push({ path: `${path}.start_time_of_day`, message: `${r.start_time_of_day} has seconds; sloop restriction windows are whole minutes` });
  const seconds = r.duration_seconds;
  if (!Number.isInteger(seconds) || seconds <= 0 || seconds % 60 !== 0) {
    problems.push({ path: `${path}.duration_seconds`, message: `${seconds} is not a positive whole number of minutes in seconds` });
    return [];
  }
  const startMinute = Number(m[1]) * 60 + Number(m[2]);
  const durationMinutes = seconds / 60;
  if (r.type === 'daily_restriction') {
    if (seconds > DAY) problems.push({ path: `${path}.duration_seconds`, message: `a daily restriction cannot last ${seconds} s, more than a day` });
    if (seconds >= DAY) return ['always'];
    return ([1, 2, 3, 4, 5, 6, 7] as Weekday[]).map((d) => ({ startDay: d, startMinute, durationMinutes }));
  }
  if (r.type === 'weekly_restriction') {
    const day = r.start_day_of_week;
    if (!Number.isInteger(day) || (day as number) < 1 || (day as number) > 7) {
      problems.push({ path: `${path}.start_day_of_week`, message: `${JSON.stringify(day)} is not an ISO weekday (1 = Monday … 7 = Sunday)` });
      return [];
    }
    if (seconds > WEEK) problems.push({ path: `${path}.duration_seconds`, message: `a weekly restriction cannot last ${seconds} s, more than a week` });
    if (seconds >= WEEK) return ['always'];
    return [{ startDay: day as Weekday, startMinute, durationMinutes }];
  }
  problems.push({ path: `${path}.type`, message: `unknown restriction type ${JSON.stringify(r.type)}; sloop understands daily_restriction and weekly_restriction` });
  return [];
}

/** The sloop id for a PagerDuty user: mapped, or a stub person created once per user. */
function personFor(user: { id: string; summary?: string }, options: PagerDutyImportOptions, state: PeopleState, zone: string): string {
  const mapped = options.personIds?.[user.id];
  if (mapped) return mapped;
  const known = state.byPagerDutyId.get(user.id);
  if (known) return known;
  let id = slug(user.summary ?? user.id);
  if (state.usedIds.has(id)) id = `${id}-${slug(user.id)}`;
  state.usedIds.add(id);
  state.byPagerDutyId.set(user.id, id);
  state.people.push({ id, name: user.summary ?? user.id, timeZone: zone, contactMethods: [], notificationRules: [] });
  return id;
}

interface PeopleState {
  people: Person[];
  byPagerDutyId: Map<string, string>;
  usedIds: Set<string>;
}

export function slug(text: string): string {
  const s = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return s || 'unnamed';
}
