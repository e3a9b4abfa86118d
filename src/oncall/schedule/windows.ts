/**
 * Expands weekly wall-clock windows (restrictions, business hours, nights) into concrete
 * intervals in a zone. A window's length is wall-clock time: "18:00-09:00" ends at 09:00
 * local even on the night the clocks change.
 */
import { unionIntervals, type Interval } from './intervals.js';
import type { TimeRange, WeeklyWindow } from './model.js';
import { DAY_MS, MINUTE_MS, naiveWeekday, placeInZone, startOfNaiveDay, toNaive } from './wall-clock.js';

const WEEK_MINUTES = 7 * 24 * 60;

/** Every window occurrence overlapping `range`, merged and clipped to it. */
export function expandWeeklyWindows(windows: readonly WeeklyWindow[], zone: string, range: TimeRange): Interval[] {
  if (windows.length === 0 || range.to <= range.from) return [];
  const byDay = new Map<number, WeeklyWindow[]>();
  for (const w of windows) byDay.set(w.startDay, [...(byDay.get(w.startDay) ?? []), w]);
  // A window may open up to a week before the range and still reach into it.
  const lastDay = startOfNaiveDay(toNaive(range.to, zone));
  const out: Interval[] = [];
  for (let day = startOfNaiveDay(toNaive(range.from, zone)) - 7 * DAY_MS; day <= lastDay; day += DAY_MS) {
    for (const w of byDay.get(naiveWeekday(day)) ?? []) {
      const opens = day + w.startMinute * MINUTE_MS;
      const start = placeInZone(opens, zone);
      const end = placeInZone(opens + w.durationMinutes * MINUTE_MS, zone);
      if (end > range.from && start < range.to) out.push({ start: Math.max(start, range.from), end: Math.min(end, range.to) });
    }
  }
  return unionIntervals(out);
}

/** Windows that cover nothing (zero length) or more than a week are configuration mistakes. */
export function isWindowValid(w: WeeklyWindow): boolean {
  return w.durationMinutes > 0 && w.durationMinutes <= WEEK_MINUTES && w.startMinute >= 0 && w.startMinute < 24 * 60;
}

/** A daily `from-to` window on the given weekdays; `to <= from` wraps past midnight. */
export function dailyWindows(days: readonly number[], fromMinute: number, toMinute: number): WeeklyWindow[] {
  const duration = toMinute > fromMinute ? toMinute - fromMinute : toMinute + 24 * 60 - fromMinute;
  return days.map((d) => ({ startDay: d as WeeklyWindow['startDay'], startMinute: fromMinute, durationMinutes: duration }));
}

export const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7] as const;

