import { describe, expect, it } from 'vitest';
import { computeFinalSchedule } from '../schedule/final-schedule.js';
import { at, testLayer, testSchedule } from '../schedule/test-builders.js';
import { checkFairnessAcrossSchedules } from './across.js';
import { checkFairness } from './check.js';

const range = { from: at('2026-01-05T09:00Z'), to: at('2026-03-02T09:00Z') };
const weekly = (name: string, people: string[], startDate: string) =>
  testSchedule([testLayer({ participants: people, turn: { unit: 'weeks', count: 1 }, startDate })], 'UTC', name);

describe('checkFairnessAcrossSchedules', () => {
  // Each schedule alone is one week in four for alice; together, two weeks in four.
  const payments = weekly('payments', ['alice', 'b', 'c', 'd'], '2026-01-05');
  const search = weekly('search', ['alice', 'x', 'y', 'z'], '2026-01-19');
  const shifts = { payments: computeFinalSchedule(payments, [], range), search: computeFinalSchedule(search, [], range) };

  it('catches a person who is fair on each schedule but not across them', () => {
    expect(checkFairness(payments, shifts.payments, { range }).violations).toEqual([]);
    expect(checkFairness(search, shifts.search, { range }).violations).toEqual([]);
    const report = checkFairnessAcrossSchedules(shifts, { range });
    expect(report.violations.map((v) => [v.person, v.hours, v.schedules])).toEqual([['alice', 336, ['payments', 'search']]]);
    expect(report.violations[0].message).toContain('across payments, search (50%)');
  });

  it('accepts an exception for all schedules', () => {
    const report = checkFairnessAcrossSchedules(shifts, { range }, [{ person: 'alice', schedule: '*', approvedBy: 'erin', reason: 'migration month', until: at('2026-04-01T00:00Z') }]);
    expect(report.violations).toEqual([]);
    expect(report.allowedByException.map((v) => v.person)).toEqual(['alice']);
  });
});
