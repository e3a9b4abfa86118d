import { describe, expect, it } from 'vitest';
import { MinuteCounts, countsCapacityFor } from '../../slo/math/index.js';
import type { Slo, SloWindow } from '../../slo/model.js';
import { defaultAlertPolicy } from '../../slo/policy.js';
import { evaluateSlo } from './evaluate.js';
import { initialAlertState, type AlertTransition } from './state.js';

const DAY = 1440;
const T0 = Date.parse('2026-03-02T00:00:00Z') / 60_000; // a minute index

function makeSlo(overrides: Partial<Slo> = {}, window: SloWindow = { type: 'rolling', minutes: 30 * DAY }): Slo {
  return {
    name: 'checkout-availability',
    service: 'checkout',
    objective: 0.999,
    window,
    budgeting: { method: 'occurrences' },
    sli: { kind: 'ratio' },
    alerting: defaultAlertPolicy('checkout-availability', window),
    labels: {},
    origin: { file: 'test', line: 1, column: 1, format: 'sloop' },
    ...overrides,
  };
}

type Traffic = (minuteFromStart: number) => [good: number, total: number] | null;

/** Feeds `minutes` of traffic minute by minute, evaluating at the end of each minute. */
function replay(slo: Slo, minutes: number, traffic: Traffic) {
  const counts = new MinuteCounts(countsCapacityFor(slo));
  let state = initialAlertState();
  const transitions: AlertTransition[] = [];
  let last;
  for (let i = 0; i < minutes; i++) {
    const t = traffic(i);
    if (t) counts.add(T0 + i, t[0], t[1]);
    last = evaluateSlo(slo, counts, (T0 + i + 1) * 60_000, state);
    state = last.state;
    transitions.push(...last.transitions);
  }
  const at = (tr: AlertTransition) => tr.atMs / 60_000 - T0; // minutes since start (end of minute)
  return { transitions, last: last!, at, counts };
}

const steady = (errorRatio: number, perMinute = 1000): [number, number] => [perMinute * (1 - errorRatio), perMinute];

describe('evaluateSlo', () => {
  it('pages within minutes of a full outage', () => {
    const slo = makeSlo();
    const { transitions, at } = replay(slo, DAY + 30, (i) => (i < DAY ? steady(0) : [0, 1000]));
    const page = transitions.find((t) => t.kind === 'page' && t.change === 'fired')!;
    expect(page).toBeDefined();
    expect(at(page) - DAY).toBeLessThanOrEqual(2);
    expect(page.burnRates[0]!.longBurnRate).toBeGreaterThan(14.4);
    expect(page.burnRates[0]!.shortBurnRate).toBeGreaterThan(14.4);
    expect(page.reason).toMatch(/1h burn .* and 5m burn .* above 14.4x/);
  });

  it('tickets but does not page on a slow steady burn (4x on a 99.9% SLO)', () => {
    const slo = makeSlo();
    const { transitions } = replay(slo, 3 * DAY, (i) => (i < DAY ? steady(0) : steady(0.004)));
    expect(transitions.some((t) => t.kind === 'ticket' && t.change === 'fired')).toBe(true);
    expect(transitions.some((t) => t.kind === 'page')).toBe(false);
  });

  it('does not alert on a one-minute blip of 50% errors', () => {
    const slo = makeSlo();
    const { transitions } = replay(slo, DAY + 120, (i) => (i === DAY ? steady(0.5) : steady(0)));
    expect(transitions).toEqual([]);
  });

  it('resolves the page after recovery, once no page row exceeds its factor', () => {
    const slo = makeSlo();
    const { transitions, at } = replay(slo, DAY + 120, (i) => (i >= DAY && i < DAY + 10 ? [0, 1000] : steady(0)));
    const resolved = transitions.find((t) => t.kind === 'page' && t.change === 'resolved')!;
    expect(resolved).toBeDefined();
    // The 6h/30m row keeps paging until the 30-minute window has no failures left.
    expect(at(resolved) - (DAY + 10)).toBeGreaterThanOrEqual(5);
    expect(at(resolved) - (DAY + 10)).toBeLessThanOrEqual(31);
    expect(resolved.burnRates.every((w) => !w.exceeded)).toBe(true);
  });

  it('does not page for a single failure in a quiet hour (minEvents guard)', () => {
    const quiet: Traffic = (i) => (i % 10 === 0 ? (i === DAY + 10 ? [0, 1] : [1, 1]) : null);
    expect(replay(makeSlo(), DAY + 60, quiet).transitions.filter((t) => t.kind === 'page')).toEqual([]);
    // Without the guard the same failure pages: the guard is what prevents it.
    const unguarded = makeSlo();
    unguarded.alerting = { ...unguarded.alerting, minEvents: 0, noDataMinutes: null };
    expect(replay(unguarded, DAY + 60, quiet).transitions.some((t) => t.kind === 'page')).toBe(true);
  });

  it('fires no-data after noDataMinutes without events and clears when data returns', () => {
    const slo = makeSlo();
    const gapStart = 100;
    const { transitions, at } = replay(slo, 300, (i) => (i >= gapStart && i < gapStart + 60 ? null : steady(0)));
    const fired = transitions.find((t) => t.kind === 'noData' && t.change === 'fired')!;
    const cleared = transitions.find((t) => t.kind === 'noData' && t.change === 'resolved')!;
    expect(at(fired)).toBe(gapStart + 30);
    expect(at(cleared)).toBe(gapStart + 61);
  });

  it('raises budgetExhausted when the remaining budget reaches zero', () => {
    const slo = makeSlo({ objective: 0.99 });
    // 1% allowed: 2% errors all along overspends.
    const { transitions, last } = replay(slo, 600, () => steady(0.02));
    expect(transitions.some((t) => t.kind === 'budgetExhausted' && t.change === 'fired')).toBe(true);
    expect(last.budget.remaining).toBeCloseTo(-1, 9);
    expect(last.state.firing.budgetExhausted).toBeDefined();
  });

  it('skips disabled severities', () => {
    const slo = makeSlo();
    slo.alerting = { ...slo.alerting, disabled: ['page'] };
    const { transitions, last } = replay(slo, DAY + 30, (i) => (i < DAY ? steady(0) : [0, 1000]));
    expect(transitions.some((t) => t.kind === 'page')).toBe(false);
    expect(transitions.some((t) => t.kind === 'ticket' && t.change === 'fired')).toBe(true);
    expect(last.windows.every((w) => w.severity === 'ticket')).toBe(true);
  });

  it('reports status by urgency and keeps the state object when nothing changes', () => {
    const slo = makeSlo();
    const counts = new MinuteCounts(countsCapacityFor(slo));
    for (let i = 0; i < 120; i++) counts.add(T0 + i, 1000, 1000);
    const first = evaluateSlo(slo, counts, (T0 + 120) * 60_000, initialAlertState());
    const second = evaluateSlo(slo, counts, (T0 + 120) * 60_000 + 30_000, first.state);
    expect(second.status).toBe('ok');
    expect(second.state).toBe(first.state);
    expect(second.budget.remaining).toBe(1);
  });

  it('caches the calendar period in the state and renews it at the boundary', () => {
    const window: SloWindow = { type: 'calendar', unit: 'month', timeZone: 'Europe/Berlin' };
    const slo = makeSlo({ window, alerting: defaultAlertPolicy('x', window) });
    const counts = new MinuteCounts(countsCapacityFor(slo));
    const boundary = Date.parse('2026-02-28T23:00:00Z');
    counts.add(boundary / 60_000 - 1, 0, 100);
    const before = evaluateSlo(slo, counts, boundary - 1, initialAlertState());
    expect(before.budget.remaining).toBeLessThan(0);
    const after = evaluateSlo(slo, counts, boundary + 60_000, before.state);
    expect(after.state.period!.startMs).toBe(boundary);
    expect(after.budget.remaining).toBe(1);
  });
});
