import { describe, expect, it } from 'vitest';
import nodeIcal from 'node-ical';
import { computeFinalSchedule } from '../schedule/final-schedule.js';
import { dailyWindows } from '../schedule/windows.js';
import { at, testLayer, testSchedule } from '../schedule/test-builders.js';
import type { ScheduleChange } from '../schedule/model.js';
import { personStretches, renderPersonCalendar, renderScheduleCalendar } from './feed.js';

const schedule = testSchedule([
  testLayer({ name: 'weekly', participants: ['alice', 'bob', 'carol'], turn: { unit: 'weeks', count: 1 } }),
  testLayer({ name: 'shadow', participants: ['dan'], coOnCall: true, restrictions: dailyWindows([1, 2, 3, 4, 5], 9 * 60, 17 * 60) }),
], 'America/Chicago', 'payments-primary');
const changes: ScheduleChange[] = [{ kind: 'override', id: 'o1', person: 'erin', start: at('2026-03-10T12:00Z'), end: at('2026-03-11T12:00Z') }];
const range = { from: at('2026-03-02T00:00Z'), to: at('2026-03-30T00:00Z') };
const shifts = computeFinalSchedule(schedule, changes, range);
const now = at('2026-03-01T00:00Z');
const people = [{ id: 'alice', name: 'Alice Example', timeZone: 'UTC', contactMethods: [], notificationRules: [] }];

function events(text: string) {
  return Object.values(nodeIcal.sync.parseICS(text))
    .filter((c) => c?.type === 'VEVENT')
    .map((e) => e as nodeIcal.VEvent)
    .sort((a, b) => +a.start - +b.start);
}

describe('iCalendar feeds', () => {
  it('has one event per final shift with matching start, end and summary (parsed by node-ical)', () => {
    const parsed = events(renderScheduleCalendar('payments-primary', shifts, { now, people }));
    expect(shifts.length).toBeGreaterThan(30);
    expect(parsed.map((e) => [+e.start, +e.end!, e.summary])).toEqual(
      shifts.map((s) => [s.start, s.end, `On call: payments-primary (${s.people.map((p) => (p === 'alice' ? 'Alice Example' : p)).join(', ')})`]),
    );
    expect(new Set(parsed.map((e) => e.uid)).size).toBe(parsed.length);
    expect(parsed.every((e) => +e.dtstamp === now)).toBe(true);
  });

  it('keeps UIDs stable across regenerations and changes only the UIDs of changed shifts', () => {
    const first = events(renderScheduleCalendar('payments-primary', shifts, { now, people }));
    const again = events(renderScheduleCalendar('payments-primary', shifts, { now: now + 3_600_000, people }));
    expect(again.map((e) => e.uid)).toEqual(first.map((e) => e.uid));
    const without = computeFinalSchedule(schedule, [], range);
    const uidsWithout = new Set(events(renderScheduleCalendar('payments-primary', without, { now })).map((e) => e.uid));
    const changed = first.filter((e) => !uidsWithout.has(e.uid));
    // The override splits one shift into three and adds erin: only events touching 03-10..03-11 change.
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.every((e) => +e.end! > at('2026-03-10T00:00Z') && +e.start < at('2026-03-12T00:00Z'))).toBe(true);
  });

  it('gives each person a feed of their merged on-call stretches', () => {
    const parsed = events(renderPersonCalendar('dan', { 'payments-primary': shifts }, { now }));
    const expected = personStretches('dan', { 'payments-primary': shifts });
    expect(parsed.map((e) => [+e.start, +e.end!, e.summary])).toEqual(expected.map(([, i]) => [i.start, i.end, 'On call: payments-primary']));
    // Weekdays 09:00-17:00 for four weeks, minus the override window on 03-10 (09:00-17:00 CDT = 14:00-22:00Z).
    expect(parsed).toHaveLength(19);
    expect(parsed.find((e) => +e.start === at('2026-03-11T14:00Z'))?.end?.getTime()).toBe(at('2026-03-11T22:00Z'));
  });
});
