import { describe, expect, it } from 'vitest';
import { computeFinalSchedule } from './final-schedule.js';
import { dailyWindows } from './windows.js';
import { at, iso, testLayer, testSchedule } from './test-builders.js';
import type { Shift } from './model.js';

/** Shifts as compact, readable tuples: [start, end, people]. */
function table(shifts: Shift[]): [string, string, string][] {
  return shifts.map((s) => [iso(s.start), iso(s.end), s.people.join('+')]);
}

describe('rotation turns', () => {
  it('hands a daily turn to the next participant at the handoff time', () => {
    const s = testSchedule([testLayer({ participants: ['a', 'b', 'c'] })]);
    expect(table(computeFinalSchedule(s, [], { from: at('2026-01-05T00:00Z'), to: at('2026-01-09T00:00Z') }))).toEqual([
      ['2026-01-05T09:00:00Z', '2026-01-06T09:00:00Z', 'a'],
      ['2026-01-06T09:00:00Z', '2026-01-07T09:00:00Z', 'b'],
      ['2026-01-07T09:00:00Z', '2026-01-08T09:00:00Z', 'c'],
      ['2026-01-08T09:00:00Z', '2026-01-09T00:00:00Z', 'a'],
    ]);
  });

  it('starts nobody before the layer start date', () => {
    const s = testSchedule([testLayer({ participants: ['a', 'b'], turn: { unit: 'weeks', count: 1 } })]);
    expect(table(computeFinalSchedule(s, [], { from: at('2026-01-01T00:00Z'), to: at('2026-01-26T09:00Z') }))).toEqual([
      ['2026-01-05T09:00:00Z', '2026-01-12T09:00:00Z', 'a'],
      ['2026-01-12T09:00:00Z', '2026-01-19T09:00:00Z', 'b'],
      ['2026-01-19T09:00:00Z', '2026-01-26T09:00:00Z', 'a'],
    ]);
  });

  it('finds the right participant for a range far after the start', () => {
    // 100 weeks after the start with 3 people: turn 100 -> index 100 % 3 = 1.
    const s = testSchedule([testLayer({ participants: ['a', 'b', 'c'], turn: { unit: 'weeks', count: 1 } })]);
    const from = at('2026-01-05T09:00Z') + 100 * 7 * 86_400_000;
    expect(computeFinalSchedule(s, [], { from, to: from + 3_600_000 })[0].people).toEqual(['b']);
  });

  it('clamps monthly turns to the end of shorter months without drifting', () => {
    const s = testSchedule([testLayer({ participants: ['a', 'b', 'c'], turn: { unit: 'months', count: 1 }, startDate: '2026-01-31', handoffMinute: 0 })]);
    expect(table(computeFinalSchedule(s, [], { from: at('2026-01-31T00:00Z'), to: at('2026-05-31T00:00Z') }))).toEqual([
      ['2026-01-31T00:00:00Z', '2026-02-28T00:00:00Z', 'a'],
      ['2026-02-28T00:00:00Z', '2026-03-31T00:00:00Z', 'b'],
      ['2026-03-31T00:00:00Z', '2026-04-30T00:00:00Z', 'c'],
      ['2026-04-30T00:00:00Z', '2026-05-31T00:00:00Z', 'a'],
    ]);
  });

  it('rotates 8-hour turns around the clock', () => {
    const s = testSchedule([testLayer({ participants: ['a', 'b', 'c'], turn: { unit: 'hours', count: 8 }, handoffMinute: 6 * 60 })]);
    expect(table(computeFinalSchedule(s, [], { from: at('2026-01-05T06:00Z'), to: at('2026-01-06T14:00Z') }))).toEqual([
      ['2026-01-05T06:00:00Z', '2026-01-05T14:00:00Z', 'a'],
      ['2026-01-05T14:00:00Z', '2026-01-05T22:00:00Z', 'b'],
      ['2026-01-05T22:00:00Z', '2026-01-06T06:00:00Z', 'c'],
      ['2026-01-06T06:00:00Z', '2026-01-06T14:00:00Z', 'a'],
    ]);
  });

  it('merges consecutive turns of a one-person layer into one shift', () => {
    const s = testSchedule([testLayer({ participants: ['solo'] })]);
    expect(table(computeFinalSchedule(s, [], { from: at('2026-01-06T00:00Z'), to: at('2026-01-10T00:00Z') }))).toEqual([
      ['2026-01-06T00:00:00Z', '2026-01-10T00:00:00Z', 'solo'],
    ]);
  });

  it('respects the layer active-until bound', () => {
    const s = testSchedule([testLayer({ participants: ['a'], activeUntil: at('2026-01-07T12:00Z') })]);
    expect(table(computeFinalSchedule(s, [], { from: at('2026-01-06T00:00Z'), to: at('2026-01-10T00:00Z') }))).toEqual([
      ['2026-01-06T00:00:00Z', '2026-01-07T12:00:00Z', 'a'],
    ]);
  });
});

describe('restrictions', () => {
  it('masks a daily turn to an overnight window 18:00-09:00', () => {
    const s = testSchedule([testLayer({ participants: ['a', 'b'], restrictions: dailyWindows([1, 2, 3, 4, 5, 6, 7], 18 * 60, 9 * 60) })]);
    expect(table(computeFinalSchedule(s, [], { from: at('2026-01-05T09:00Z'), to: at('2026-01-07T09:00Z') }))).toEqual([
      ['2026-01-05T18:00:00Z', '2026-01-06T09:00:00Z', 'a'],
      ['2026-01-06T18:00:00Z', '2026-01-07T09:00:00Z', 'b'],
    ]);
  });

  it('keeps rotating through restricted time, so a handoff can split a window', () => {
    // Handoff at midnight inside the 18:00-09:00 window: each night is shared by two people.
    const s = testSchedule([testLayer({ participants: ['a', 'b'], handoffMinute: 0, restrictions: dailyWindows([1, 2, 3, 4, 5, 6, 7], 18 * 60, 9 * 60) })]);
    expect(table(computeFinalSchedule(s, [], { from: at('2026-01-05T00:00Z'), to: at('2026-01-07T00:00Z') }))).toEqual([
      ['2026-01-05T00:00:00Z', '2026-01-05T09:00:00Z', 'a'],
      ['2026-01-05T18:00:00Z', '2026-01-06T00:00:00Z', 'a'],
      ['2026-01-06T00:00:00Z', '2026-01-06T09:00:00Z', 'b'],
      ['2026-01-06T18:00:00Z', '2026-01-07T00:00:00Z', 'b'],
    ]);
  });

  it('limits a weekly turn to weekdays 09:00-17:00', () => {
    const s = testSchedule([testLayer({ participants: ['a', 'b'], turn: { unit: 'weeks', count: 1 }, restrictions: dailyWindows([1, 2, 3, 4, 5], 9 * 60, 17 * 60) })]);
    const shifts = computeFinalSchedule(s, [], { from: at('2026-01-05T00:00Z'), to: at('2026-01-12T00:00Z') });
    expect(table(shifts)).toEqual(
      ['05', '06', '07', '08', '09'].map((d) => [`2026-01-${d}T09:00:00Z`, `2026-01-${d}T17:00:00Z`, 'a']),
    );
  });

  it('handles a weekend window from Friday 18:00 to Monday 09:00', () => {
    const s = testSchedule([testLayer({ participants: ['w'], restrictions: [{ startDay: 5, startMinute: 18 * 60, durationMinutes: 63 * 60 }] })]);
    expect(table(computeFinalSchedule(s, [], { from: at('2026-01-05T00:00Z'), to: at('2026-01-19T00:00Z') }))).toEqual([
      ['2026-01-09T18:00:00Z', '2026-01-12T09:00:00Z', 'w'],
      ['2026-01-16T18:00:00Z', '2026-01-19T00:00:00Z', 'w'],
    ]);
  });
});
