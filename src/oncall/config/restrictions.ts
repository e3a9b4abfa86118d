/**
 * Restriction syntax (all times local to the schedule):
 *   - timeOfDay: "18:00-09:00"            every day; an end at or before the start wraps past midnight
 *   - timeOfDay: "09:00-17:00"
 *     days: [mon, tue, wed, thu, fri]     the window opens only on these days
 *   - days: [sat, sun]                    whole days
 *   - weekly: "fri 18:00 - mon 09:00"     one window per week
 * Each becomes one or more WeeklyWindow (see schedule/model.ts).
 */
import type { WeeklyWindow, Weekday } from '../schedule/model.js';
import { dailyWindows } from '../schedule/windows.js';
import { parseClock } from '../schedule/wall-clock.js';

const DAY_NAMES: Record<string, Weekday> = {
  mon: 1, monday: 1, tue: 2, tuesday: 2, wed: 3, wednesday: 3, thu: 4, thursday: 4,
  fri: 5, friday: 5, sat: 6, saturday: 6, sun: 7, sunday: 7,
};
export const DAY_ABBREVIATIONS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export function parseWeekday(text: string): Weekday | undefined {
  return DAY_NAMES[text.trim().toLowerCase()];
}

/** `HH:mm-HH:mm` to a (from, to) pair in minutes, or an error message. */
export function parseTimeRange(text: string): { from: number; to: number } | string {
  const parts = text.split('-');
  const from = parts.length === 2 ? parseClock(parts[0]) : null;
  const to = parts.length === 2 ? parseClock(parts[1]) : null;
  if (from === null || to === null || from === 24 * 60) return `"${text}" is not a time window; write "HH:mm-HH:mm", e.g. "18:00-09:00"`;
  if (from === to || (from === 0 && to === 24 * 60)) {
    return from === to
      ? `"${text}" is empty (it starts and ends at the same time), so it never matches; for the whole day leave timeOfDay out`
      : `"${text}" covers the whole day; leave timeOfDay out`;
  }
  return { from, to: to === 24 * 60 ? 0 : to };
}

/** `fri 18:00 - mon 09:00` to a weekly window, or an error message. */
export function parseWeeklyRange(text: string): WeeklyWindow | string {
  const m = /^\s*([a-z]+)\s+(\d{1,2}:\d{2})\s*-\s*([a-z]+)\s+(\d{1,2}:\d{2})\s*$/i.exec(text);
  const hint = 'write "DAY HH:mm - DAY HH:mm", e.g. "fri 18:00 - mon 09:00"';
  if (!m) return `"${text}" is not a weekly window; ${hint}`;
  const startDay = parseWeekday(m[1]);
  const endDay = parseWeekday(m[3]);
  const start = parseClock(m[2]);
  const end = parseClock(m[4]);
  if (!startDay || !endDay) return `"${text}" names an unknown day; use ${DAY_ABBREVIATIONS.join(', ')}`;
  if (start === null || end === null || start === 24 * 60) return `"${text}" has an invalid time; ${hint}`;
  const startAt = (startDay - 1) * 1440 + start;
  const endAt = (endDay - 1) * 1440 + end;
  const duration = endAt > startAt ? endAt - startAt : endAt + 7 * 1440 - startAt;
  if (endAt === startAt) return `"${text}" starts and ends at the same moment; for a full week leave the restriction out`;
  return { startDay, startMinute: start, durationMinutes: duration };
}

export function windowsForDays(days: readonly Weekday[], timeOfDay?: { from: number; to: number }): WeeklyWindow[] {
  if (!timeOfDay) return days.map((d) => ({ startDay: d, startMinute: 0, durationMinutes: 1440 }));
  return dailyWindows(days, timeOfDay.from, timeOfDay.to);
}
