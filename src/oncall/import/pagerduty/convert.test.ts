import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { LineCounter, parseDocument } from 'yaml';
import { InputError } from '../../../errors/index.js';
import { parseOnCallDocument } from '../../config/parse.js';
import { computeFinalSchedule } from '../../schedule/final-schedule.js';
import type { Shift } from '../../schedule/model.js';
import { importPagerDutySchedule } from './import.js';
import { slug } from './convert.js';
import type { PagerDutyLayer, PagerDutySchedule } from './types.js';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/payments-primary.json', import.meta.url), 'utf8')) as { schedule: PagerDutySchedule };
const clone = () => JSON.parse(JSON.stringify(fixture)) as { schedule: PagerDutySchedule };

/**
 * PagerDuty's rules written out directly, as an independent reference: the highest layer
 * with someone on call wins; turn = floor((t - rotation_virtual_start) / turn length);
 * restrictions are windows in the schedule's zone that mask turns.
 */
function pagerDutyOnCall(pd: PagerDutySchedule, t: number): string | null {
  const layers = [...pd.schedule_layers].sort((a, b) => Number(b.name!.slice(6)) - Number(a.name!.slice(6)));
  for (const layer of layers) {
    if (t < Date.parse(layer.start) || (layer.end && t >= Date.parse(layer.end))) continue;
    if (layer.restrictions?.length && !layer.restrictions.some((r) => inRestriction(r, t, pd.time_zone))) continue;
    const turn = Math.floor((t - Date.parse(layer.rotation_virtual_start)) / (layer.rotation_turn_length_seconds * 1000));
    return slug(layer.users[turn % layer.users.length].user.summary!);
  }
  return null;
}

function inRestriction(r: NonNullable<PagerDutyLayer['restrictions']>[number], t: number, zone: string): boolean {
  const local = DateTime.fromMillis(t, { zone });
  const [h, m] = r.start_time_of_day.split(':').map(Number);
  const secondOfDay = local.hour * 3600 + local.minute * 60 + local.second;
  if (r.type === 'daily_restriction') return (secondOfDay - (h * 3600 + m * 60) + 86400) % 86400 < r.duration_seconds;
  const secondOfWeek = (local.weekday - 1) * 86400 + secondOfDay;
  const opens = (r.start_day_of_week! - 1) * 86400 + h * 3600 + m * 60;
  return (secondOfWeek - opens + 604800) % 604800 < r.duration_seconds;
}

function onCallAt(shifts: Shift[], t: number): string | null {
  return shifts.find((s) => s.start <= t && t < s.end)?.people.join('+') ?? null;
}

describe('PagerDuty schedule import', () => {
  const result = importPagerDutySchedule(fixture);

  it('maps layers, turns, handoffs, bounds and restrictions', () => {
    const { schedule } = result;
    expect(schedule.name).toBe('payments-primary');
    expect(schedule.timeZone).toBe('America/New_York');
    expect(schedule.layers.map((l) => [l.name, l.turn, l.handoffMinute, l.startDate, l.participants])).toEqual([
      ['layer-1', { unit: 'weeks', count: 1 }, 540, '2025-12-29', ['alice-example', 'bob-builder', 'carol-cafe', 'dave-ops']],
      ['layer-2', { unit: 'days', count: 1 }, 1080, '2026-01-02', ['night-owl', 'moon-walker', 'dave-ops']],
      ['layer-3', { unit: 'weeks', count: 1 }, 480, '2026-01-03', ['weekend-warrior', 'sunday-sam']],
    ]);
    expect(schedule.layers[0].activeFrom).toBe(Date.parse('2026-01-01T14:00:00Z'));
    expect(schedule.layers[0].activeUntil).toBe(Date.parse('2026-03-01T14:00:00Z'));
    expect(schedule.layers[1].activeFrom).toBe(Date.parse('2026-01-05T23:00:00Z'));
    expect(schedule.layers[2].activeFrom).toBeUndefined();
    expect(schedule.layers[1].restrictions).toHaveLength(7);
    expect(schedule.layers[2].restrictions).toEqual([{ startDay: 6, startMinute: 480, durationMinutes: 2880 }]);
    expect(result.people.map((p) => p.id)).toEqual(['alice-example', 'bob-builder', 'carol-cafe', 'dave-ops', 'night-owl', 'moon-walker', 'weekend-warrior', 'sunday-sam']);
    expect(result.notes[0]).toContain('"Layer N" names');
  });

  it('computes the same on-call person as PagerDuty’s rules at every quarter hour for six weeks', () => {
    const from = Date.parse('2026-01-01T00:00:00Z');
    const to = Date.parse('2026-02-12T00:00:00Z'); // before the US spring change
    const shifts = computeFinalSchedule(result.schedule, [], { from, to });
    const mismatches: string[] = [];
    for (let t = from; t < to; t += 15 * 60_000) {
      const expected = pagerDutyOnCall(fixture.schedule, t);
      const actual = onCallAt(shifts, t);
      if (expected !== actual) mismatches.push(`${new Date(t).toISOString()}: PagerDuty ${expected}, sloop ${actual}`);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('writes YAML that parses back into the same schedule', () => {
    const lineCounter = new LineCounter();
    const parsed = parseOnCallDocument(parseDocument(result.yaml, { lineCounter }), lineCounter, 'imported.yaml');
    expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(parsed.diagnostics.every((d) => d.message.includes('has no contact methods'))).toBe(true);
    const strip = (l: object) => ({ ...l, origin: undefined });
    expect(parsed.schedules[0].layers.map(strip)).toEqual(result.schedule.layers.map(strip));
    expect(result.yaml).toMatch(/^# Imported from PagerDuty by sloop\. Notes:/);
    expect(result.yaml).toContain('weekly: sat 08:00 - mon 08:00');
    expect(result.yaml).toContain('timeOfDay: 18:00-09:00');
  });

  it('refuses what sloop cannot express, listing every reason at once', () => {
    const bad = clone();
    bad.schedule.schedule_layers[0].rotation_turn_length_seconds = 5400;
    bad.schedule.schedule_layers[1].rotation_virtual_start = '2026-01-02T18:00:30-05:00';
    bad.schedule.schedule_layers[1].restrictions![0].type = 'monthly_restriction';
    bad.schedule.schedule_layers[2].users = [];
    let error: unknown;
    try {
      importPagerDutySchedule(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problems).toEqual([
      { path: 'schedule.schedule_layers[2].users', message: 'the layer has no users; remove it or add users in PagerDuty' },
      { path: 'schedule.schedule_layers[1].rotation_virtual_start', message: 'handoffs at 18:00:30 have seconds; sloop handoff times are whole minutes' },
      { path: 'schedule.schedule_layers[1].restrictions[0].type', message: 'unknown restriction type "monthly_restriction"; sloop understands daily_restriction and weekly_restriction' },
      { path: 'schedule.schedule_layers[0].rotation_turn_length_seconds', message: 'a turn of 5400 s (1.5 h) is not a whole number of hours; sloop turns are whole hours, days, weeks or months' },
    ]);
    expect((error as Error).message).toMatch(/cannot be expressed in sloop:[\s\S]*Adjust the schedule in PagerDuty/);
  });

  it('uses the JSON order when layers are not named "Layer N", and maps users to existing people', () => {
    const renamed = clone();
    renamed.schedule.schedule_layers.forEach((l, i) => (l.name = ['weekend', 'nights', 'weekly'][i]));
    const r = importPagerDutySchedule(renamed, { personIds: { PALICE1: 'alice' } });
    expect(r.schedule.layers.map((l) => l.name)).toEqual(['weekly', 'nights', 'weekend']);
    expect(r.schedule.layers[0].participants[0]).toBe('alice');
    expect(r.notes[0]).toContain('JSON order (highest-first)');
    const lowestFirst = importPagerDutySchedule(renamed, { layerOrder: 'lowest-first' });
    expect(lowestFirst.schedule.layers.map((l) => l.name)).toEqual(['weekend', 'nights', 'weekly']);
  });

  it('drops a restriction that covers its whole period', () => {
    const full = clone();
    full.schedule.schedule_layers[1].restrictions = [{ type: 'daily_restriction', start_time_of_day: '00:00:00', duration_seconds: 86400 }];
    expect(importPagerDutySchedule(full).schedule.layers[1].restrictions).toEqual([]);
  });
});
