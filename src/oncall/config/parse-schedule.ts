/** The `schedules` section: schedules, their layers and restrictions. */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { DateTime } from 'luxon';
import { DocContext, MapReader } from '../../slo/spec/yaml-reader.js';
import { defaultFairness, type FairnessSettings, type Layer, type Schedule, type WeeklyWindow, type Weekday } from '../schedule/model.js';
import { layerSegments, turnStarts } from '../schedule/rotation.js';
import { naiveDate, parseClock } from '../schedule/wall-clock.js';
import { readId, readPeopleList, readZone } from './parse.js';
import { DAY_ABBREVIATIONS, parseTimeRange, parseWeekday, parseWeeklyRange, windowsForDays } from './restrictions.js';
import { TURN_HINT, parseTurnObject, parseTurnText } from './turn.js';
import type { TurnLength } from '../schedule/model.js';

const SCHEDULE_KEYS = ['name', 'description', 'timeZone', 'team', 'fairness', 'layers'];
const FAIRNESS_KEYS = ['maxShare', 'horizonDays', 'minRotationSize'];
const LAYER_KEYS = ['name', 'participants', 'turn', 'handoffTime', 'start', 'activeFrom', 'activeUntil', 'restrictions', 'handoffMode', 'coOnCall'];
const RESTRICTION_KEYS = ['timeOfDay', 'days', 'weekly'];
const EIGHT_WEEKS_MS = 56 * 86_400_000;

export function parseSchedules(ctx: DocContext, root: MapReader, personIds: Set<string>, teamIds: Set<string>): Schedule[] {
  const seen = new Set<string>();
  const schedules: Schedule[] = [];
  for (const { node, path } of root.list('schedules')) {
    const r = MapReader.of(ctx, node, path, SCHEDULE_KEYS, 'a schedule mapping with name, timeZone and layers');
    if (!r) continue;
    const name = readId(ctx, r, 'name', seen, 'schedule');
    const timeZone = r.require('timeZone', 'add the IANA time zone handoffs follow, e.g. Europe/Berlin') ? readZone(ctx, r, 'timeZone') : undefined;
    const team = r.text('team');
    if (team !== undefined && !teamIds.has(team)) ctx.error(r.node_('team'), r.field('team'), `unknown team "${team}"; declare it under teams`);
    const fairness = parseFairness(ctx, r);
    r.require('layers', 'add at least one layer (a rotation of participants)');
    const layers: Layer[] = [];
    const layerNames = new Set<string>();
    for (const item of r.list('layers')) {
      const layer = parseLayer(ctx, item.node, item.path, personIds, layerNames, timeZone ?? 'UTC', layers.length === 0);
      if (layer) layers.push(layer);
    }
    const pos = ctx.position(node);
    if (name && timeZone && layers.length > 0) {
      schedules.push({
        name, timeZone, layers, fairness, origin: { file: ctx.file, ...pos, field: path },
        ...(team ? { team } : {}),
        ...(r.string('description') ? { description: r.string('description') } : {}),
      });
    }
  }
  return schedules;
}

function parseFairness(ctx: DocContext, schedule: MapReader): FairnessSettings {
  const r = schedule.map('fairness', FAIRNESS_KEYS);
  const out = { ...defaultFairness };
  if (!r) return out;
  const maxShare = r.number('maxShare');
  if (maxShare !== undefined) {
    if (maxShare > 0 && maxShare <= 1) out.maxShare = maxShare;
    else ctx.error(r.node_('maxShare'), r.field('maxShare'), `must be a fraction above 0 and at most 1 (0.25 = one week in four), got ${maxShare}`);
  }
  for (const key of ['horizonDays', 'minRotationSize'] as const) {
    const v = r.number(key);
    if (v === undefined) continue;
    if (Number.isInteger(v) && v >= 1) out[key] = v;
    else ctx.error(r.node_(key), r.field(key), `must be a whole number of at least 1, got ${v}`);
  }
  return out;
}

function parseLayer(ctx: DocContext, node: Node, path: string, personIds: Set<string>, names: Set<string>, zone: string, first: boolean): Layer | undefined {
  const r = MapReader.of(ctx, node, path, LAYER_KEYS, 'a layer mapping with name, participants, turn and start');
  if (!r) return undefined;
  const name = readId(ctx, r, 'name', names, 'layer');
  const participants = readParticipants(ctx, r, personIds);
  const turn = r.require('turn', TURN_HINT) ? parseTurn(ctx, r) : undefined;
  const handoffMinute = readHandoff(ctx, r);
  const startDate = readStartDate(ctx, r);
  const mode = readMode(ctx, r, turn);
  const coOnCall = r.boolean('coOnCall') ?? false;
  if (coOnCall && first) ctx.warn(r.node_('coOnCall'), r.field('coOnCall'), 'the first layer has no layer before it to share on-call with, so coOnCall has no effect; remove it or move the layer down');
  const activeFrom = readInstant(ctx, r, 'activeFrom', zone);
  const activeUntil = readInstant(ctx, r, 'activeUntil', zone);
  if (activeFrom !== undefined && activeUntil !== undefined && activeUntil <= activeFrom) {
    ctx.error(r.node_('activeUntil'), r.field('activeUntil'), 'is not after activeFrom, so the layer is never in force; fix or remove one of them');
    return undefined;
  }
  const restrictions = parseRestrictions(ctx, r);
  if (!name || !participants || !turn || handoffMinute === undefined || !startDate || !mode || !restrictions) return undefined;
  const layer: Layer = {
    name, participants, turn, handoffMinute, startDate, restrictions, handoffMode: mode, coOnCall,
    origin: { file: ctx.file, ...ctx.position(node), field: path },
    ...(activeFrom !== undefined ? { activeFrom } : {}),
    ...(activeUntil !== undefined ? { activeUntil } : {}),
  };
  // A safety net for combinations the field checks cannot see (e.g. bounds before the start).
  const probeFrom = Math.max(turnStarts(layer, zone)(0), activeFrom ?? -Infinity);
  const probeTo = Math.min(probeFrom + EIGHT_WEEKS_MS, activeUntil ?? Infinity);
  if (layerSegments(layer, 0, zone, { from: probeFrom, to: probeTo }).length === 0) {
    ctx.error(node, path, 'this layer is never on call: its restrictions and active range leave no time in its first eight weeks; check them');
    return undefined;
  }
  return layer;
}

function readParticipants(ctx: DocContext, r: MapReader, personIds: Set<string>): string[] | undefined {
  if (!r.require('participants', 'list the person ids in rotation order')) return undefined;
  const listed = r.list('participants').length;
  const participants = readPeopleList(ctx, r, 'participants', personIds);
  if (listed === 0 && isSeq(r.node_('participants'))) ctx.error(r.node_('participants'), r.field('participants'), 'is empty; list at least one person id');
  return participants.length === listed && listed > 0 ? participants : undefined;
}

function readHandoff(ctx: DocContext, r: MapReader): number | undefined {
  const text = r.text('handoffTime') ?? '09:00';
  const minute = parseClock(text);
  if (minute !== null && minute < 1440) return minute;
  ctx.error(r.node_('handoffTime'), r.field('handoffTime'), `"${text}" is not a time of day; write HH:mm, e.g. "09:00"`);
  return undefined;
}

function readStartDate(ctx: DocContext, r: MapReader): string | undefined {
  if (!r.require('start', 'add the local date of the first handoff, e.g. 2026-01-05')) return undefined;
  const text = r.text('start');
  if (text === undefined) return undefined;
  if (!Number.isNaN(naiveDate(text))) return text;
  ctx.error(r.node_('start'), r.field('start'), `"${text}" is not a date; write YYYY-MM-DD`);
  return undefined;
}

function readMode(ctx: DocContext, r: MapReader, turn: TurnLength | undefined): Layer['handoffMode'] | undefined {
  const mode = r.string('handoffMode') ?? 'wallclock';
  if (mode !== 'wallclock' && mode !== 'fixed') {
    ctx.error(r.node_('handoffMode'), r.field('handoffMode'), `"${mode}" is not a handoff mode; use wallclock (follow local time across DST) or fixed (exact durations)`);
    return undefined;
  }
  if (mode === 'fixed' && turn?.unit === 'months') {
    ctx.error(r.node_('handoffMode'), r.field('handoffMode'), 'a month has no fixed length; use handoffMode: wallclock or a turn in days or weeks');
    return undefined;
  }
  return mode;
}

function parseTurn(ctx: DocContext, r: MapReader): TurnLength | undefined {
  const node = r.node_('turn');
  let result: TurnLength | string;
  if (isScalar(node)) result = parseTurnText(String(node.value));
  else if (isMap(node) && node.items.length === 1) {
    const pair = node.items[0] as { key: unknown; value: unknown };
    result = parseTurnObject(String(isScalar(pair.key) ? pair.key.value : ''), isScalar(pair.value) ? pair.value.value : undefined);
  } else result = `expected a turn length; ${TURN_HINT}`;
  if (typeof result === 'string') {
    ctx.error(node, r.field('turn'), result);
    return undefined;
  }
  return result;
}

function readInstant(ctx: DocContext, r: MapReader, key: string, zone: string): number | undefined {
  const text = r.text(key);
  if (text === undefined) return undefined;
  const d = DateTime.fromISO(text, { zone });
  if (!d.isValid) {
    ctx.error(r.node_(key), r.field(key), `"${text}" is not a date-time; write ISO 8601, e.g. 2026-01-05T09:00 (schedule time zone) or with an offset`);
    return undefined;
  }
  return d.toMillis();
}

/** Returns undefined when any restriction is invalid (all problems are reported). */
function parseRestrictions(ctx: DocContext, layer: MapReader): WeeklyWindow[] | undefined {
  const windows: WeeklyWindow[] = [];
  let ok = true;
  for (const { node, path } of layer.list('restrictions')) {
    const r = MapReader.of(ctx, node, path, RESTRICTION_KEYS, 'a restriction such as {timeOfDay: "18:00-09:00"} or {weekly: "fri 18:00 - mon 09:00"}');
    if (!r) {
      ok = false;
      continue;
    }
    if (r.has('weekly')) {
      if (r.has('timeOfDay') || r.has('days')) ctx.error(r.node, path, 'use either weekly or timeOfDay/days in one restriction, not both; split it into two restrictions');
      const w = parseWeeklyRange(r.text('weekly') ?? '');
      if (typeof w === 'string') {
        ctx.error(r.node_('weekly'), r.field('weekly'), w);
        ok = false;
      } else windows.push(w);
      continue;
    }
    if (!r.has('timeOfDay') && !r.has('days')) {
      ctx.error(r.node, path, 'is empty; give timeOfDay ("18:00-09:00"), days ([mon, tue]) or weekly ("fri 18:00 - mon 09:00")');
      ok = false;
      continue;
    }
    let timeOfDay: { from: number; to: number } | undefined;
    if (r.has('timeOfDay')) {
      const t = parseTimeRange(r.text('timeOfDay') ?? '');
      if (typeof t === 'string') {
        ctx.error(r.node_('timeOfDay'), r.field('timeOfDay'), t);
        ok = false;
        continue;
      }
      timeOfDay = t;
    }
    const days = r.has('days') ? parseDays(ctx, r) : [1, 2, 3, 4, 5, 6, 7] as Weekday[];
    if (days === undefined) {
      ok = false;
      continue;
    }
    windows.push(...windowsForDays(days, timeOfDay));
  }
  return ok ? windows : undefined;
}

function parseDays(ctx: DocContext, r: MapReader): Weekday[] | undefined {
  const node = r.node_('days');
  if (!isSeq(node)) {
    ctx.error(node, r.field('days'), `expected a list of days such as [mon, tue, wed, thu, fri]`);
    return undefined;
  }
  if (node.items.length === 0) {
    ctx.error(node, r.field('days'), 'is empty, so this restriction never matches; list at least one day or remove the restriction');
    return undefined;
  }
  const days: Weekday[] = [];
  let ok = true;
  node.items.forEach((item, i) => {
    const day = isScalar(item) ? parseWeekday(String(item.value)) : undefined;
    if (!day) {
      ctx.error(item as Node, `${r.field('days')}[${i}]`, `unknown day; use ${DAY_ABBREVIATIONS.join(', ')}`);
      ok = false;
    } else if (!days.includes(day)) days.push(day);
  });
  return ok ? days : undefined;
}
