/**
 * Pure calendar arithmetic for the on-call grid: local midnights in any IANA zone (DST-safe)
 * and final shifts cut into per-day segments labelled by where they came from.
 */

export interface CalendarShift {
  start: number;
  end: number;
  people: string[];
  source: Array<Record<string, string>>;
}

export type SegmentKind = 'layer' | 'override' | 'swap' | 'gap';

export interface DaySegment {
  start: number;
  end: number;
  people: string[];
  kind: SegmentKind;
  /** "layer weekly", "override", "swap (layer weekly)"; "nobody on call" for gaps. */
  why: string;
}

export interface CalendarDay {
  start: number;
  end: number;
  segments: DaySegment[];
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
function wallClock(at: number, timeZone: string): { y: number; m: number; d: number; h: number; min: number; weekday: number } {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short' });
    partsFormatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(p.weekday ?? '');
  return { y: Number(p.year), m: Number(p.month), d: Number(p.day), h: Number(p.hour), min: Number(p.minute), weekday };
}

/** Epoch ms of 00:00 local time on the given local date (the first instant of that day). */
export function localMidnight(y: number, m: number, d: number, timeZone: string): number {
  const target = Date.UTC(y, m - 1, d);
  let guess = target;
  // Two corrections converge for every real zone (the offset changes at most once a day).
  for (let i = 0; i < 3; i++) {
    const w = wallClock(guess, timeZone);
    const asUtc = Date.UTC(w.y, w.m - 1, w.d, w.h, w.min);
    guess += target - asUtc;
  }
  return guess;
}

/** Midnight starting the local Monday of the week containing `at`. */
export function weekStart(at: number, timeZone: string): number {
  const w = wallClock(at, timeZone);
  const monday = new Date(Date.UTC(w.y, w.m - 1, w.d - w.weekday));
  return localMidnight(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate(), timeZone);
}

/** `count` consecutive local days from the local day containing `from`. */
export function localDays(from: number, count: number, timeZone: string): Array<{ start: number; end: number }> {
  const w = wallClock(from, timeZone);
  const out: Array<{ start: number; end: number }> = [];
  for (let i = 0; i < count; i++) {
    const a = new Date(Date.UTC(w.y, w.m - 1, w.d + i));
    const b = new Date(Date.UTC(w.y, w.m - 1, w.d + i + 1));
    out.push({
      start: localMidnight(a.getUTCFullYear(), a.getUTCMonth() + 1, a.getUTCDate(), timeZone),
      end: localMidnight(b.getUTCFullYear(), b.getUTCMonth() + 1, b.getUTCDate(), timeZone),
    });
  }
  return out;
}

export function segmentKind(shift: Pick<CalendarShift, 'people' | 'source'>): SegmentKind {
  if (shift.people.length === 0) return 'gap';
  if (shift.source.some((s) => s.kind === 'override')) return 'override';
  if (shift.source.some((s) => s.kind === 'swap')) return 'swap';
  return 'layer';
}

function describeSource(shift: CalendarShift): string {
  if (shift.people.length === 0) return 'nobody on call';
  return shift.source
    .map((s) => (s.kind === 'override' ? 'override' : s.kind === 'swap' ? `swap${s.layer ? ` (layer ${s.layer})` : ''}` : `layer ${s.layer ?? '?'}`))
    .join(', ');
}

/** Cuts shifts at local day boundaries; each day lists the parts of shifts that overlap it. */
export function calendarDays(shifts: readonly CalendarShift[], days: ReadonlyArray<{ start: number; end: number }>): CalendarDay[] {
  return days.map((day) => ({
    ...day,
    segments: shifts
      .filter((s) => s.start < day.end && s.end > day.start)
      .map((s) => ({ start: Math.max(s.start, day.start), end: Math.min(s.end, day.end), people: s.people, kind: segmentKind(s), why: describeSource(s) })),
  }));
}
