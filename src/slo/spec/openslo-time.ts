/**
 * OpenSLO durations (`<n>` + m h d w M Q Y, where m is minutes and M months) and time windows.
 * The spec's own "monthly SLA" example writes `1m` for a month; that is accepted as a month with
 * a warning rather than rejected, since no SLO window is one minute long.
 */
import { DateTime } from 'luxon';
import type { SloWindow } from '../model.js';
import { checkTimeZone } from './sloop-fields.js';
import { MapReader } from './yaml-reader.js';

const OPENSLO_DURATION = /^(\d+)([mhdwMQY])$/;
const DAY = 24 * 60;
/** Nominal lengths for rolling windows given in calendar units. */
const UNIT_MINUTES: Record<string, number> = { m: 1, h: 60, d: DAY, w: 7 * DAY, M: 30 * DAY, Q: 90 * DAY, Y: 365 * DAY };

export function parseOpenSloDuration(text: string): { count: number; unit: string } | undefined {
  const match = OPENSLO_DURATION.exec(text.trim());
  return match ? { count: Number(match[1]), unit: match[2]! } : undefined;
}

/** A duration in whole minutes (`timeSliceWindow`, `lookbackWindow`); reports and returns undefined otherwise. */
export function readOpenSloMinutes(r: MapReader, key: string): number | undefined {
  const text = r.text(key);
  if (text === undefined) return undefined;
  const d = parseOpenSloDuration(text);
  if (!d || d.count <= 0) {
    r.ctx.error(r.node_(key), r.field(key), `"${text}" is not an OpenSLO duration; write a whole number and a unit (m = minutes, h, d, w, M = months, Q, Y), e.g. 5m`);
    return undefined;
  }
  return d.count * UNIT_MINUTES[d.unit]!;
}

export function parseTimeWindow(spec: MapReader): SloWindow | undefined {
  const items = spec.list('timeWindow');
  if (items.length === 0) {
    if (!spec.has('timeWindow')) spec.require('timeWindow', 'e.g. timeWindow: [{duration: 28d, isRolling: true}]');
    return undefined;
  }
  if (items.length > 1) {
    spec.ctx.error(items[1]!.node, spec.field('timeWindow'), 'OpenSLO allows exactly one time window; keep one entry');
    return undefined;
  }
  const w = MapReader.of(spec.ctx, items[0]!.node, items[0]!.path, ['duration', 'isRolling', 'calendar']);
  if (!w) return undefined;
  const text = w.text('duration');
  if (text === undefined) {
    w.require('duration', 'e.g. duration: 28d');
    return undefined;
  }
  const isRolling = w.boolean('isRolling') ?? !w.has('calendar');
  const parsed = parseOpenSloDuration(text);
  if (!parsed || parsed.count <= 0) {
    w.ctx.error(w.node_('duration'), w.field('duration'), `unknown duration "${text}"; write a whole number and a unit (m = minutes, h, d, w, M = months, Q = quarters, Y = years), e.g. 28d or 1M`);
    return undefined;
  }
  let { count, unit } = parsed;
  if (unit === 'm' && count <= 12) {
    w.ctx.warn(w.node_('duration'), w.field('duration'), `"${text}" means ${count} minute(s) in OpenSLO, too short for an SLO window; read as ${count}M (month), as the spec's own example intends: write ${count}M`);
    unit = 'M';
  }
  if (isRolling) {
    if (w.has('calendar')) w.ctx.error(w.keyNode('calendar'), w.field('calendar'), 'calendar applies only when isRolling is false; remove it or set isRolling: false');
    const minutes = count * UNIT_MINUTES[unit]!;
    if (minutes < 60) {
      w.ctx.error(w.node_('duration'), w.field('duration'), `a ${text} window is too short for an SLO; use hours or days, e.g. 28d`);
      return undefined;
    }
    return { type: 'rolling', minutes };
  }
  const calendarUnit = ({ w: 'week', M: 'month', Q: 'quarter' } as const)[unit as 'w' | 'M' | 'Q'];
  if (count !== 1 || calendarUnit === undefined) {
    w.ctx.error(w.node_('duration'), w.field('duration'), `calendar windows must be 1w, 1M or 1Q (a week, month or quarter); got "${text}"`);
    return undefined;
  }
  const timeZone = readCalendar(w);
  return timeZone === undefined ? undefined : { type: 'calendar', unit: calendarUnit, timeZone };
}

function readCalendar(w: MapReader): string | undefined {
  const c = w.map('calendar', ['startTime', 'timeZone']);
  if (!c) {
    w.require('calendar', 'a calendar window needs calendar: {startTime: "2024-01-01 00:00:00", timeZone: UTC}');
    return undefined;
  }
  const start = c.text('startTime');
  if (start !== undefined && !DateTime.fromFormat(start, 'yyyy-MM-dd HH:mm:ss').isValid) {
    c.ctx.error(c.node_('startTime'), c.field('startTime'), `"${start}" is not a start time; write "YYYY-MM-DD HH:MM:SS", e.g. "2024-01-01 00:00:00"`);
  }
  const zone = c.string('timeZone');
  if (zone === undefined) {
    c.require('timeZone', 'an IANA time zone such as UTC or Europe/Berlin');
    return undefined;
  }
  return checkTimeZone(c.ctx, c.node_('timeZone'), c.field('timeZone'), zone);
}
