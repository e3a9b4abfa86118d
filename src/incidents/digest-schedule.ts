/**
 * When the weekly follow-through digest is due. A week is identified by the ISO week of its
 * send slot in the configured zone (`weekYear * 100 + weekNumber`, e.g. 202648), which is what
 * the server records after sending, so a restart never sends one week twice. The slot is a
 * wall-clock time: 09:00 Europe/Berlin stays 09:00 across daylight-saving changes (a time
 * that does not exist on the day clocks go forward moves to the next valid time).
 *
 * A slot missed while the server was down is sent late within the same week; earlier missed
 * weeks are not caught up (a backlog of stale digests helps nobody).
 */
import { DateTime } from 'luxon';
import { WEEKDAYS, type WeeklyDigestSchedule } from './config.js';

export interface DigestDue {
  /** `weekYear * 100 + weekNumber` of the slot, in the schedule's zone. */
  week: number;
  /** The slot, epoch ms; due when <= now. */
  dueAt: number;
}

export function weekKey(at: number, timeZone: string): number {
  const local = DateTime.fromMillis(at, { zone: timeZone });
  return local.weekYear * 100 + local.weekNumber;
}

/** The slot of the ISO week containing `at` (in the zone). */
export function digestSlotOfWeek(schedule: WeeklyDigestSchedule, at: number): DigestDue {
  const [hour, minute] = schedule.at.split(':').map(Number) as [number, number];
  const local = DateTime.fromMillis(at, { zone: schedule.timeZone });
  const slot = local.set({ weekday: (WEEKDAYS.indexOf(schedule.day) + 1) as 1 | 2 | 3 | 4 | 5 | 6 | 7, hour, minute, second: 0, millisecond: 0 });
  return { week: slot.weekYear * 100 + slot.weekNumber, dueAt: slot.toMillis() };
}

/**
 * The next digest to send: this week's slot unless it was already sent (then next week's).
 * Returns null when no schedule is configured. Send when `dueAt <= now`.
 */
export function nextDigestDue(config: { digest?: { weekly: WeeklyDigestSchedule } }, lastSentWeek: number | null, now: number): DigestDue | null {
  const schedule = config.digest?.weekly;
  if (!schedule) return null;
  const thisWeek = digestSlotOfWeek(schedule, now);
  if (lastSentWeek === null || thisWeek.week > lastSentWeek) return thisWeek;
  const nextWeek = DateTime.fromMillis(thisWeek.dueAt, { zone: schedule.timeZone }).plus({ weeks: 1 }).toMillis();
  return digestSlotOfWeek(schedule, nextWeek);
}
