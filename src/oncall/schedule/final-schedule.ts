/**
 * The final schedule: the one function every consumer (API, iCal, escalation, fairness,
 * load) uses to learn who is on call.
 *
 * Precedence, highest first:
 *   1. overrides (the latest accepted override wins where overrides overlap);
 *   2. shift swaps (applied to the layer result: where a swap side's person is on call, the
 *      other person is);
 *   3. layers: a later layer in the list wins where it has someone on call (PagerDuty's
 *      "the lowest layer takes precedence"); a `coOnCall` layer joins the precedence of the
 *      layer before it, so where both have someone, both are on call.
 * Adjacent shifts with the same people and sources are merged.
 */
import type { LayerSegment } from './rotation.js';
import { layerSegments } from './rotation.js';
import { complementIntervals, type Interval } from './intervals.js';
import type { Override, Schedule, ScheduleChange, Shift, ShiftSource, ShiftSwap, TimeRange } from './model.js';

/** Layer index -> precedence group; co-on-call layers share the group of the layer before. */
export function precedenceGroups(schedule: Schedule): number[] {
  const groups: number[] = [];
  schedule.layers.forEach((layer, i) => {
    groups.push(i === 0 ? 0 : layer.coOnCall ? groups[i - 1] : groups[i - 1] + 1);
  });
  return groups;
}

interface Timed extends Interval {
  order: number;
}

export function computeFinalSchedule(schedule: Schedule, changes: readonly ScheduleChange[], range: TimeRange): Shift[] {
  if (range.to <= range.from) return [];
  const groups = precedenceGroups(schedule);
  const segments: (LayerSegment & Timed)[] = [];
  schedule.layers.forEach((layer, i) => {
    for (const s of layerSegments(layer, i, schedule.timeZone, range)) segments.push({ ...s, order: i });
  });
  const overrides: (Override & Timed)[] = [];
  const swaps: { swap: ShiftSwap; side: 'first' | 'second'; start: number; end: number; order: number }[] = [];
  changes.forEach((c, order) => {
    if (c.kind === 'override') {
      if (c.end > range.from && c.start < range.to && c.end > c.start) overrides.push({ ...c, order });
    } else {
      for (const side of ['first', 'second'] as const) {
        const s = c[side];
        if (s.end > range.from && s.start < range.to && s.end > s.start) swaps.push({ swap: c, side, start: s.start, end: s.end, order });
      }
    }
  });

  const points = new Set<number>([range.from, range.to]);
  for (const list of [segments, overrides, swaps] as Interval[][]) {
    for (const i of list) {
      if (i.start > range.from && i.start < range.to) points.add(i.start);
      if (i.end > range.from && i.end < range.to) points.add(i.end);
    }
  }
  const bounds = [...points].sort((a, b) => a - b);
  const segmentSweep = new Sweep(segments);
  const overrideSweep = new Sweep(overrides);
  const swapSweep = new Sweep(swaps);

  const shifts: Shift[] = [];
  for (let b = 0; b + 1 < bounds.length; b++) {
    const t = bounds[b];
    const end = bounds[b + 1];
    const active = segmentSweep.at(t);
    let people: string[] = [];
    let source: ShiftSource[] = [];
    const override = latest(overrideSweep.at(t));
    if (override) {
      people = [override.person];
      source = [{ kind: 'override', overrideId: override.id }];
    } else if (active.length > 0) {
      const top = Math.max(...active.map((s) => groups[s.layerIndex]));
      const winners = active.filter((s) => groups[s.layerIndex] === top).sort((x, y) => x.layerIndex - y.layerIndex);
      const activeSwaps = [...swapSweep.at(t)].sort((x, y) => y.order - x.order); // latest swap first
      for (const seg of winners) {
        const layer = schedule.layers[seg.layerIndex].name;
        const swap = activeSwaps.find((s) => s.swap[s.side].person === seg.person);
        const person = swap ? swap.swap[swap.side === 'first' ? 'second' : 'first'].person : seg.person;
        if (people.includes(person)) continue;
        people.push(person);
        source.push(swap ? { kind: 'swap', swapId: swap.swap.id, layer } : { kind: 'layer', layer });
      }
    }
    if (people.length === 0) continue;
    const last = shifts[shifts.length - 1];
    if (last && last.end === t && sameShift(last, people, source)) last.end = end;
    else shifts.push({ start: t, end, people, source });
  }
  return shifts;
}

/** Periods in `range` with nobody on call. */
export function findGaps(shifts: readonly Shift[], range: TimeRange): Interval[] {
  const covered = [...shifts].sort((a, b) => a.start - b.start).map((s) => ({ start: s.start, end: s.end }));
  return complementIntervals(covered, range);
}

/** How far around `at` whoIsOnCall looks to report the surrounding shift's bounds. */
const LOOK_AROUND_MS = 35 * 24 * 3_600_000;

/**
 * The shift in force at `at`, or null when nobody is on call. Its bounds are exact unless the
 * shift reaches further than 35 days from `at`, where they are cut.
 */
export function whoIsOnCall(schedule: Schedule, changes: readonly ScheduleChange[], at: number): Shift | null {
  const shifts = computeFinalSchedule(schedule, changes, { from: at - LOOK_AROUND_MS, to: at + LOOK_AROUND_MS });
  return shifts.find((s) => s.start <= at && at < s.end) ?? null;
}

function latest<T extends { order: number }>(items: T[]): T | undefined {
  let best: T | undefined;
  for (const i of items) if (!best || i.order > best.order) best = i;
  return best;
}

function sameShift(shift: Shift, people: string[], source: ShiftSource[]): boolean {
  if (shift.people.length !== people.length) return false;
  for (let i = 0; i < people.length; i++) {
    if (shift.people[i] !== people[i]) return false;
    if (JSON.stringify(shift.source[i]) !== JSON.stringify(source[i])) return false;
  }
  return true;
}

/** Yields the items active at non-decreasing instants; items are visited once each. */
class Sweep<T extends Interval> {
  private readonly byStart: T[];
  private next = 0;
  private active: T[] = [];
  constructor(items: T[]) {
    this.byStart = [...items].sort((a, b) => a.start - b.start);
  }
  at(t: number): T[] {
    while (this.next < this.byStart.length && this.byStart[this.next].start <= t) this.active.push(this.byStart[this.next++]);
    this.active = this.active.filter((i) => i.end > t);
    return this.active;
  }
}
