/**
 * Randomised cross-check of computeFinalSchedule against a deliberately naive reference that
 * answers "who is on call at instant t" from the rules alone, using luxon's own zone-aware
 * calendar arithmetic (no shared code with the implementation beyond the model types).
 * Handoffs and windows avoid 01:00-04:00 so DST gap/overlap conventions do not matter here;
 * those are pinned by dst.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { computeFinalSchedule } from './final-schedule.js';
import type { Layer, Override, Schedule, Weekday, WeeklyWindow } from './model.js';

function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function turnStart(layer: Layer, zone: string, k: number): number {
  const anchor = DateTime.fromMillis(localInstant(DateTime.fromISO(layer.startDate, { zone: 'utc' }), layer.handoffMinute, zone), { zone });
  const { unit, count } = layer.turn;
  if (layer.handoffMode === 'fixed') return anchor.toMillis() + k * count * { hours: 1, days: 24, weeks: 168, months: 0 }[unit] * 3_600_000;
  return anchor.plus({ [unit]: k * count }).toMillis(); // luxon keeps local time for days/weeks/months
}

/** A local wall-clock reading (day + minutes, possibly past midnight) as an instant. */
function localInstant(day: DateTime, minutes: number, zone: string): number {
  const naive = DateTime.fromObject({ year: day.year, month: day.month, day: day.day }, { zone: 'utc' }).plus({ minutes });
  return DateTime.fromObject({ year: naive.year, month: naive.month, day: naive.day, hour: naive.hour, minute: naive.minute }, { zone }).toMillis();
}

/** Every window occurrence from `from` to `to`, opened on each local day by luxon. */
function windowIntervals(windows: WeeklyWindow[], zone: string, from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  for (let day = DateTime.fromMillis(from, { zone }).startOf('day').minus({ days: 8 }); day.toMillis() < to; day = day.plus({ days: 1 })) {
    for (const w of windows) {
      if (day.weekday === w.startDay) out.push([localInstant(day, w.startMinute, zone), localInstant(day, w.startMinute + w.durationMinutes, zone)]);
    }
  }
  return out;
}

/** Answers "who does this layer put on call at t" by brute force over precomputed turns and windows. */
function layerOracle(layer: Layer, zone: string, from: number, to: number): (t: number) => string | null {
  const starts: number[] = [];
  for (let k = 0; ; k++) {
    const s = turnStart(layer, zone, k);
    starts.push(s);
    if (s > to) break;
  }
  const windows = windowIntervals(layer.restrictions, zone, from, to);
  return (t) => {
    if (t < starts[0]) return null;
    if (layer.activeFrom !== undefined && t < layer.activeFrom) return null;
    if (layer.activeUntil !== undefined && t >= layer.activeUntil) return null;
    if (layer.restrictions.length > 0 && !windows.some(([a, b]) => t >= a && t < b)) return null;
    let k = 0;
    while (starts[k + 1] <= t) k++;
    return layer.participants[k % layer.participants.length];
  };
}

function referenceAt(s: Schedule, oracles: ((t: number) => string | null)[], overrides: Override[], t: number): string[] {
  const active = [...overrides].reverse().find((o) => o.start <= t && t < o.end);
  if (active) return [active.person];
  // Groups from the top: a layer joins the group below when coOnCall.
  let i = s.layers.length - 1;
  while (i >= 0) {
    let lowest = i;
    while (lowest > 0 && s.layers[lowest].coOnCall) lowest--;
    const people: string[] = [];
    for (let j = lowest; j <= i; j++) {
      const p = oracles[j](t);
      if (p && !people.includes(p)) people.push(p);
    }
    if (people.length > 0) return people;
    i = lowest - 1;
  }
  return [];
}

function randomSchedule(rand: () => number, zone: string): Schedule {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const people = ['a', 'b', 'c', 'd', 'e', 'f'];
  const layers: Layer[] = Array.from({ length: 1 + Math.floor(rand() * 3) }, (_, i) => {
    const unit = pick(['days', 'weeks', 'months'] as const);
    const mode = unit === 'months' ? 'wallclock' : pick(['wallclock', 'fixed'] as const);
    const restrictions: WeeklyWindow[] = rand() < 0.5 ? [] : Array.from({ length: 1 + Math.floor(rand() * 3) }, () => ({
      startDay: (1 + Math.floor(rand() * 7)) as Weekday,
      startMinute: (5 + Math.floor(rand() * 18)) * 60,
      durationMinutes: 60 * (1 + Math.floor(rand() * 30)),
    })).filter((w) => (w.startMinute + w.durationMinutes) % 1440 >= 240 || (w.startMinute + w.durationMinutes) % 1440 === 0);
    return {
      name: `l${i}`,
      participants: Array.from({ length: 1 + Math.floor(rand() * 4) }, () => pick(people)),
      turn: { unit, count: 1 + Math.floor(rand() * 2) },
      handoffMinute: (5 + Math.floor(rand() * 18)) * 60 + pick([0, 30]),
      startDate: `2026-0${1 + Math.floor(rand() * 3)}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`,
      restrictions,
      handoffMode: mode,
      coOnCall: i > 0 && rand() < 0.3,
    };
  });
  return { name: 's', timeZone: zone, layers, fairness: { maxShare: 0.25, horizonDays: 28, minRotationSize: 4 } };
}

describe('computeFinalSchedule against a naive reference', () => {
  for (const [seed, zone] of [[1, 'America/Chicago'], [2, 'Europe/Berlin'], [3, 'Australia/Sydney'], [4, 'UTC'], [5, 'America/Chicago'], [6, 'Europe/Berlin']] as const) {
    it(`agrees at every sampled instant (seed ${seed}, ${zone})`, () => {
      const rand = prng(seed);
      const schedule = randomSchedule(rand, zone);
      const from = Date.parse('2026-02-15T00:00:00Z');
      const to = Date.parse('2026-05-15T00:00:00Z'); // spans the northern spring and Sydney's autumn changes
      const overrides: Override[] = Array.from({ length: 6 }, (_, i) => {
        const start = from + Math.floor(rand() * (to - from));
        return { kind: 'override', id: `o${i}`, person: `x${i}`, start, end: start + Math.floor(rand() * 60) * 3_600_000 };
      });
      const shifts = computeFinalSchedule(schedule, overrides, { from, to });
      const oracles = schedule.layers.map((l) => layerOracle(l, zone, from, to));
      const mismatches: string[] = [];
      for (let t = from; t < to && mismatches.length < 3; t += 29 * 60_000) {
        const expected = referenceAt(schedule, oracles, overrides, t).join('+');
        const actual = shifts.find((s) => s.start <= t && t < s.end)?.people.join('+') ?? '';
        if (expected !== actual) mismatches.push(`${new Date(t).toISOString()}: expected "${expected}", got "${actual}"`);
      }
      expect(mismatches, JSON.stringify(schedule)).toEqual([]);
    });
  }
});
