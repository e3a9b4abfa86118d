/**
 * Wall-clock arithmetic in an IANA zone. Calendar steps are taken on a naive local
 * date-time (held in a UTC DateTime so luxon adds days and months without DST effects) and
 * only then placed in the zone. A local time that does not exist (spring gap) moves forward
 * by the gap, as luxon does; an ambiguous one (autumn) takes the earlier instant.
 */
import { DateTime } from 'luxon';

/** A naive local date-time; only its calendar fields are meaningful. */
export type NaiveDateTime = DateTime;

export function naiveDate(isoDate: string, minuteOfDay = 0): NaiveDateTime {
  const d = DateTime.fromISO(isoDate, { zone: 'utc' });
  return d.plus({ minutes: minuteOfDay });
}

export function placeInZone(naive: NaiveDateTime, zone: string): number {
  return DateTime.fromObject(
    { year: naive.year, month: naive.month, day: naive.day, hour: naive.hour, minute: naive.minute, second: naive.second },
    { zone },
  ).toMillis();
}

/** The naive local date-time of an instant in a zone. */
export function toNaive(epochMs: number, zone: string): NaiveDateTime {
  const local = DateTime.fromMillis(epochMs, { zone });
  return DateTime.utc(local.year, local.month, local.day, local.hour, local.minute, local.second, local.millisecond);
}

export function isValidZone(zone: string): boolean {
  return DateTime.local().setZone(zone).isValid;
}

/** `HH:mm` (00:00-24:00) to minutes after midnight, or null when malformed. */
export function parseClock(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const hours = Number(m[1]);
  const minutes = Number(m[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) return null;
  return hours * 60 + minutes;
}

export function formatClock(minuteOfDay: number): string {
  const h = Math.floor(minuteOfDay / 60);
  const m = minuteOfDay % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
