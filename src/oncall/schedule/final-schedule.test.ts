import { describe, expect, it } from 'vitest';
import { computeFinalSchedule, findGaps, whoIsOnCall } from './final-schedule.js';
import { dailyWindows } from './windows.js';
import { at, iso, testLayer, testSchedule } from './test-builders.js';
import type { ScheduleChange, Shift } from './model.js';

function table(shifts: Shift[]): [string, string, string][] {
  return shifts.map((s) => [iso(s.start), iso(s.end), s.people.join('+')]);
}
const day = { from: at('2026-01-05T09:00Z'), to: at('2026-01-06T09:00Z') };

describe('overrides', () => {
  it('splits a shift around an override', () => {
    const s = testSchedule([testLayer({ participants: ['a'] })]);
    const changes: ScheduleChange[] = [{ kind: 'override', id: 'o1', person: 'z', start: at('2026-01-05T12:00Z'), end: at('2026-01-05T14:00Z') }];
    const shifts = computeFinalSchedule(s, changes, day);
    expect(table(shifts)).toEqual([
      ['2026-01-05T09:00:00Z', '2026-01-05T12:00:00Z', 'a'],
      ['2026-01-05T12:00:00Z', '2026-01-05T14:00:00Z', 'z'],
      ['2026-01-05T14:00:00Z', '2026-01-06T09:00:00Z', 'a'],
    ]);
    expect(shifts[1].source).toEqual([{ kind: 'override', overrideId: 'o1' }]);
  });

  it('lets the later of two overlapping overrides win', () => {
    const s = testSchedule([testLayer({ participants: ['a'] })]);
    const changes: ScheduleChange[] = [
      { kind: 'override', id: 'o1', person: 'x', start: at('2026-01-05T10:00Z'), end: at('2026-01-05T14:00Z') },
      { kind: 'override', id: 'o2', person: 'y', start: at('2026-01-05T12:00Z'), end: at('2026-01-05T13:00Z') },
    ];
    expect(table(computeFinalSchedule(s, changes, day)).slice(1, 4)).toEqual([
      ['2026-01-05T10:00:00Z', '2026-01-05T12:00:00Z', 'x'],
      ['2026-01-05T12:00:00Z', '2026-01-05T13:00:00Z', 'y'],
      ['2026-01-05T13:00:00Z', '2026-01-05T14:00:00Z', 'x'],
    ]);
  });

  it('fills a gap when an override covers time no layer covers', () => {
    const s = testSchedule([testLayer({ participants: ['a'], restrictions: dailyWindows([1, 2, 3, 4, 5], 9 * 60, 17 * 60) })]);
    const changes: ScheduleChange[] = [{ kind: 'override', id: 'o', person: 'n', start: at('2026-01-05T20:00Z'), end: at('2026-01-05T22:00Z') }];
    expect(table(computeFinalSchedule(s, changes, day))).toEqual([
      ['2026-01-05T09:00:00Z', '2026-01-05T17:00:00Z', 'a'],
      ['2026-01-05T20:00:00Z', '2026-01-05T22:00:00Z', 'n'],
    ]);
  });
});

describe('shift swaps', () => {
  it('exchanges two people’s shifts', () => {
    const s = testSchedule([testLayer({ participants: ['a', 'b'] })]);
    const changes: ScheduleChange[] = [{
      kind: 'swap', id: 's1',
      first: { person: 'a', start: at('2026-01-05T09:00Z'), end: at('2026-01-06T09:00Z') },
      second: { person: 'b', start: at('2026-01-06T09:00Z'), end: at('2026-01-07T09:00Z') },
    }];
    const shifts = computeFinalSchedule(s, changes, { from: at('2026-01-05T09:00Z'), to: at('2026-01-08T09:00Z') });
    expect(table(shifts)).toEqual([
      ['2026-01-05T09:00:00Z', '2026-01-06T09:00:00Z', 'b'],
      ['2026-01-06T09:00:00Z', '2026-01-07T09:00:00Z', 'a'],
      ['2026-01-07T09:00:00Z', '2026-01-08T09:00:00Z', 'a'],
    ]);
    expect(shifts[0].source).toEqual([{ kind: 'swap', swapId: 's1', layer: 'layer' }]);
  });

  it('is beaten by an override', () => {
    const s = testSchedule([testLayer({ participants: ['a', 'b'] })]);
    const changes: ScheduleChange[] = [
      { kind: 'override', id: 'o', person: 'z', start: at('2026-01-05T10:00Z'), end: at('2026-01-05T11:00Z') },
      { kind: 'swap', id: 's1', first: { person: 'a', start: day.from, end: day.to }, second: { person: 'b', start: day.to, end: day.to + 86_400_000 } },
    ];
    expect(table(computeFinalSchedule(s, changes, day)).map((r) => r[2])).toEqual(['b', 'z', 'b']);
  });
});

describe('layer precedence', () => {
  it('gives a later layer the time it covers and falls back to the earlier layer elsewhere', () => {
    // Layer 2 covers nights; layer 1 covers the rest.
    const s = testSchedule([
      testLayer({ name: 'days', participants: ['a'] }),
      testLayer({ name: 'nights', participants: ['n'], restrictions: dailyWindows([1, 2, 3, 4, 5, 6, 7], 18 * 60, 8 * 60) }),
    ]);
    const shifts = computeFinalSchedule(s, [], day);
    expect(table(shifts)).toEqual([
      ['2026-01-05T09:00:00Z', '2026-01-05T18:00:00Z', 'a'],
      ['2026-01-05T18:00:00Z', '2026-01-06T08:00:00Z', 'n'],
      ['2026-01-06T08:00:00Z', '2026-01-06T09:00:00Z', 'a'],
    ]);
    expect(shifts[1].source).toEqual([{ kind: 'layer', layer: 'nights' }]);
  });

  it('puts both people on call where a co-on-call layer overlaps the layer before it', () => {
    const s = testSchedule([
      testLayer({ name: 'primary', participants: ['a'] }),
      testLayer({ name: 'shadow', participants: ['trainee'], coOnCall: true, restrictions: dailyWindows([1, 2, 3, 4, 5], 9 * 60, 17 * 60) }),
    ]);
    const shifts = computeFinalSchedule(s, [], day);
    expect(table(shifts)).toEqual([
      ['2026-01-05T09:00:00Z', '2026-01-05T17:00:00Z', 'a+trainee'],
      ['2026-01-05T17:00:00Z', '2026-01-06T09:00:00Z', 'a'],
    ]);
    expect(shifts[0].source).toEqual([{ kind: 'layer', layer: 'primary' }, { kind: 'layer', layer: 'shadow' }]);
  });

  it('lets a higher layer beat a co-on-call pair', () => {
    const s = testSchedule([
      testLayer({ name: 'l1', participants: ['a'] }),
      testLayer({ name: 'l2', participants: ['b'], coOnCall: true }),
      testLayer({ name: 'l3', participants: ['c'], restrictions: dailyWindows([1], 12 * 60, 13 * 60) }),
    ]);
    expect(table(computeFinalSchedule(s, [], day)).map((r) => r[2])).toEqual(['a+b', 'c', 'a+b']);
  });
});

describe('gaps and who is on call', () => {
  it('reports nights and weekends as gaps of a business-hours layer', () => {
    const s = testSchedule([testLayer({ participants: ['a'], restrictions: dailyWindows([1, 2, 3, 4, 5], 9 * 60, 17 * 60) })]);
    const range = { from: at('2026-01-09T00:00Z'), to: at('2026-01-13T00:00Z') }; // Fri..Mon
    const gaps = findGaps(computeFinalSchedule(s, [], range), range);
    expect(gaps.map((g) => [iso(g.start), iso(g.end)])).toEqual([
      ['2026-01-09T00:00:00Z', '2026-01-09T09:00:00Z'],
      ['2026-01-09T17:00:00Z', '2026-01-12T09:00:00Z'],
      ['2026-01-12T17:00:00Z', '2026-01-13T00:00:00Z'],
    ]);
  });

  it('reports the whole range as one gap for a schedule with no coverage', () => {
    const range = { from: at('2026-01-01T00:00Z'), to: at('2026-01-02T00:00Z') };
    expect(findGaps(computeFinalSchedule(testSchedule([]), [], range), range)).toEqual([{ start: range.from, end: range.to }]);
  });

  it('answers who is on call at an instant, with the whole shift around it', () => {
    const s = testSchedule([testLayer({ participants: ['a', 'b'], turn: { unit: 'weeks', count: 1 } })]);
    const shift = whoIsOnCall(s, [], at('2026-01-14T03:00Z'));
    expect(shift && [iso(shift.start), iso(shift.end), shift.people]).toEqual(['2026-01-12T09:00:00Z', '2026-01-19T09:00:00Z', ['b']]);
    expect(whoIsOnCall(s, [], at('2026-01-01T00:00Z'))).toBeNull();
  });
});
