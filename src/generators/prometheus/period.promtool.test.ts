/**
 * The period SLI in the real rule engine: event-weighted (errors / events over the period),
 * which differs sharply from the mean of 5m ratios when traffic is uneven.
 */
import { describe, expect, it } from 'vitest';
import { at, testRules } from '../../../test/fixtures/promtool/promtool.js';
import { makeSlo } from '../../../test/fixtures/promtool/slos.js';
import {
  apiTraffic,
  apiTrafficWithoutErrorSeries,
  eventWeightedErrorRatio,
  timeAveragedErrorRatio,
  type TrafficPhase,
} from '../../../test/fixtures/promtool/traffic.js';
import { generatePrometheusRules } from './generate.js';
import { serializeRuleFile } from './serialize.js';

const IDENTITY = '{sloop_service="api",sloop_slo="api-availability"}';

/** `1` when `expr` is within `tolerance` of `expected`, else `0`: promtool compares exactly. */
function near(expr: string, expected: number, tolerance: number): string {
  return `abs(${expr} - ${expected}) < bool ${tolerance}`;
}

describe.concurrent('period SLI in promtool', () => {
  // A busy half day at 1% errors, then a quiet half day at 50%: 10,800 failed of 727,200.
  const busyThenQuiet: TrafficPhase[] = [
    { minutes: 720, perMinute: 1000, errorRatio: 0.01 },
    { minutes: 720, perMinute: 10, errorRatio: 0.5 },
  ];
  const end = 1440;

  it('weights the period error ratio by events, where averaging 5m ratios would say 25.5%', async () => {
    const slo = makeSlo({ objective: 0.99 });
    const weighted = eventWeightedErrorRatio(busyThenQuiet);
    const averaged = timeAveragedErrorRatio(busyThenQuiet);
    expect(weighted).toBeCloseTo(0.01485, 5);
    expect(averaged).toBeCloseTo(0.255, 5);
    const remaining = 1 - weighted / 0.01;
    const result = await testRules(serializeRuleFile(generatePrometheusRules([slo]).groups), [
      {
        name: 'uneven traffic',
        interval: '1m',
        input_series: apiTraffic(busyThenQuiet),
        promql_expr_test: [
          {
            expr: near(`sloop_slo:period_error_ratio:ratio${IDENTITY}`, weighted, weighted * 0.02),
            eval_time: at(end),
            exp_samples: [{ labels: IDENTITY, value: 1 }],
          },
          {
            expr: near(`sloop_slo:error_budget_remaining:ratio${IDENTITY}`, remaining, 0.03),
            eval_time: at(end),
            exp_samples: [{ labels: IDENTITY, value: 1 }],
          },
          {
            // What Sloth's optimised period rule computes: far from the truth on this traffic.
            expr: near(`avg_over_time(sloop_slo:error_ratio:rate5m${IDENTITY}[30d])`, averaged, 0.01),
            eval_time: at(end),
            exp_samples: [{ labels: IDENTITY, value: 1 }],
          },
        ],
      },
    ], '5m');
    expect(result.output).toContain('SUCCESS');
    expect(result.code).toBe(0);
  });

  it('keeps the full budget for a service whose error series has never existed', async () => {
    const slo = makeSlo();
    const result = await testRules(serializeRuleFile(generatePrometheusRules([slo]).groups), [
      {
        name: 'never failed',
        interval: '1m',
        input_series: apiTrafficWithoutErrorSeries(120, 600),
        promql_expr_test: [
          { expr: `sloop_slo:error_budget_remaining:ratio`, eval_time: at(120), exp_samples: [{ labels: `sloop_slo:error_budget_remaining:ratio${IDENTITY}`, value: 1 }] },
          { expr: `sloop_slo:error_ratio:rate1h`, eval_time: at(120), exp_samples: [{ labels: `sloop_slo:error_ratio:rate1h${IDENTITY}`, value: 0 }] },
        ],
      },
    ]);
    expect(result.output).toContain('SUCCESS');
    expect(result.code).toBe(0);
  });

  it('averages the ratios of a raw error-ratio SLI over the period, as its warning says', async () => {
    const slo = makeSlo({ objective: 0.99, prometheus: { type: 'errorRatio', query: 'sum(rate(http_requests_total{job="api",code=~"5.."}[{{.window}}])) / sum(rate(http_requests_total{job="api"}[{{.window}}]))' } });
    const averaged = timeAveragedErrorRatio(busyThenQuiet);
    const result = await testRules(serializeRuleFile(generatePrometheusRules([slo]).groups), [
      {
        name: 'raw ratio',
        interval: '1m',
        input_series: apiTraffic(busyThenQuiet),
        promql_expr_test: [
          {
            expr: near(`sloop_slo:period_error_ratio:ratio${IDENTITY}`, averaged, 0.01),
            eval_time: at(end),
            exp_samples: [{ labels: IDENTITY, value: 1 }],
          },
        ],
      },
    ], '5m');
    expect(result.output).toContain('SUCCESS');
    expect(result.code).toBe(0);
  });
});
