import { describe, expect, it } from 'vitest';
import { computeFinalSchedule } from '../schedule/final-schedule.js';
import { dailyWindows } from '../schedule/windows.js';
import { at, testLayer, testSchedule } from '../schedule/test-builders.js';
import type { Schedule } from '../schedule/model.js';
import { busiestWindows } from './busiest.js';
import { checkFairness } from './check.js';
import { evaluateProposedChange } from './proposed.js';
import type { FairnessException } from './model.js';

const H = 3_600_000;
const weekly = (people: string[]): Schedule => testSchedule([testLayer({ name: 'weekly', participants: people, turn: { unit: 'weeks', count: 1 } })], 'UTC', 'payments');
const range = { from: at('2026-01-05T09:00Z'), to: at('2026-04-27T09:00Z') }; // 16 weeks
const shiftsOf = (s: Schedule) => computeFinalSchedule(s, [], range);

describe('checkFairness', () => {
  it('accepts a four-person weekly rotation: exactly one week in four each', () => {
    const s = weekly(['a', 'b', 'c', 'd']);
    const report = checkFairness(s, shiftsOf(s), { range });
    expect(report.violations).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(report.busiest.map((w) => [w.person, w.hours])).toEqual([['a', 168], ['b', 168], ['c', 168], ['d', 168]]);
  });

  it('flags a three-person weekly rotation with hours, share and the limit', () => {
    const s = weekly(['a', 'b', 'c']);
    const report = checkFairness(s, shiftsOf(s), { range });
    expect(report.violations.map((v) => [v.person, v.hours, Math.round(v.share * 100)])).toEqual([['a', 336, 50], ['b', 336, 50], ['c', 336, 50]]);
    expect(report.violations[0].message).toBe(
      "a would be on call 336 h of the 28 days from 2026-01-05 09:00 UTC (50%) on payments; the limit is one week in four (25%). " +
      "Add people to the rotation, shorten a's turns, move an override to someone else, or record a fairness exception (approvedBy, reason, until).",
    );
    expect(report.warnings[0].message).toContain('rotates 3 people, so each is on call one turn in 3 (33.3%');
  });

  it('explains why a two-person rotation is a burnout guarantee', () => {
    const s = weekly(['a', 'b']);
    const [warning] = checkFairness(s, shiftsOf(s), { range }).warnings;
    expect(warning.layer).toBe('weekly');
    expect(warning.message).toContain('A two-person rotation is a burnout guarantee: every other week on call');
  });

  it('uses a configurable share and horizon', () => {
    const s = weekly(['a', 'b', 'c']);
    expect(checkFairness(s, shiftsOf(s), { range, maxShare: 0.5 }).violations).toEqual([]);
    const strict = checkFairness(s, shiftsOf(s), { range, maxShare: 0.3, horizonDays: 21 });
    expect(strict.violations[0].message).toContain('the limit is 30% of any 21 days (151.2 h)');
  });

  it('reports a violation covered by a recorded exception as allowed, not as a violation', () => {
    const s = weekly(['a', 'b', 'c', 'd']);
    const shifts = computeFinalSchedule(s, [{ kind: 'override', id: 'o', person: 'a', start: at('2026-01-12T09:00Z'), end: at('2026-01-19T09:00Z') }], range);
    const exception: FairnessException = { person: 'a', schedule: 'payments', approvedBy: 'erin (eng manager)', reason: 'b on parental leave', until: at('2026-03-01T00:00Z') };
    const report = checkFairness(s, shifts, { range }, [exception]);
    expect(report.violations).toEqual([]);
    expect(report.allowedByException.map((v) => [v.person, v.hours])).toEqual([['a', 336]]);
    expect(report.allowedByException[0].message).toContain('Allowed by the exception approved by erin (eng manager) until 2026-03-01 00:00 UTC: b on parental leave');
  });

  it('ignores an exception that has expired or lacks an approver', () => {
    const s = weekly(['a', 'b', 'c']);
    const expired: FairnessException = { person: 'a', schedule: 'payments', approvedBy: 'erin', reason: 'x', until: at('2026-01-01T00:00Z') };
    const unapproved: FairnessException = { person: 'b', schedule: 'payments', approvedBy: '', reason: 'x', until: at('2027-01-01T00:00Z') };
    const report = checkFairness(s, shiftsOf(s), { range }, [expired, unapproved]);
    expect(report.violations.map((v) => v.person)).toEqual(['a', 'b', 'c']);
    expect(report.warnings.some((w) => w.message.includes('the fairness exception for b is ignored: record who approved it (approvedBy)'))).toBe(true);
  });

  it('finds the same busiest window as a brute-force hourly scan', () => {
    const s = testSchedule([
      testLayer({ name: 'l1', participants: ['a', 'b', 'c', 'a', 'd'], turn: { unit: 'days', count: 3 } }),
      testLayer({ name: 'l2', participants: ['c', 'e'], turn: { unit: 'hours', count: 13 }, restrictions: dailyWindows([6, 7], 8 * 60, 20 * 60) }),
    ]);
    const shifts = computeFinalSchedule(s, [], range);
    const horizon = 10 * 24 * H;
    const fast = new Map(busiestWindows(shifts, range, horizon).map((w) => [w.person, w.hours]));
    for (const person of ['a', 'b', 'c', 'd', 'e']) {
      let best = 0;
      for (let t = range.from; t + horizon <= range.to; t += H) {
        let covered = 0;
        for (const sh of shifts) if (sh.people.includes(person)) covered += Math.max(0, Math.min(sh.end, t + horizon) - Math.max(sh.start, t));
        best = Math.max(best, covered / H);
      }
      expect(fast.get(person)).toBeCloseTo(best, 6);
    }
  });
});

describe('evaluateProposedChange', () => {
  const now = at('2026-02-02T09:00Z');
  const six = weekly(['a', 'b', 'c', 'd', 'e', 'f']);

  it('accepts a one-day override that keeps the person within the limit', () => {
    // Daily turns among six people: 4-5 days in any 28, so one extra day stays under 168 h.
    const daily = testSchedule([testLayer({ participants: ['a', 'b', 'c', 'd', 'e', 'f'] })], 'UTC', 'payments');
    const v = evaluateProposedChange({ schedule: daily, changes: [], now, proposed: { kind: 'override', id: 'o', person: 'b', start: at('2026-02-16T09:00Z'), end: at('2026-02-17T09:00Z') } });
    expect(v.accepted).toBe(true);
    expect(v.after.busiest.find((w) => w.person === 'b')?.hours).toBe(144);
  });

  it('refuses an override that would give someone a second week within 28 days, before it is saved', () => {
    // a's turns start 2026-01-05, 02-16 and 03-30; also covering 03-02..03-09 puts 336 h in 28 days.
    const v = evaluateProposedChange({ schedule: six, changes: [], now, proposed: { kind: 'override', id: 'o', person: 'a', start: at('2026-03-02T09:00Z'), end: at('2026-03-09T09:00Z') } });
    expect(v.accepted).toBe(false);
    expect(v.blocking.map((b) => [b.person, b.hours])).toEqual([['a', 336]]);
    expect(v.message).toMatch(/^refused: a would be on call 336 h of the 28 days/);
  });

  it('accepts an override that relieves an already overloaded person', () => {
    const three = weekly(['a', 'b', 'c']);
    const v = evaluateProposedChange({ schedule: three, changes: [], now, proposed: { kind: 'override', id: 'o', person: 'z', start: at('2026-02-02T09:00Z'), end: at('2026-02-09T09:00Z') } });
    expect(v.before.violations.length).toBeGreaterThan(0);
    expect(v.accepted).toBe(true);
  });

  it('accepts the override when an exception covers the person', () => {
    const exception: FairnessException = { person: 'a', schedule: 'payments', approvedBy: 'erin', reason: 'handover week', until: at('2026-06-01T00:00Z') };
    const v = evaluateProposedChange({ schedule: six, changes: [], now, exceptions: [exception], proposed: { kind: 'override', id: 'o', person: 'a', start: at('2026-03-02T09:00Z'), end: at('2026-03-09T09:00Z') } });
    expect(v.accepted).toBe(true);
    expect(v.after.allowedByException.map((x) => x.person)).toEqual(['a']);
  });

  it('judges swaps too: adjacent weeks are fine, pulling a week close to one’s own is refused', () => {
    const eight = weekly(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    const week = (n: number) => ({ start: at('2026-01-05T09:00Z') + n * 7 * 86_400_000, end: at('2026-01-05T09:00Z') + (n + 1) * 7 * 86_400_000 });
    const adjacent = evaluateProposedChange({ schedule: eight, changes: [], now: week(0).start, proposed: { kind: 'swap', id: 's1', first: { person: 'a', ...week(8) }, second: { person: 'b', ...week(9) } } });
    expect(adjacent.accepted).toBe(true);
    const close = evaluateProposedChange({ schedule: eight, changes: [], now: week(0).start, proposed: { kind: 'swap', id: 's2', first: { person: 'a', ...week(8) }, second: { person: 'c', ...week(2) } } });
    expect(close.accepted).toBe(false);
    // a now has weeks 0 and 2; c has weeks 8 and 10 (its next turn): both get 336 h in 28 days.
    expect(close.blocking.map((b) => [b.person, b.hours])).toEqual([['a', 336], ['c', 336]]);
  });
});
