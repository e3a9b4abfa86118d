/**
 * Where an SLO's window starts and ends at a given moment. Rolling windows always cover the
 * last N minutes; calendar windows reset at the start of the week (ISO: Monday), month or
 * quarter in the SLO's IANA time zone, so a Europe/Berlin month starts at local midnight and
 * a week that contains a DST change lasts 167 or 169 hours.
 */
import { DateTime } from 'luxon';
import type { SloWindow } from '../model.js';

export const MS_PER_MINUTE = 60_000;

export interface WindowBounds {
  /** First millisecond the window covers (inclusive). */
  startMs: number;
  /** The evaluation time: the window covers [startMs, endMs). */
  endMs: number;
  /** The whole period the budget is defined over; equals the window for rolling windows. */
  periodStartMs: number;
  periodEndMs: number;
  /** Real length of the period in minutes (calendar months and DST weeks vary). */
  periodMinutes: number;
}

export function windowBounds(window: SloWindow, nowMs: number): WindowBounds {
  if (window.type === 'rolling') {
    const startMs = nowMs - window.minutes * MS_PER_MINUTE;
    return { startMs, endMs: nowMs, periodStartMs: startMs, periodEndMs: nowMs, periodMinutes: window.minutes };
  }
  const { startMs, endMs } = calendarPeriod(window.unit, window.timeZone, nowMs);
  return {
    startMs,
    endMs: nowMs,
    periodStartMs: startMs,
    periodEndMs: endMs,
    periodMinutes: (endMs - startMs) / MS_PER_MINUTE,
  };
}

/** The calendar period containing `nowMs`, as [startMs, endMs). */
export function calendarPeriod(
  unit: 'week' | 'month' | 'quarter',
  timeZone: string,
  nowMs: number,
): { startMs: number; endMs: number } {
  const local = DateTime.fromMillis(nowMs, { zone: timeZone });
  if (!local.isValid) throw new RangeError(`unknown time zone "${timeZone}"; use an IANA name such as Europe/Berlin`);
  // luxon's startOf('week') is the ISO week (Monday) unless locale weeks are asked for.
  const start = local.startOf(unit);
  const end = start.plus(unit === 'week' ? { weeks: 1 } : unit === 'month' ? { months: 1 } : { quarters: 1 });
  return { startMs: start.toMillis(), endMs: end.toMillis() };
}

/** Whole minutes since the epoch: the index used by MinuteCounts. */
export function minuteOf(ms: number): number {
  return Math.floor(ms / MS_PER_MINUTE);
}

/**
 * The exclusive end minute of a window ending at `nowMs`: a partly elapsed current minute is
 * included, so a live evaluation every 30 s sees the newest data, and an evaluation at an exact
 * minute boundary covers only completed minutes.
 */
export function endMinuteOf(nowMs: number): number {
  return Math.ceil(nowMs / MS_PER_MINUTE);
}
