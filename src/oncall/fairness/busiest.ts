/**
 * The busiest window of a fixed length for each person. On-call time in [t, t+H] is piecewise
 * linear in t, so its maximum is reached where t is a shift start or t+H a shift end; those
 * are the only candidates checked, each in O(log n) with prefix sums.
 */
import { unionIntervals, type Interval } from '../schedule/intervals.js';
import type { Shift, TimeRange } from '../schedule/model.js';
import type { BusiestWindow } from './model.js';

const HOUR_MS = 3_600_000;

export function intervalsByPerson(shifts: readonly Shift[]): Map<string, Interval[]> {
  const raw = new Map<string, Interval[]>();
  for (const s of shifts) {
    for (const p of new Set(s.people)) {
      const list = raw.get(p) ?? [];
      list.push({ start: s.start, end: s.end });
      raw.set(p, list);
    }
  }
  const out = new Map<string, Interval[]>();
  for (const [p, list] of raw) out.set(p, unionIntervals(list));
  return out;
}

export function busiestWindows(shifts: readonly Shift[], range: TimeRange, horizonMs: number): BusiestWindow[] {
  const out: BusiestWindow[] = [];
  for (const [person, intervals] of intervalsByPerson(shifts)) {
    const clipped = intervals
      .map((i) => ({ start: Math.max(i.start, range.from), end: Math.min(i.end, range.to) }))
      .filter((i) => i.end > i.start);
    if (clipped.length === 0) continue;
    const best = busiest(clipped, range, horizonMs);
    out.push({ person, ...best, hours: best.covered / HOUR_MS, share: best.covered / horizonMs });
  }
  return out.sort((a, b) => b.hours - a.hours || a.person.localeCompare(b.person));
}

function busiest(intervals: Interval[], range: TimeRange, horizonMs: number): { start: number; end: number; covered: number } {
  const prefix = [0];
  for (const i of intervals) prefix.push(prefix[prefix.length - 1] + (i.end - i.start));
  const coveredBefore = (t: number): number => {
    // Time covered in (-inf, t): whole intervals ending before t plus part of the one holding t.
    let lo = 0;
    let hi = intervals.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (intervals[mid].end <= t) lo = mid + 1;
      else hi = mid;
    }
    const partial = lo < intervals.length && intervals[lo].start < t ? t - intervals[lo].start : 0;
    return prefix[lo] + partial;
  };
  const lastStart = Math.max(range.from, range.to - horizonMs);
  const candidates = new Set<number>([range.from, lastStart]);
  for (const i of intervals) {
    candidates.add(Math.min(Math.max(i.start, range.from), lastStart));
    candidates.add(Math.min(Math.max(i.end - horizonMs, range.from), lastStart));
  }
  let best = { start: range.from, end: range.from + horizonMs, covered: -1 };
  for (const t of [...candidates].sort((a, b) => a - b)) {
    const covered = coveredBefore(t + horizonMs) - coveredBefore(t);
    if (covered > best.covered) best = { start: t, end: t + horizonMs, covered };
  }
  return best;
}
