import { describe, expect, it } from 'vitest';
import { MinuteCounts } from '../slo/math/index.js';
import type { SloWindow } from '../slo/model.js';
import { computeIncidentImpact, describeWindow, formatShare, type ImpactSlo } from './impact.js';
import { MIN, T0 } from './test-builders.js';

const WINDOW_MINUTES = 40_320;
const t0Minute = T0 / MIN;

/** 100 events a minute for 28 days before the incident end, with `bad(minute)` failures. */
function series(bad: (minute: number) => number, endMinute: number): MinuteCounts {
  const start = endMinute - WINDOW_MINUTES - 400;
  const length = endMinute - start + 60;
  const good = new Float64Array(length);
  const total = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    total[i] = 100;
    good[i] = 100 - bad(start + i);
  }
  return MinuteCounts.fromSeries(start, good, total);
}

const login: ImpactSlo = { name: 'login-availability', objective: 0.999, window: { type: 'rolling', minutes: WINDOW_MINUTES }, budgeting: { method: 'occurrences' } };
const incident = { startedAt: T0, pagedAt: T0 - 5 * MIN, acknowledgedAt: T0 - 2 * MIN, mitigatedAt: T0 + 15 * MIN, resolvedAt: T0 + 20 * MIN };
// Half the requests fail from 10 minutes before the declaration until it is resolved, plus one stray bad minute two hours earlier.
const badDuringIncident = (m: number): number => (m >= t0Minute - 10 && m < t0Minute + 20 ? 50 : m === t0Minute - 120 ? 100 : 0);

describe('incident impact in error-budget terms', () => {
  it('reports the share of the 28-day budget the incident consumed', () => {
    const counts = series(badDuringIncident, t0Minute + 20);
    const impact = computeIncidentImpact(incident, [{ slo: login, counts }], T0 + 60 * MIN);
    // 30 minutes x 50 bad = 1500 of a 0.1% x 4,032,000 = 4032 event budget.
    expect(impact.slos[0]!.consumed).toBeCloseTo(1500 / 4032, 6);
    expect(impact.slos[0]!.sentence).toBe("consumed 37% of the login-availability SLO's 28-day budget");
    expect(impact.maxConsumed).toBeCloseTo(0.372, 3);
  });

  it('measures detection from the first bad minute, acknowledgement, mitigation and duration', () => {
    const counts = series(badDuringIncident, t0Minute + 20);
    const impact = computeIncidentImpact(incident, [{ slo: login, counts }], T0 + 60 * MIN);
    expect(impact.impactStartedAt).toBe(T0 - 10 * MIN);
    expect(impact.slos[0]!.firstBadAt).toBe(T0 - 10 * MIN);
    expect(impact.detectionMinutes).toBe(5);
    expect(impact.acknowledgeMinutes).toBe(3);
    expect(impact.mitigateMinutes).toBe(25);
    expect(impact.durationMinutes).toBe(30);
    expect(impact.ongoing).toBe(false);
  });

  it('counts an open incident up to now', () => {
    const counts = series(badDuringIncident, t0Minute + 20);
    const open = { ...incident, mitigatedAt: null, resolvedAt: null };
    const impact = computeIncidentImpact(open, [{ slo: login, counts }], T0 + 10 * MIN);
    expect(impact.ongoing).toBe(true);
    expect(impact.durationMinutes).toBe(20);
    expect(impact.slos[0]!.badEvents).toBe(1000);
    expect(impact.mitigateMinutes).toBeNull();
  });

  it('uses the bad-slice allowance for timeslice budgets', () => {
    const slo: ImpactSlo = { name: 'search-latency', objective: 0.99, window: { type: 'rolling', minutes: WINDOW_MINUTES }, budgeting: { method: 'timeslices', sliceMinutes: 5, sliceTarget: 0.99 } };
    const counts = series((m) => (m >= t0Minute && m < t0Minute + 30 ? 10 : 0), t0Minute + 30);
    const impact = computeIncidentImpact({ ...incident, pagedAt: T0, resolvedAt: T0 + 30 * MIN }, [{ slo, counts }], T0 + 30 * MIN);
    // 6 bad five-minute slices of the 0.01 x 40320 / 5 = 80.64 the period allows.
    expect(impact.slos[0]!.consumed).toBeCloseTo(6 / 80.64, 6);
  });

  it('reports nothing consumed and no detection time without bad minutes', () => {
    const counts = series(() => 0, t0Minute + 20);
    const impact = computeIncidentImpact(incident, [{ slo: login, counts }], T0 + 60 * MIN);
    expect(impact.slos[0]!.consumed).toBe(0);
    expect(impact.detectionMinutes).toBeNull();
    expect(impact.impactStartedAt).toBe(T0);
  });

  it('labels windows and shares for people', () => {
    expect(describeWindow({ type: 'rolling', minutes: 40_320 })).toBe('28-day');
    expect(describeWindow({ type: 'rolling', minutes: 360 })).toBe('6-hour');
    expect(describeWindow({ type: 'calendar', unit: 'month', timeZone: 'UTC' } as SloWindow)).toBe('monthly');
    expect(formatShare(0.004)).toBe('0.4%');
    expect(formatShare(1.234)).toBe('123%');
  });
});
