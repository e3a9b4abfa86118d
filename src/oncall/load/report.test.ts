import { describe, expect, it } from 'vitest';
import type { Person, Shift } from '../schedule/model.js';
import { computeLoadReport, isInLocalWindow, defaultNight } from './report.js';

const t = (iso: string) => Date.parse(iso);
const person = (id: string, timeZone: string): Person => ({ id, name: id, timeZone, contactMethods: [], notificationRules: [] });
const layerShift = (start: string, end: string, people: string[]): Shift => ({ start: t(start), end: t(end), people, source: people.map(() => ({ kind: 'layer', layer: 'l' })) });

describe('computeLoadReport', () => {
  // Mon 2026-01-05 .. Mon 2026-01-12 (UTC): 168 h.
  const range = { from: t('2026-01-05T00:00:00Z'), to: t('2026-01-12T00:00:00Z') };
  const report = computeLoadReport({
    range,
    people: [person('alice', 'Europe/Berlin'), person('bob', 'America/Chicago')],
    shiftsBySchedule: {
      // alice: Fri 17:00 -> Sat 09:00 Berlin. bob: Mon 08:00 -> 17:00 Chicago.
      primary: [layerShift('2026-01-05T14:00:00Z', '2026-01-05T23:00:00Z', ['bob']), layerShift('2026-01-09T16:00:00Z', '2026-01-10T08:00:00Z', ['alice'])],
      // Both on call Tue 01:00-03:00 Berlin = Mon 18:00-20:00 Chicago.
      secondary: [layerShift('2026-01-06T00:00:00Z', '2026-01-06T02:00:00Z', ['alice', 'bob'])],
    },
    pages: [
      { at: t('2026-01-10T03:00:00Z'), person: 'alice', schedule: 'primary' }, // Sat 04:00 Berlin: night
      { at: t('2026-01-09T15:00:00Z'), person: 'alice', schedule: 'primary' }, // Fri 16:00 Berlin: business hours
      { at: t('2026-01-06T04:30:00Z'), person: 'bob' }, // Mon 22:30 Chicago: night
      { at: t('2026-01-20T04:30:00Z'), person: 'bob' }, // outside the range
    ],
  });

  it('counts hours in the person’s own time zone', () => {
    const alice = report.people.find((p) => p.person === 'alice')!;
    expect(alice).toMatchObject({ timeZone: 'Europe/Berlin', hoursOnCall: 18, hoursOutsideBusinessHours: 18, weekendHours: 9, nightHours: 11, hoursBySchedule: { primary: 16, secondary: 2 } });
    expect(alice.shareOnCall).toBeCloseTo(18 / 168, 10);
    const bob = report.people.find((p) => p.person === 'bob')!;
    expect(bob).toMatchObject({ timeZone: 'America/Chicago', hoursOnCall: 11, hoursOutsideBusinessHours: 3, weekendHours: 0, nightHours: 0 });
  });

  it('counts pages, pages at night and pages outside business hours within the range', () => {
    const [alice, bob] = ['alice', 'bob'].map((id) => report.people.find((p) => p.person === id)!);
    expect([alice.pages, alice.pagesAtNight, alice.pagesOutsideBusinessHours]).toEqual([2, 1, 1]);
    expect([bob.pages, bob.pagesAtNight, bob.pagesOutsideBusinessHours]).toEqual([1, 1, 1]);
  });

  it('summarises each schedule: coverage, gaps, pages and hours per person', () => {
    const primary = report.schedules.find((s) => s.schedule === 'primary')!;
    expect(primary).toMatchObject({ hoursCovered: 25, gapHours: 143, pages: 2 });
    expect(primary.people.map((p) => [p.person, p.hours])).toEqual([['alice', 16], ['bob', 9]]);
    expect(report.schedules.find((s) => s.schedule === 'secondary')!.people.map((p) => p.hours)).toEqual([2, 2]);
  });

  it('honours custom business hours', () => {
    const r = computeLoadReport({
      range, people: [person('bob', 'America/Chicago')], pages: [],
      shiftsBySchedule: { primary: [layerShift('2026-01-05T14:00:00Z', '2026-01-05T23:00:00Z', ['bob'])] },
      options: { businessHours: { days: [1, 2, 3, 4, 5], startMinute: 8 * 60, endMinute: 16 * 60 } },
    });
    expect(r.people[0].hoursOutsideBusinessHours).toBe(1);
  });
});

describe('isInLocalWindow', () => {
  it('assigns the small hours to the night that began the evening before', () => {
    // Monday 03:00 Berlin belongs to Sunday's 22:00-07:00 night.
    expect(isInLocalWindow(t('2026-01-05T02:00:00Z'), 'Europe/Berlin', { ...defaultNight, days: [7] })).toBe(true);
    expect(isInLocalWindow(t('2026-01-05T02:00:00Z'), 'Europe/Berlin', { ...defaultNight, days: [1] })).toBe(false);
  });
});
