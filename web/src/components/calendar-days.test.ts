import { describe, expect, it } from 'vitest';
import { calendarDays, localDays, localMidnight, weekStart } from './calendar-days.js';

const BERLIN = 'Europe/Berlin';

describe('calendar days', () => {
  it('finds local midnight in a zone, across a daylight-saving change', () => {
    expect(localMidnight(2026, 11, 27, BERLIN)).toBe(Date.parse('2026-11-26T23:00:00Z'));
    expect(localMidnight(2026, 7, 1, BERLIN)).toBe(Date.parse('2026-06-30T22:00:00Z'));
    const [sat, sun] = localDays(Date.parse('2026-03-28T12:00:00Z'), 2, BERLIN);
    expect(sat!.end - sat!.start).toBe(24 * 3_600_000);
    expect(sun!.end - sun!.start).toBe(23 * 3_600_000);
  });

  it('starts weeks on the local Monday', () => {
    // Friday 27 Nov 2026 -> Monday 23 Nov, 00:00 in Berlin.
    expect(weekStart(Date.parse('2026-11-27T12:00:00Z'), BERLIN)).toBe(Date.parse('2026-11-22T23:00:00Z'));
  });

  it('cuts shifts at day boundaries and labels layers, overrides, swaps and gaps', () => {
    const days = localDays(Date.parse('2026-11-23T12:00:00Z'), 2, BERLIN);
    const t = (iso: string): number => Date.parse(iso);
    const shifts = [
      { start: t('2026-11-23T08:00:00Z'), end: t('2026-11-23T20:00:00Z'), people: ['ann'], source: [{ kind: 'layer', layer: 'weekly' }] },
      { start: t('2026-11-23T20:00:00Z'), end: t('2026-11-24T02:00:00Z'), people: ['ben'], source: [{ kind: 'override', overrideId: 'o1' }] },
      { start: t('2026-11-24T02:00:00Z'), end: t('2026-11-24T04:00:00Z'), people: [], source: [] },
      { start: t('2026-11-24T04:00:00Z'), end: t('2026-11-24T10:00:00Z'), people: ['cat'], source: [{ kind: 'swap', swapId: 's1', layer: 'weekly' }] },
    ];
    const [mon, tue] = calendarDays(shifts, days);
    expect(mon!.segments.map((s) => [s.people.join(), s.kind, s.why])).toEqual([
      ['ann', 'layer', 'layer weekly'],
      ['ben', 'override', 'override'],
    ]);
    expect(mon!.segments[1]!.end).toBe(mon!.end);
    expect(tue!.segments.map((s) => s.kind)).toEqual(['override', 'gap', 'swap']);
    expect(tue!.segments[0]!.start).toBe(tue!.start);
    expect(tue!.segments[2]!.why).toBe('swap (layer weekly)');
  });
});
