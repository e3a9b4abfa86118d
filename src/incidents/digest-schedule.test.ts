import { describe, expect, it } from 'vitest';
import type { WeeklyDigestSchedule } from './config.js';
import { nextDigestDue, weekKey } from './digest-schedule.js';

const berlinMonday9: { digest: { weekly: WeeklyDigestSchedule } } = { digest: { weekly: { day: 'monday', at: '09:00', timeZone: 'Europe/Berlin' } } };
const utc = (iso: string) => Date.parse(iso);

describe('nextDigestDue', () => {
  it('is off when no weekly schedule is configured', () => {
    expect(nextDigestDue({}, null, utc('2026-11-23T10:00:00Z'))).toBeNull();
  });

  it('is due at Monday 09:00 Berlin time (08:00 UTC in winter) of the current week', () => {
    const due = nextDigestDue(berlinMonday9, null, utc('2026-11-23T07:00:00Z'))!;
    expect(due).toEqual({ week: 202648, dueAt: utc('2026-11-23T08:00:00Z') });
    expect(due.dueAt > utc('2026-11-23T07:00:00Z')).toBe(true);
  });

  it('is still due later in the week when this week was not sent (server was down at the slot)', () => {
    expect(nextDigestDue(berlinMonday9, 202647, utc('2026-11-26T15:00:00Z'))).toEqual({ week: 202648, dueAt: utc('2026-11-23T08:00:00Z') });
  });

  it('moves to next week once this week was sent', () => {
    expect(nextDigestDue(berlinMonday9, 202648, utc('2026-11-23T08:00:01Z'))).toEqual({ week: 202649, dueAt: utc('2026-11-30T08:00:00Z') });
  });

  it('keeps 09:00 wall-clock time across the end of daylight saving time (07:00 UTC, then 08:00 UTC)', () => {
    const summer = nextDigestDue(berlinMonday9, null, utc('2026-10-19T12:00:00Z'))!;
    expect(summer.dueAt).toBe(utc('2026-10-19T07:00:00Z'));
    const after = nextDigestDue(berlinMonday9, summer.week, utc('2026-10-19T12:00:00Z'))!;
    expect(after).toEqual({ week: summer.week + 1, dueAt: utc('2026-10-26T08:00:00Z') });
  });

  it('keeps 09:00 wall-clock time across the start of daylight saving time (08:00 UTC, then 07:00 UTC)', () => {
    const winter = nextDigestDue(berlinMonday9, null, utc('2026-03-23T12:00:00Z'))!;
    expect(winter.dueAt).toBe(utc('2026-03-23T08:00:00Z'));
    expect(nextDigestDue(berlinMonday9, winter.week, utc('2026-03-23T12:00:00Z'))!.dueAt).toBe(utc('2026-03-30T07:00:00Z'));
  });

  it('moves a slot that does not exist on the spring-forward night to the next valid time', () => {
    const sunday0230 = { digest: { weekly: { day: 'sunday', at: '02:30', timeZone: 'Europe/Berlin' } as WeeklyDigestSchedule } };
    expect(nextDigestDue(sunday0230, null, utc('2026-03-29T12:00:00Z'))!.dueAt).toBe(utc('2026-03-29T01:30:00Z'));
  });

  it('identifies weeks by the ISO week of the zone, across a year end', () => {
    // Monday 2026-12-28 is in ISO week 53 of 2026; Monday 2027-01-04 starts week 1 of 2027.
    expect(weekKey(utc('2026-12-28T10:00:00Z'), 'Europe/Berlin')).toBe(202653);
    const due = nextDigestDue(berlinMonday9, 202653, utc('2026-12-29T10:00:00Z'))!;
    expect(due).toEqual({ week: 202701, dueAt: utc('2027-01-04T08:00:00Z') });
  });

  it('uses the week in the configured zone, not UTC: Sunday 23:30 UTC is already Monday in Berlin', () => {
    expect(nextDigestDue({ digest: { weekly: { day: 'monday', at: '00:15', timeZone: 'Europe/Berlin' } } }, null, utc('2026-11-29T23:30:00Z'))).toEqual({ week: 202649, dueAt: utc('2026-11-29T23:15:00Z') });
  });
});
