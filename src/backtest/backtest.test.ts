import { describe, expect, it } from 'vitest';
import type { Slo, SloWindow } from '../slo/model.js';
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
});
