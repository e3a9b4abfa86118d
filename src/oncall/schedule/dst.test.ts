/**
 * DST vectors. Expected instants are written in UTC by hand from the zone rules:
 * America/Chicago springs forward 2026-03-08 02:00 CST -> 03:00 CDT and falls back
 * 2026-11-01 02:00 CDT -> 01:00 CST; Europe/Berlin springs forward 2026-03-29 02:00 CET ->
 * 03:00 CEST and falls back 2026-10-25 03:00 CEST -> 02:00 CET.
 */
import { describe, expect, it } from 'vitest';
import { computeFinalSchedule } from './final-schedule.js';
import { dailyWindows } from './windows.js';
import { at, iso, testLayer, testSchedule } from './test-builders.js';
import type { HandoffMode, Layer, Shift } from './model.js';

const H = 3_600_000;
function table(shifts: Shift[]): [string, string, string, number][] {
  return shifts.map((s) => [iso(s.start), iso(s.end), s.people.join('+'), (s.end - s.start) / H]);
}
function daily(zone: string, mode: HandoffMode, startDate: string, extra: Partial<Layer> = {}) {
  return testSchedule([testLayer({ participants: ['a', 'b'], startDate, handoffMode: mode, ...extra })], zone);
}

describe('America/Chicago', () => {
  const zone = 'America/Chicago';
  const range = { from: at('2026-03-07T15:00Z'), to: at('2026-03-09T15:00Z') };

  it('wall-clock: the daily shift over the spring change lasts 23 h and handoffs stay at 09:00 local', () => {
    expect(table(computeFinalSchedule(daily(zone, 'wallclock', '2026-03-07'), [], range))).toEqual([
      ['2026-03-07T15:00:00Z', '2026-03-08T14:00:00Z', 'a', 23],
      ['2026-03-08T14:00:00Z', '2026-03-09T14:00:00Z', 'b', 24],
      ['2026-03-09T14:00:00Z', '2026-03-09T15:00:00Z', 'a', 1],
    ]);
  });

  it('fixed: the same shift lasts 24 h and later handoffs drift to 10:00 local', () => {
    expect(table(computeFinalSchedule(daily(zone, 'fixed', '2026-03-07'), [], range))).toEqual([
      ['2026-03-07T15:00:00Z', '2026-03-08T15:00:00Z', 'a', 24],
      ['2026-03-08T15:00:00Z', '2026-03-09T15:00:00Z', 'b', 24],
    ]);
  });

  it('fixed: a handoff anchored before the change stays at 10:00 CDT weeks later', () => {
    const shifts = computeFinalSchedule(daily(zone, 'fixed', '2026-03-01'), [], { from: at('2026-04-01T00:00Z'), to: at('2026-04-02T23:00Z') });
    expect(iso(shifts[1].start)).toBe('2026-04-01T15:00:00Z'); // 10:00 CDT
  });

  it('wall-clock: the daily shift over the autumn change lasts 25 h', () => {
    const shifts = computeFinalSchedule(daily(zone, 'wallclock', '2026-10-31'), [], { from: at('2026-10-31T14:00Z'), to: at('2026-11-02T15:00Z') });
    expect(table(shifts)).toEqual([
      ['2026-10-31T14:00:00Z', '2026-11-01T15:00:00Z', 'a', 25],
      ['2026-11-01T15:00:00Z', '2026-11-02T15:00:00Z', 'b', 24],
    ]);
  });

  it('fixed: over the autumn change the handoff moves to 08:00 local', () => {
    const shifts = computeFinalSchedule(daily(zone, 'fixed', '2026-10-31'), [], { from: at('2026-10-31T14:00Z'), to: at('2026-11-01T14:00Z') });
    expect(table(shifts)).toEqual([['2026-10-31T14:00:00Z', '2026-11-01T14:00:00Z', 'a', 24]]);
  });

  it('wall-clock: a weekly shift over the spring change lasts 167 h, fixed 168 h', () => {
    const weekly = { turn: { unit: 'weeks' as const, count: 1 } };
    const wall = computeFinalSchedule(daily(zone, 'wallclock', '2026-03-02', weekly), [], { from: at('2026-03-02T15:00Z'), to: at('2026-03-10T00:00Z') });
    const fixed = computeFinalSchedule(daily(zone, 'fixed', '2026-03-02', weekly), [], { from: at('2026-03-02T15:00Z'), to: at('2026-03-10T00:00Z') });
    expect(table(wall)[0]).toEqual(['2026-03-02T15:00:00Z', '2026-03-09T14:00:00Z', 'a', 167]);
    expect(table(fixed)[0]).toEqual(['2026-03-02T15:00:00Z', '2026-03-09T15:00:00Z', 'a', 168]);
  });

  it('wall-clock: 12-hour turns keep 08:00/20:00 local, so the spring night turn lasts 11 h', () => {
    const s = daily(zone, 'wallclock', '2026-03-07', { turn: { unit: 'hours', count: 12 }, handoffMinute: 8 * 60 });
    expect(table(computeFinalSchedule(s, [], { from: at('2026-03-07T14:00Z'), to: at('2026-03-08T13:00Z') }))).toEqual([
      ['2026-03-07T14:00:00Z', '2026-03-08T02:00:00Z', 'a', 12],
      ['2026-03-08T02:00:00Z', '2026-03-08T13:00:00Z', 'b', 11],
    ]);
  });

  it('ends an overnight 18:00-09:00 window at 09:00 local on the spring night (14 h)', () => {
    const s = daily(zone, 'wallclock', '2026-03-07', { participants: ['n'], restrictions: dailyWindows([1, 2, 3, 4, 5, 6, 7], 18 * 60, 9 * 60) });
    const shifts = computeFinalSchedule(s, [], { from: at('2026-03-07T18:00Z'), to: at('2026-03-08T18:00Z') });
    expect(table(shifts)).toEqual([['2026-03-08T00:00:00Z', '2026-03-08T14:00:00Z', 'n', 14]]);
  });

  it('moves a handoff that falls in the spring gap (02:30) to 03:30 CDT', () => {
    const s = daily(zone, 'wallclock', '2026-03-06', { handoffMinute: 2 * 60 + 30 });
    const shifts = computeFinalSchedule(s, [], { from: at('2026-03-07T00:00Z'), to: at('2026-03-09T12:00Z') });
    // 02:30 CST = 08:30Z; 02:30 on the 8th does not exist -> 03:30 CDT = 08:30Z; then 02:30 CDT = 07:30Z.
    expect(table(shifts).map((r) => r[1]).slice(0, 3)).toEqual(['2026-03-07T08:30:00Z', '2026-03-08T08:30:00Z', '2026-03-09T07:30:00Z']);
  });
});

describe('Europe/Berlin', () => {
  const zone = 'Europe/Berlin';

  it('wall-clock: 23 h over the spring change and 25 h over the autumn change', () => {
    const spring = computeFinalSchedule(daily(zone, 'wallclock', '2026-03-28'), [], { from: at('2026-03-28T08:00Z'), to: at('2026-03-29T07:00Z') });
    const autumn = computeFinalSchedule(daily(zone, 'wallclock', '2026-10-24'), [], { from: at('2026-10-24T07:00Z'), to: at('2026-10-25T08:00Z') });
    expect(table(spring)).toEqual([['2026-03-28T08:00:00Z', '2026-03-29T07:00:00Z', 'a', 23]]);
    expect(table(autumn)).toEqual([['2026-10-24T07:00:00Z', '2026-10-25T08:00:00Z', 'a', 25]]);
  });

  it('fixed: 24 h turns, handing off at 10:00 CEST after spring and 08:00 CET after autumn', () => {
    const spring = computeFinalSchedule(daily(zone, 'fixed', '2026-03-28'), [], { from: at('2026-03-28T08:00Z'), to: at('2026-03-30T08:00Z') });
    expect(table(spring)).toEqual([
      ['2026-03-28T08:00:00Z', '2026-03-29T08:00:00Z', 'a', 24], // ends 10:00 CEST
      ['2026-03-29T08:00:00Z', '2026-03-30T08:00:00Z', 'b', 24],
    ]);
    const autumn = computeFinalSchedule(daily(zone, 'fixed', '2026-10-24'), [], { from: at('2026-10-24T07:00Z'), to: at('2026-10-25T07:00Z') });
    expect(table(autumn)).toEqual([['2026-10-24T07:00:00Z', '2026-10-25T07:00:00Z', 'a', 24]]); // ends 08:00 CET
  });

  it('wall-clock: the overnight window over the autumn change lasts 16 h instead of 15', () => {
    const s = daily(zone, 'wallclock', '2026-10-24', { participants: ['n'], restrictions: dailyWindows([1, 2, 3, 4, 5, 6, 7], 18 * 60, 9 * 60) });
    const shifts = computeFinalSchedule(s, [], { from: at('2026-10-24T12:00Z'), to: at('2026-10-25T12:00Z') });
    expect(table(shifts)).toEqual([['2026-10-24T16:00:00Z', '2026-10-25T08:00:00Z', 'n', 16]]);
  });
});
