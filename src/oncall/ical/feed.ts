/**
 * RFC 5545 feeds of final shifts, one per schedule and one per person, for calendar
 * subscriptions. UIDs are derived from the shift itself (schedule, people, start, end), so a
 * shift keeps its UID across regenerations and a changed shift (an override cut it) becomes
 * a new event while the old one disappears. DTSTAMP is the injected `now`.
 */
import { createHash } from 'node:crypto';
import ical, { ICalCalendarMethod } from 'ical-generator';
import type { Interval } from '../schedule/intervals.js';
import { unionIntervals } from '../schedule/intervals.js';
import type { Person, Shift, ShiftSource } from '../schedule/model.js';

export interface CalendarOptions {
  now: number;
  /** Display names; ids are used for people not listed. */
  people?: readonly Person[];
  /** Public URL of the feed itself, written as the calendar's URL/SOURCE. */
  url?: string;
}

const PROD_ID = { company: 'sloop', product: 'oncall', language: 'EN' };

export function renderScheduleCalendar(schedule: string, shifts: readonly Shift[], options: CalendarOptions): string {
  const names = nameLookup(options.people);
  const cal = ical({ name: `On call: ${schedule}`, prodId: PROD_ID, method: ICalCalendarMethod.PUBLISH, ...(options.url ? { url: options.url } : {}) });
  for (const shift of shifts) {
    const who = shift.people.map(names).join(', ');
    cal.createEvent({
      id: uid(['schedule', schedule, shift.people.join(','), String(shift.start), String(shift.end)]),
      start: new Date(shift.start),
      end: new Date(shift.end),
      stamp: new Date(options.now),
      summary: `On call: ${schedule} (${who})`,
      description: shift.people.map((p, i) => `${names(p)}: ${describeSource(shift.source[i])}`).join('\n'),
    });
  }
  return cal.toString();
}

/** One event per continuous stretch the person is on call, per schedule. */
export function renderPersonCalendar(person: string, shiftsBySchedule: Record<string, readonly Shift[]>, options: CalendarOptions): string {
  const names = nameLookup(options.people);
  const cal = ical({ name: `On call: ${names(person)}`, prodId: PROD_ID, method: ICalCalendarMethod.PUBLISH, ...(options.url ? { url: options.url } : {}) });
  for (const [schedule, stretch] of personStretches(person, shiftsBySchedule)) {
    cal.createEvent({
      id: uid(['person', person, schedule, String(stretch.start), String(stretch.end)]),
      start: new Date(stretch.start),
      end: new Date(stretch.end),
      stamp: new Date(options.now),
      summary: `On call: ${schedule}`,
    });
  }
  return cal.toString();
}

/** The person's merged on-call stretches, as [schedule, interval] pairs sorted by start. */
export function personStretches(person: string, shiftsBySchedule: Record<string, readonly Shift[]>): [string, Interval][] {
  const out: [string, Interval][] = [];
  for (const [schedule, shifts] of Object.entries(shiftsBySchedule)) {
    const mine = shifts.filter((s) => s.people.includes(person)).map((s) => ({ start: s.start, end: s.end }));
    for (const i of unionIntervals(mine)) out.push([schedule, i]);
  }
  return out.sort((a, b) => a[1].start - b[1].start || a[0].localeCompare(b[0]));
}

function uid(parts: string[]): string {
  return `${createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 32)}@sloop`;
}

function nameLookup(people: readonly Person[] | undefined): (id: string) => string {
  const byId = new Map((people ?? []).map((p) => [p.id, p.name]));
  return (id) => byId.get(id) ?? id;
}

function describeSource(source: ShiftSource | undefined): string {
  if (!source) return 'on call';
  if (source.kind === 'override') return `override ${source.overrideId}`;
  if (source.kind === 'swap') return `swap ${source.swapId} (layer ${source.layer})`;
  return `layer ${source.layer}`;
}
