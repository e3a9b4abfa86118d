import { describe, expect, it } from 'vitest';
import type { CompositeSlo, Slo, SloWindow } from '../model.js';
import { defaultAlertPolicy } from '../policy.js';
import { componentShares, evaluateComposite, weightedMeanOfPresent, type CompositeComponentData } from './composite.js';
import { MinuteCounts } from './minute-counts.js';

const window: SloWindow = { type: 'rolling', minutes: 28 * 1440 };
const START = Date.parse('2026-03-02T00:00:00Z') / 60_000;
const MINUTES = 100;
const AT = (START + MINUTES) * 60_000;

function slo(name: string, objective: number): Slo {
  return {
    name,
    service: 'shop',
    objective,
    window,
    budgeting: { method: 'occurrences' },
    sli: { kind: 'ratio' },
    alerting: defaultAlertPolicy(name, window),
    labels: {},
    origin: { file: 't', line: 1, column: 1, format: 'openslo' },
  };
}

/** 100 minutes of 1000 events; `bad(i)` failures in minute i. */
function counts(bad: (i: number) => number): MinuteCounts {
  const good = new Float64Array(MINUTES);
  const total = new Float64Array(MINUTES);
  for (let i = 0; i < MINUTES; i++) ((total[i] = 1000), (good[i] = 1000 - bad(i)));
  return MinuteCounts.fromSeries(START, good, total);
}

// availability: 99.9%, weight 3; latency: 99%, weight 1. Composite objective (3 x 0.999 + 0.99) / 4.
const composite: CompositeSlo = {
  name: 'buy',
  objective: 0.99675,
  window,
  components: [
    { slo: 'buy-availability', weight: 3 },
    { slo: 'buy-latency', weight: 1 },
  ],
  origin: { file: 't', line: 1, column: 1, format: 'openslo' },
};
const availability = slo('buy-availability', 0.999);
const latency = slo('buy-latency', 0.99);
const parts = (a: MinuteCounts | null, l: MinuteCounts | null): CompositeComponentData[] => [
  { slo: availability, weight: 3, counts: a },
  { slo: latency, weight: 1, counts: l },
];

describe('componentShares', () => {
  it('divides each weight by the sum over components with data', () => {
    expect(componentShares([3, 1], [true, true])).toEqual([0.75, 0.25]);
    expect(componentShares([3, 1], [false, true])).toEqual([0, 1]);
    expect(componentShares([3, 1], [false, false])).toEqual([0, 0]);
  });
});

describe('weightedMeanOfPresent', () => {
  it('renormalises over the values that exist', () => {
    // (0.75 x 1 + 0.25 x 0.995) / 1 = 0.99875; with the first missing: 0.995.
    expect(weightedMeanOfPresent([1, 0.995], [0.75, 0.25])).toBeCloseTo(0.99875, 12);
    expect(weightedMeanOfPresent([null, 0.995], [0.75, 0.25])).toBeCloseTo(0.995, 12);
    expect(weightedMeanOfPresent([null, null], [0.75, 0.25])).toBeNull();
  });
});

describe('evaluateComposite', () => {
  it('weights each component\'s consumed share of its own budget', () => {
    // availability: no failures, consumed 0. latency: 10 bad/min over the last 50 minutes =
    // 500 of 100,000 events = 0.5% errors against a 1% allowance: consumed 0.5.
    // composite consumed = 0.75 x 0 + 0.25 x 0.5 = 0.125, remaining 0.875.
    const e = evaluateComposite(composite, parts(counts(() => 0), counts((i) => (i >= 50 ? 10 : 0))), AT)!;
    expect(e.budget.consumed).toBeCloseTo(0.125, 12);
    expect(e.budget.remaining).toBeCloseTo(0.875, 12);
    expect(e.budget.components).toEqual([
      { slo: 'buy-availability', share: 0.75, consumed: 0 },
      { slo: 'buy-latency', share: 0.25, consumed: expect.closeTo(0.5, 12) as number },
    ]);
    // SLI: 0.75 x 1 + 0.25 x 0.995 = 0.99875. Budget minutes: (1 - 0.99675) x 40320 = 131.04.
    expect(e.budget.sli).toBeCloseTo(0.99875, 12);
    expect(e.budget.budgetMinutes).toBeCloseTo(131.04, 9);
    expect(e.budget.remainingMinutes).toBeCloseTo(0.875 * 131.04, 9);
    expect(e.budget.total).toBe(200_000);
    // Burn rates: 1h: latency 500 bad of 60,000 = 0.833% / 1% = 0.8333x, weighted 0.25 x 0.8333 = 0.2083x;
    // 5m: latency 50 of 5,000 = 1% / 1% = 1x, weighted 0.25x.
    expect(e.windows[0]).toMatchObject({ severity: 'page', longMinutes: 60, shortMinutes: 5, longTotal: 120_000, shortTotal: 10_000, exceeded: false });
    expect(e.windows[0]!.longBurnRate).toBeCloseTo(0.25 * (500 / 60_000 / 0.01), 12);
    expect(e.windows[0]!.shortBurnRate).toBeCloseTo(0.25, 12);
    expect(e.status).toBe('ok');
  });

  it('does not page when only a light component burns fast, but pages when the weighted rate does', () => {
    // latency fully failing for the last 10 minutes: its own 1h burn is 10/60 / 1% = 16.67x
    // (above 13.44x) and 5m 100x, so the latency SLO alone would page; weighted 0.25 x 16.67
    // = 4.17x over 1h stays below 13.44x.
    const light = evaluateComposite(composite, parts(counts(() => 0), counts((i) => (i >= 90 ? 1000 : 0))), AT)!;
    expect(light.windows[0]!.longBurnRate).toBeCloseTo(0.25 * (10_000 / 60_000 / 0.01), 9);
    expect(light.page).toBe(false);
    // availability at 20% errors for the last 10 minutes: 1h = 200 x 10 / 60,000 = 3.33% / 0.1%
    // = 33.33x, 5m = 20% / 0.1% = 200x; weighted 0.75 x 33.33 = 25x and 0.75 x 200 = 150x, both
    // above 13.44x.
    const heavy = evaluateComposite(composite, parts(counts((i) => (i >= 90 ? 200 : 0)), counts(() => 0)), AT)!;
    expect(heavy.windows[0]!.longBurnRate).toBeCloseTo(25, 9);
    expect(heavy.windows[0]!.shortBurnRate).toBeCloseTo(150, 9);
    expect(heavy.page).toBe(true);
    expect(heavy.status).toBe('page');
  });

  it('is exhausted when the weighted consumption reaches 1', () => {
    // availability 0.4% errors all along: 4x its budget; weighted 0.75 x 4 = 3, remaining -2.
    const e = evaluateComposite(composite, parts(counts(() => 4), counts(() => 0)), AT)!;
    expect(e.budget.remaining).toBeCloseTo(-2, 9);
    expect(e.exhausted).toBe(true);
  });

  it('drops components without data and reports nothing when none has data', () => {
    // Only latency has data: share 1, so the composite reads exactly latency's 0.5 consumed.
    const e = evaluateComposite(composite, parts(null, counts((i) => (i >= 50 ? 10 : 0))), AT)!;
    expect(e.budget.remaining).toBeCloseTo(0.5, 12);
    expect(e.budget.components[0]).toEqual({ slo: 'buy-availability', share: 0, consumed: null });
    expect(evaluateComposite(composite, parts(null, null), AT)).toBeNull();
  });

  it('raises no data after 30 minutes without events from any component', () => {
    const e = evaluateComposite(composite, parts(counts(() => 0), counts(() => 0)), AT + 30 * 60_000)!;
    expect(e.noData).toBe(true);
    expect(e.status).toBe('noData');
    expect(evaluateComposite(composite, parts(counts(() => 0), counts(() => 0)), AT + 29 * 60_000)!.noData).toBe(false);
  });
});
