/**
 * sloop/v1 fields shared by SLOs and the file's `defaults:` block: window, budgeting and names.
 */
import { isScalar } from 'yaml';
import { IANAZone } from 'luxon';
import type { Budgeting, SloWindow } from '../model.js';
import { parseMinutes } from './durations.js';
import { didYouMean } from './suggest.js';
import { MapReader, describeNode, type DocContext } from './yaml-reader.js';
import type { Node } from 'yaml';

const CALENDAR_UNITS = ['week', 'month', 'quarter'] as const;

export function parseWindow(r: MapReader, key: string): SloWindow | undefined {
  const node = r.node_(key);
  if (node === undefined) return undefined;
  if (isScalar(node) && typeof node.value === 'string') {
    const parsed = parseMinutes(node.value, ['h', 'd', 'w']);
    if (parsed.ok) return { type: 'rolling', minutes: parsed.value };
    r.ctx.error(node, r.field(key), parsed.message);
    return undefined;
  }
  const m = r.map(key, ['calendar', 'timeZone'], 'a rolling duration such as 28d, or {calendar: month, timeZone: Europe/Berlin}');
  if (!m) return undefined;
  const unit = m.string('calendar');
  const timeZone = checkTimeZone(m.ctx, m.node_('timeZone'), m.field('timeZone'), m.string('timeZone') ?? 'UTC');
  if (unit === undefined) {
    m.require('calendar', 'set week, month or quarter');
    return undefined;
  }
  if (!(CALENDAR_UNITS as readonly string[]).includes(unit)) {
    const hint = didYouMean(unit, CALENDAR_UNITS);
    m.ctx.error(m.node_('calendar'), m.field('calendar'), `unknown calendar period "${unit}"; use week, month or quarter${hint ? ` (did you mean "${hint}"?)` : ''}`);
    return undefined;
  }
  if (timeZone === undefined) return undefined;
  return { type: 'calendar', unit: unit as (typeof CALENDAR_UNITS)[number], timeZone };
}

/** Returns the zone when luxon knows it; reports and returns undefined otherwise. */
export function checkTimeZone(ctx: DocContext, node: Node | undefined, field: string, zone: string): string | undefined {
  if (IANAZone.isValidZone(zone)) return zone;
  ctx.error(node, field, `unknown time zone "${zone}"; use an IANA name such as UTC, Europe/Berlin or America/New_York`);
  return undefined;
}

const BUDGETING_METHODS = ['occurrences', 'timeslices', 'ratioTimeslices'];

export function parseBudgeting(r: MapReader, key: string): Budgeting | undefined {
  const node = r.node_(key);
  if (node === undefined) return undefined;
  if (isScalar(node) && typeof node.value === 'string') {
    if (node.value === 'occurrences') return { method: 'occurrences' };
    const hint = didYouMean(node.value, BUDGETING_METHODS);
    const fix =
      node.value === 'timeslices' || hint === 'timeslices'
        ? 'timeslices needs a slice and a target: {timeslices: {slice: 5m, target: 95}}'
        : node.value === 'ratioTimeslices' || hint === 'ratioTimeslices'
          ? 'ratioTimeslices needs a slice: {ratioTimeslices: {slice: 5m}}'
          : 'use occurrences, {timeslices: {slice: 5m, target: 95}} or {ratioTimeslices: {slice: 5m}}';
    r.ctx.error(node, r.field(key), `unknown budgeting "${node.value}"; ${fix}`);
    return undefined;
  }
  const m = r.map(key, ['timeslices', 'ratioTimeslices'], `occurrences or a mapping such as {timeslices: {slice: 5m, target: 95}}; not ${describeNode(node)}`);
  if (!m) return undefined;
  if (m.has('timeslices') && m.has('ratioTimeslices')) {
    m.ctx.error(m.node, m.path, 'set timeslices or ratioTimeslices, not both');
    return undefined;
  }
  if (m.has('timeslices')) {
    const t = m.map('timeslices', ['slice', 'target']);
    if (!t) return undefined;
    const slice = sliceMinutes(t);
    const target = t.number('target');
    if (target === undefined) t.require('target', 'the percentage a slice must meet to count as good, e.g. 95');
    else if (!(target > 0 && target <= 100)) {
      t.ctx.error(t.node_('target'), t.field('target'), `must be a percentage above 0 and at most 100, e.g. 95; got ${target}`);
      return undefined;
    }
    if (slice === undefined || target === undefined) return undefined;
    return { method: 'timeslices', sliceMinutes: slice, sliceTarget: toFraction(target) };
  }
  if (m.has('ratioTimeslices')) {
    const t = m.map('ratioTimeslices', ['slice']);
    const slice = t && sliceMinutes(t);
    return slice === undefined ? undefined : { method: 'ratioTimeslices', sliceMinutes: slice };
  }
  return undefined;
}

function sliceMinutes(t: MapReader): number | undefined {
  const text = t.text('slice');
  if (text === undefined) {
    t.require('slice', 'e.g. slice: 5m');
    return undefined;
  }
  const parsed = parseMinutes(text, ['m', 'h']);
  if (parsed.ok) return parsed.value;
  t.ctx.error(t.node_('slice'), t.field('slice'), parsed.message);
  return undefined;
}

/** 99.9 -> 0.999 without binary noise (0.9990000000000001). */
export function toFraction(percent: number): number {
  return Number((percent / 100).toPrecision(12));
}

const NAME = /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/;

/** SLO names end up in URLs, metric labels and data files. */
export function checkName(ctx: DocContext, node: Node | undefined, field: string, name: string): boolean {
  if (NAME.test(name) && name.length <= 128) return true;
  ctx.error(node, field, `"${name}" is not a valid name; use letters, digits, ".", "_" and "-", starting and ending with a letter or digit (e.g. checkout-availability)`);
  return false;
}
