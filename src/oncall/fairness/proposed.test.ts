import { describe, expect, it } from 'vitest';
import { at, testLayer, testSchedule } from '../schedule/test-builders.js';
import type { FairnessException } from './model.js';
import { evaluateProposedChange, summarizeVerdict } from './proposed.js';

const WEEK = 7 * 86_400_000;
const eight = testSchedule([testLayer({ name: 'weekly', participants: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], turn: { unit: 'weeks', count: 1 } })], 'UTC', 'payments');
const start = at('2026-01-05T09:00Z');
const week = (n: number) => ({ start: start + n * WEEK, end: start + (n + 1) * WEEK });

describe('summarizeVerdict', () => {
  it('says a fair swap needs no exception and names nobody', () => {
    const v = evaluateProposedChange({ schedule: eight, changes: [], now: start, proposed: { kind: 'swap', id: 's', first: { person: 'a', ...week(8) }, second: { person: 'b', ...week(9) } } });
    expect(summarizeVerdict(v)).toEqual({ accepted: true, message: v.message, exceptionRequired: false, overLimit: [] });
  });

  it('names each person an unfair swap pushes over the limit, by how many hours, and asks for an exception', () => {
    // a takes c's week 2 (a already has week 0); c takes a's week 8 (c already has week 10).
    const v = evaluateProposedChange({ schedule: eight, changes: [], now: start, proposed: { kind: 'swap', id: 's', first: { person: 'a', ...week(8) }, second: { person: 'c', ...week(2) } } });
    const summary = summarizeVerdict(v);
    expect(summary.accepted).toBe(false);
    expect(summary.exceptionRequired).toBe(true);
    expect(summary.message).toMatch(/^refused: a would be on call 336 h/);
    expect(summary.overLimit.map((p) => [p.person, p.hours, p.hoursBefore, p.limitHours, p.hoursOverLimit, p.limitShare])).toEqual([
      ['a', 336, 168, 168, 168, 0.25],
      ['c', 336, 168, 168, 168, 0.25],
    ]);
    expect(summary.overLimit[0]!.windowEnd - summary.overLimit[0]!.windowStart).toBe(4 * WEEK);
    expect(summary.overLimit[0]!.message).toContain('the limit is one week in four (25%)');
  });

  it('gives an override the same shape, and no exception is required once one covers the person', () => {
    const proposed = { kind: 'override' as const, id: 'o', person: 'a', ...week(2) };
    const refused = summarizeVerdict(evaluateProposedChange({ schedule: eight, changes: [], now: start, proposed }));
    expect(refused.overLimit.map((p) => [p.person, p.hoursOverLimit])).toEqual([['a', 168]]);
    const exception: FairnessException = { person: 'a', schedule: 'payments', approvedBy: 'erin', reason: 'handover', until: at('2026-06-01T00:00Z') };
    const covered = summarizeVerdict(evaluateProposedChange({ schedule: eight, changes: [], now: start, proposed, exceptions: [exception] }));
    expect(covered).toMatchObject({ accepted: true, exceptionRequired: false, overLimit: [] });
  });
});
