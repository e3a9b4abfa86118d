import { describe, expect, it } from 'vitest';
import { calendarPeriod, endMinuteOf, windowBounds } from './windows.js';

const iso = (ms: number) => new Date(ms).toISOString();

describe('window bounds', () => {
  it('covers the last N minutes for a rolling window', () => {
    const now = Date.parse('2026-03-10T12:00:00Z');
    const b = windowBounds({ type: 'rolling', minutes: 28 * 1440 }, now);
    expect(iso(b.startMs)).toBe('2026-02-10T12:00:00.000Z');
    expect(b.endMs).toBe(now);
    expect(b.periodMinutes).toBe(40320);
  });

  it('starts a Europe/Berlin month at local midnight', () => {
    const now = Date.parse('2026-03-15T10:00:00Z');
    const b = windowBounds({ type: 'calendar', unit: 'month', timeZone: 'Europe/Berlin' }, now);
    // Berlin is UTC+1 in winter: 1 March 00:00 local is 28 Feb 23:00 UTC.
    expect(iso(b.startMs)).toBe('2026-02-28T23:00:00.000Z');
    // March has the spring-forward change: it ends at 1 April 00:00 CEST = 31 March 22:00 UTC.
    expect(iso(b.periodEndMs)).toBe('2026-03-31T22:00:00.000Z');
    expect(b.periodMinutes).toBe(31 * 1440 - 60);
  });

  it('resets at the period boundary: a minute before local midnight belongs to the old month', () => {
    const before = calendarPeriod('month', 'Europe/Berlin', Date.parse('2026-02-28T22:59:00Z'));
    const after = calendarPeriod('month', 'Europe/Berlin', Date.parse('2026-02-28T23:00:00Z'));
    expect(iso(before.startMs)).toBe('2026-01-31T23:00:00.000Z');
    expect(iso(after.startMs)).toBe('2026-02-28T23:00:00.000Z');
  });

  it('starts ISO weeks on Monday in the SLO time zone', () => {
    // Sunday 2026-03-08 23:30 UTC is Monday 00:30 in Berlin: a new week there.
    const p = calendarPeriod('week', 'Europe/Berlin', Date.parse('2026-03-08T23:30:00Z'));
    expect(iso(p.startMs)).toBe('2026-03-08T23:00:00.000Z');
  });

  it('makes a calendar week that contains the spring DST change 167 hours long', () => {
    // 29 March 2026 is the EU spring-forward Sunday.
    const b = windowBounds({ type: 'calendar', unit: 'week', timeZone: 'Europe/Berlin' }, Date.parse('2026-03-25T12:00:00Z'));
    expect(b.periodMinutes).toBe(167 * 60);
  });

  it('makes a calendar week that contains the autumn DST change 169 hours long', () => {
    // 25 October 2026 is the EU fall-back Sunday.
    const b = windowBounds({ type: 'calendar', unit: 'week', timeZone: 'Europe/Berlin' }, Date.parse('2026-10-21T12:00:00Z'));
    expect(b.periodMinutes).toBe(169 * 60);
  });

  it('starts quarters in January, April, July and October', () => {
    const p = calendarPeriod('quarter', 'America/New_York', Date.parse('2026-05-20T00:00:00Z'));
    expect(iso(p.startMs)).toBe('2026-04-01T04:00:00.000Z');
    expect(iso(p.endMs)).toBe('2026-07-01T04:00:00.000Z');
  });

  it('rejects an unknown time zone with a message naming it', () => {
    expect(() => calendarPeriod('month', 'Mars/Olympus', 0)).toThrow(/Mars\/Olympus/);
  });

  it('includes a partly elapsed minute in the window end', () => {
    expect(endMinuteOf(60_000 * 10)).toBe(10);
    expect(endMinuteOf(60_000 * 10 + 30_000)).toBe(11);
  });
});
