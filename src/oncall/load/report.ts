/**
 * On-call load per person and per schedule over any range: hours on call, hours outside
 * business hours and at weekends (in the PERSON's time zone, where they live them), pages
 * received and pages at night, and the share of the range spent on call.
 */
import { intersectIntervals, totalLength, unionIntervals, type Interval } from '../schedule/intervals.js';
import type { Person, Shift, TimeRange, Weekday } from '../schedule/model.js';
import { MINUTE_MS, naiveWeekday, startOfNaiveDay, toNaive } from '../schedule/wall-clock.js';
import { dailyWindows, expandWeeklyWindows } from '../schedule/windows.js';

export interface PageEvent {
  at: number;
  person: string;
  schedule?: string;
}

export interface LocalWindow {
  days: Weekday[];
  /** Minutes after local midnight; `endMinute <= startMinute` wraps past midnight. */
  startMinute: number;
  endMinute: number;
}

export interface LoadOptions {
  /** Default Monday-Friday 09:00-17:00. */
  businessHours?: LocalWindow;
  /** Default every day 22:00-07:00. */
  night?: LocalWindow;
  /** Zone for people not in the people list; default UTC. */
  defaultTimeZone?: string;
}

export interface PersonLoad {
  person: string;
  timeZone: string;
  hoursOnCall: number;
  hoursOutsideBusinessHours: number;
  weekendHours: number;
  nightHours: number;
  pages: number;
  pagesAtNight: number;
  pagesOutsideBusinessHours: number;
  /** Hours on call / hours in the range. */
  shareOnCall: number;
  /** Hours on call per schedule (a person on two schedules at once counts in both). */
  hoursBySchedule: Record<string, number>;
}

export interface ScheduleLoad {
  schedule: string;
  hoursCovered: number;
  gapHours: number;
  coverageShare: number;
  pages: number;
  people: { person: string; hours: number; share: number }[];
}

export interface LoadReport {
  range: TimeRange;
  people: PersonLoad[];
  schedules: ScheduleLoad[];
}

export const defaultBusinessHours: LocalWindow = { days: [1, 2, 3, 4, 5], startMinute: 9 * 60, endMinute: 17 * 60 };
export const defaultNight: LocalWindow = { days: [1, 2, 3, 4, 5, 6, 7], startMinute: 22 * 60, endMinute: 7 * 60 };
const HOUR_MS = 3_600_000;

export function computeLoadReport(input: {
  shiftsBySchedule: Record<string, readonly Shift[]>;
  people: readonly Person[];
  pages: readonly PageEvent[];
  range: TimeRange;
  options?: LoadOptions;
}): LoadReport {
  const { range } = input;
  const business = input.options?.businessHours ?? defaultBusinessHours;
  const night = input.options?.night ?? defaultNight;
  const zoneOf = new Map(input.people.map((p) => [p.id, p.timeZone]));
  const defaultZone = input.options?.defaultTimeZone ?? 'UTC';
  const rangeHours = (range.to - range.from) / HOUR_MS;

  const perPerson = new Map<string, { all: Interval[]; bySchedule: Record<string, number> }>();
  const schedules: ScheduleLoad[] = [];
  for (const [schedule, shifts] of Object.entries(input.shiftsBySchedule)) {
    const clipped = shifts.map((s) => ({ ...s, start: Math.max(s.start, range.from), end: Math.min(s.end, range.to) })).filter((s) => s.end > s.start);
    const covered = unionIntervals(clipped);
    const hoursByPerson = new Map<string, number>();
    for (const s of clipped) {
      for (const p of new Set(s.people)) {
        const entry = perPerson.get(p) ?? { all: [], bySchedule: {} };
        entry.all.push({ start: s.start, end: s.end });
        entry.bySchedule[schedule] = (entry.bySchedule[schedule] ?? 0) + (s.end - s.start) / HOUR_MS;
        perPerson.set(p, entry);
        hoursByPerson.set(p, (hoursByPerson.get(p) ?? 0) + (s.end - s.start) / HOUR_MS);
      }
    }
    const hoursCovered = totalLength(covered) / HOUR_MS;
    schedules.push({
      schedule,
      hoursCovered,
      gapHours: rangeHours - hoursCovered,
      coverageShare: rangeHours > 0 ? hoursCovered / rangeHours : 0,
      pages: input.pages.filter((p) => p.schedule === schedule && p.at >= range.from && p.at < range.to).length,
      people: [...hoursByPerson].map(([person, hours]) => ({ person, hours, share: rangeHours > 0 ? hours / rangeHours : 0 })).sort((a, b) => b.hours - a.hours),
    });
  }

  const pagedPeople = input.pages.filter((p) => p.at >= range.from && p.at < range.to).map((p) => p.person);
  const everyone = new Set([...perPerson.keys(), ...pagedPeople]);
  const people: PersonLoad[] = [...everyone].map((person) => {
    const zone = zoneOf.get(person) ?? defaultZone;
    const onCall = unionIntervals(perPerson.get(person)?.all ?? []);
    const inBusiness = intersectIntervals(onCall, expandLocal(business, zone, range));
    const weekend = intersectIntervals(onCall, expandWeeklyWindows(dailyWindows([6, 7], 0, 0), zone, range));
    const nights = intersectIntervals(onCall, expandLocal(night, zone, range));
    const pages = input.pages.filter((p) => p.person === person && p.at >= range.from && p.at < range.to);
    const hoursOnCall = totalLength(onCall) / HOUR_MS;
    return {
      person,
      timeZone: zone,
      hoursOnCall,
      hoursOutsideBusinessHours: hoursOnCall - totalLength(inBusiness) / HOUR_MS,
      weekendHours: totalLength(weekend) / HOUR_MS,
      nightHours: totalLength(nights) / HOUR_MS,
      pages: pages.length,
      pagesAtNight: pages.filter((p) => isInLocalWindow(p.at, zone, night)).length,
      pagesOutsideBusinessHours: pages.filter((p) => !isInLocalWindow(p.at, zone, business)).length,
      shareOnCall: rangeHours > 0 ? hoursOnCall / rangeHours : 0,
      hoursBySchedule: perPerson.get(person)?.bySchedule ?? {},
    };
  });
  people.sort((a, b) => b.hoursOnCall - a.hoursOnCall || a.person.localeCompare(b.person));
  return { range, people, schedules };
}

function expandLocal(w: LocalWindow, zone: string, range: TimeRange): Interval[] {
  return expandWeeklyWindows(dailyWindows(w.days, w.startMinute, w.endMinute), zone, range);
}

/** Whether an instant falls in a local window; a wrapping window belongs to the day it opens. */
export function isInLocalWindow(at: number, zone: string, w: LocalWindow): boolean {
  const naive = toNaive(at, zone);
  const minute = (naive - startOfNaiveDay(naive)) / MINUTE_MS;
  const day = naiveWeekday(naive) as Weekday;
  if (w.endMinute > w.startMinute) return w.days.includes(day) && minute >= w.startMinute && minute < w.endMinute;
  if (minute >= w.startMinute) return w.days.includes(day);
  const previousDay = (day === 1 ? 7 : day - 1) as Weekday;
  return minute < w.endMinute && w.days.includes(previousDay);
}

