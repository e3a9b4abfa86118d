import { describe, expect, it } from 'vitest';
import type { CompositeSlo, Slo, SloWindow } from '../slo/model.js';
import { defaultAlertPolicy } from '../slo/policy.js';
import { runBacktest, type MinuteSeriesData } from './backtest.js';

const window: SloWindow = { type: 'rolling', minutes: 28 * 1440 };
function slo(name: string): Slo {
  return {
    name,
    service: 'svc',
    objective: 0.999,
    window,
    budgeting: { method: 'occurrences' },
    sli: { kind: 'ratio' },
    alerting: defaultAlertPolicy(name, window),
    labels: {},
    origin: { file: 't', line: 1, column: 1, format: 'sloop' },
  };
}
const START = Date.parse('2026-03-02T00:00:00Z') / 60_000;

/** `minutes` of 1000 requests per minute; `bad(i)` failures in minute i. */
function series(minutes: number, bad: (i: number) => number): MinuteSeriesData {
  const good = new Float64Array(minutes);
  const total = new Float64Array(minutes);
  for (let i = 0; i < minutes; i++) ((total[i] = 1000), (good[i] = 1000 - bad(i)));
  return { startMinute: START, good, total };
}

describe('runBacktest', () => {
  it('starts evaluating an hour into the data, so an early failure does not exhaust the budget', () => {
    const data = new Map([['a', series(600, (i) => (i === 0 ? 5 : 0))]]);
    const result = runBacktest([slo('a')], data);
    expect(result.fromMs).toBe((START + 60) * 60_000);
    expect(result.slos[0]!.alerts).toEqual([]);
    const withoutWarmup = runBacktest([slo('a')], new Map([['a', series(600, (i) => (i === 0 ? 5 : 0))]]), { warmupMinutes: 0 });
    expect(withoutWarmup.slos[0]!.alerts.map((a) => a.severity)).toContain('budgetExhausted');
  });

  it('leaves resolvedAt null for an alert still firing at the end and reports the worst long-window burn', () => {
    const data = new Map([['a', series(300, (i) => (i >= 290 ? 1000 : 0))]]);
    const s = runBacktest([slo('a')], data).slos[0]!;
    const page = s.alerts.find((a) => a.severity === 'page')!;
    expect(page.resolvedAtMs).toBeNull();
    expect(s.worstBurn!.windowMinutes).toBe(60);
    // 10 of the last 60 minutes fully failed: 10/60 / 0.001.
    expect(s.worstBurn!.rate).toBeCloseTo(10_000 / 60, 6);
    expect(s.worstBurn!.atMs).toBe((START + 300) * 60_000);
  });

  it('marks SLOs without data and shares one timeline for the others', () => {
    const result = runBacktest([slo('a'), slo('b')], new Map([['a', series(200, () => 0)], ['b', null]]));
    expect(result.slos.map((s) => s.hasData)).toEqual([true, false]);
    expect(result.slos[1]!.budget).toBeNull();
    expect(result.toMs).toBe((START + 200) * 60_000);
    expect(result.slos[0]!.budget!.remaining).toBe(1);
  });

  it('replays composites from the same counts as their components', () => {
    const composite = (weights: [number, number]): CompositeSlo => ({
      name: 'ab',
      objective: 0.999,
      window,
      components: [
        { slo: 'a', weight: weights[0] },
        { slo: 'b', weight: weights[1] },
      ],
      origin: { file: 't', line: 1, column: 1, format: 'openslo' },
    });
    // a fails fully in its last 10 of 300 minutes, b never: a's 1h burn is 10/60 / 0.1% = 166.7x.
    const data = () => new Map([['a', series(300, (i) => (i >= 290 ? 1000 : 0))], ['b', series(300, () => 0)]]);
    const onlyA = runBacktest([slo('a'), slo('b')], data(), { composites: [composite([1, 0])] });
    // Weight 0 for b: the composite is exactly a (the counts are shared, not summed twice).
    expect(onlyA.composites[0]!.budget!.remaining).toBeCloseTo(onlyA.slos[0]!.budget!.remaining, 12);
    expect(onlyA.composites[0]!.alerts.map((x) => x.severity)).toEqual(onlyA.slos[0]!.alerts.map((x) => x.severity));
    // Equal weights: 1h burn 83.3x and 5m 500x, above 13.44x: pages, still firing at the end.
    const half = runBacktest([slo('a'), slo('b')], data(), { composites: [composite([1, 1])] }).composites[0]!;
    const page = half.alerts.find((x) => x.severity === 'page')!;
    expect(page.resolvedAtMs).toBeNull();
    expect(page.reason).toMatch(/^weighted 1h burn \d+\.\d\dx and 5m burn \d+\.\d\dx above 13\.44x$/);
    // 10,000 bad of 300,000 = 3.33% / 0.1% = 33.3 of a's budget; half of it for the composite.
    expect(half.budget!.remaining).toBeCloseTo(1 - 0.5 * (10_000 / 300_000 / 0.001), 9);
  });
});
