/**
 * Timestamps in data files: RFC 3339 (`2026-03-01T12:00:00Z`, `...T12:00:00.5+01:00`) or Unix
 * seconds (`1772366400`, fractions allowed). Parsed from bytes without allocating, because
 * this runs once per row on files of millions of rows. Returns NaN when malformed.
 */

const D0 = 48; // '0'

function digits(b: Uint8Array, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = b[i]! - D0;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Epoch milliseconds for bytes [start, end), or NaN. */
export function parseTimestampBytes(b: Uint8Array, start: number, end: number): number {
  const len = end - start;
  if (len <= 0) return NaN;
  const first = b[start]!;
  if (len >= 20 && b[start + 4] === 45 /* - */) return parseRfc3339(b, start, end);
  if ((first >= 48 && first <= 57) || first === 45) return parseUnixSeconds(b, start, end);
  return NaN;
}

function parseUnixSeconds(b: Uint8Array, start: number, end: number): number {
  let i = start;
  let sign = 1;
  if (b[i] === 45) ((sign = -1), i++);
  let whole = 0;
  let n = 0;
  for (; i < end; i++, n++) {
    const c = b[i]! - D0;
    if (c < 0 || c > 9) break;
    whole = whole * 10 + c;
  }
  if (n === 0) return NaN;
  let frac = 0;
  if (i < end && b[i] === 46 /* . */) {
    let scale = 0.1;
    i++;
    if (i === end) return NaN;
    for (; i < end; i++, scale /= 10) {
      const c = b[i]! - D0;
      if (c < 0 || c > 9) return NaN;
      frac += c * scale;
    }
  }
  if (i !== end) return NaN;
  return sign * (whole + frac) * 1000;
}

/** The last date seen (10 bytes, YYYY-MM-DD) and its day number: rows come in date runs. */
const lastDate = new Uint8Array(10);
let lastDays = NaN;

/** Days since the epoch for the date at b[s..s+10), or NaN. */
function dateDays(b: Uint8Array, s: number): number {
  let same = lastDays === lastDays; // false while NaN
  for (let i = 0; same && i < 10; i++) same = b[s + i] === lastDate[i];
  if (same) return lastDays;
  const y = digits(b, s, 4);
  const mo = digits(b, s + 5, 2);
  const d = digits(b, s + 8, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || b[s + 7] !== 45) return NaN;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > DAYS_IN_MONTH[mo - 1]! || (mo === 2 && d === 29 && !leap)) return NaN;
  for (let i = 0; i < 10; i++) lastDate[i] = b[s + i]!;
  lastDays = daysFromCivil(y, mo, d);
  return lastDays;
}

function parseRfc3339(b: Uint8Array, s: number, end: number): number {
  const days = dateDays(b, s);
  const sep = b[s + 10];
  const h = digits(b, s + 11, 2);
  const mi = digits(b, s + 14, 2);
  const sec = digits(b, s + 17, 2);
  if (days !== days || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 60) return NaN;
  if ((sep !== 84 && sep !== 116 && sep !== 32) || b[s + 13] !== 58 || b[s + 16] !== 58) return NaN;
  let i = s + 19;
  let ms = 0;
  if (b[i] === 46) {
    i++;
    let scale = 100;
    const fracStart = i;
    for (; i < end && b[i]! >= 48 && b[i]! <= 57; i++, scale /= 10) ms += (b[i]! - D0) * scale;
    if (i === fracStart) return NaN;
  }
  let offsetMinutes = 0;
  const z = b[i];
  if (z === 90 || z === 122) {
    i++;
  } else if (z === 43 || z === 45) {
    const oh = digits(b, i + 1, 2);
    const om = digits(b, i + 4, 2);
    if (oh < 0 || oh > 23 || om < 0 || om > 59 || b[i + 3] !== 58) return NaN;
    offsetMinutes = (z === 43 ? 1 : -1) * (oh * 60 + om);
    i += 6;
  } else {
    return NaN;
  }
  if (i !== end) return NaN;
  return ((days * 24 + h) * 60 + mi - offsetMinutes) * 60_000 + sec * 1000 + ms;
}

/** The same grammar for strings (command-line flags, NDJSON fields). */
export function parseTimestamp(text: string): number {
  const bytes = Buffer.from(text.trim(), 'latin1');
  return parseTimestampBytes(bytes, 0, bytes.length);
}
