/**
 * Wall-clock arithmetic in an IANA zone, fast and deterministic.
 *
 * A "naive" time is a local wall-clock reading encoded as epoch ms as if the zone were UTC;
 * calendar steps (hours, days, months) are plain arithmetic on it, and only `placeInZone`
 * turns it into a real instant. Rules for local times that do not map to one instant:
 *  - nonexistent (spring gap): moved forward by the gap (02:30 -> 03:30), as luxon does;
 *  - ambiguous (autumn overlap): the earlier instant. (luxon's own fromObject picks by the
 *    offset in force *today*, which would make results depend on the clock.)
 * Zone offsets come from luxon and are memoised per day, which keeps a year of rotation
 * math in a few milliseconds.
 */
import { DateTime, IANAZone } from 'luxon';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export type NaiveMs = number;

const zones = new Map<string, IANAZone>();
const offsetCache = new Map<string, Map<number, number>>();

function zoneOf(name: string): IANAZone {
  let z = zones.get(name);
  if (!z) {
    z = IANAZone.create(name);
    zones.set(name, z);
  }
  return z;
}

/**
 * Offset from UTC in minutes at an instant. Offsets are memoised per UTC day: a day whose
 * first and last millisecond share an offset is assumed to have no transition inside it
 * (true of every zone in the tz database, where transitions are months apart); a day with a
 * transition is answered exactly, per call.
 */
export function offsetMinutes(zone: string, epochMs: number): number {
  let cache = offsetCache.get(zone);
  if (!cache) {
    cache = new Map();
    offsetCache.set(zone, cache);
  }
  const bucket = Math.floor(epochMs / DAY_MS);
  const hit = cache.get(bucket);
  if (hit !== undefined) return hit;
  const z = zoneOf(zone);
  const first = z.offset(bucket * DAY_MS);
  const last = z.offset(bucket * DAY_MS + DAY_MS - 1);
  if (first !== last) return z.offset(epochMs);
  if (cache.size > 100_000) cache.clear();
  cache.set(bucket, first);
  return first;
}

export function placeInZone(naive: NaiveMs, zone: string): number {
  const early = offsetMinutes(zone, naive - DAY_MS);
  const late = offsetMinutes(zone, naive + DAY_MS);
  const tEarly = naive - early * MINUTE_MS;
  if (early === late) {
    const exact = offsetMinutes(zone, tEarly);
    return exact === early ? tEarly : naive - exact * MINUTE_MS;
  }
  const tLate = naive - late * MINUTE_MS;
  const earlyValid = offsetMinutes(zone, tEarly) === early;
  const lateValid = offsetMinutes(zone, tLate) === late;
  if (earlyValid && lateValid) return Math.min(tEarly, tLate);
  if (lateValid) return tLate;
  return tEarly; // in the gap: read with the old offset, i.e. moved forward by the gap
}

export function toNaive(epochMs: number, zone: string): NaiveMs {
  return epochMs + offsetMinutes(zone, epochMs) * MINUTE_MS;
}

/** `YYYY-MM-DD` plus minutes after midnight, as a naive time; NaN when the date is invalid. */
export function naiveDate(isoDate: string, minuteOfDay = 0): NaiveMs {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return NaN;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  if (new Date(ms).getUTCDate() !== d || mo < 1 || mo > 12) return NaN;
  return ms + minuteOfDay * MINUTE_MS;
}

export function startOfNaiveDay(naive: NaiveMs): NaiveMs {
  return Math.floor(naive / DAY_MS) * DAY_MS;
}

/** ISO weekday (1 = Monday) of a naive time; 1970-01-01 was a Thursday. */
export function naiveWeekday(naive: NaiveMs): number {
  const days = Math.floor(naive / DAY_MS);
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

/** Adds calendar months, clamping the day to the target month's length (Jan 31 + 1 = Feb 28). */
export function addNaiveMonths(naive: NaiveMs, months: number): NaiveMs {
  const d = new Date(naive);
  const timeOfDay = naive - startOfNaiveDay(naive);
  const target = d.getUTCMonth() + months;
  const year = d.getUTCFullYear() + Math.floor(target / 12);
  const month = ((target % 12) + 12) % 12;
  const daysInMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(d.getUTCDate(), daysInMonth)) + timeOfDay;
}

export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone) && DateTime.now().setZone(zone).isValid;
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
