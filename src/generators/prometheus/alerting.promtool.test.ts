/**
 * Behaviour of the generated rules in the real Prometheus rule engine (`promtool test rules`):
 * each scenario feeds per-minute request counters and asserts when the page and ticket
 * alerts fire and resolve. SLO: 99.9% over a rolling 30 days with the workbook's default
 * policy, so the page rows are 14.4x over 1h/5m and 6x over 6h/30m, the ticket rows 3x over
 * 1d/2h and 1x over 3d/6h; 600 requests a minute keep the min-events guard (10) out of play.
 */
import { describe, expect, it } from 'vitest';
import { makeSlo } from '../../../test/fixtures/promtool/slos.js';
import { at, testRules, type AlertRuleTest, type RuleTestGroup } from '../../../test/fixtures/promtool/promtool.js';
import { apiTraffic, type TrafficPhase } from '../../../test/fixtures/promtool/traffic.js';
import { generatePrometheusRules } from './generate.js';
import { serializeRuleFile } from './serialize.js';
import { isAlertingRule, type AlertingRule } from './types.js';

const slo = makeSlo();
const { groups } = generatePrometheusRules([slo]);
const ruleFile = serializeRuleFile(groups);
const alerts = groups.flatMap((g) => g.rules).filter(isAlertingRule);

function alertRule(name: string): AlertingRule {
  const rule = alerts.find((a) => a.alert === name);
  if (!rule) throw new Error(`no alert ${name} generated`);
  return rule;
}

const PAGE = 'ApiAvailabilityPage';
const TICKET = 'ApiAvailabilityTicket';

/** The alert as promtool reports it when firing: the rule's labels and annotations. */
function firing(name: string, minutes: number): AlertRuleTest {
  const rule = alertRule(name);
  return { eval_time: at(minutes), alertname: name, exp_alerts: [{ exp_labels: rule.labels, exp_annotations: rule.annotations }] };
}

function silent(name: string, minutes: number): AlertRuleTest {
  return { eval_time: at(minutes), alertname: name, exp_alerts: [] };
}

/** 1 when the alert fired at any evaluation in the last `minutes`; no sample when it never did. */
function everFired(name: string, minutes: number): string {
  return `max(max_over_time(ALERTS{alertname="${name}",alertstate="firing"}[${minutes}m]))`;
}

const RATE = 600;
const healthy = (minutes: number): TrafficPhase => ({ minutes, perMinute: RATE, errorRatio: 0 });

async function expectPasses(test: RuleTestGroup, evaluationInterval = '1m'): Promise<void> {
  const result = await testRules(ruleFile, [test], evaluationInterval);
  expect(result.output).toContain('SUCCESS');
  expect(result.code).toBe(0);
}

describe.concurrent('generated alerts in promtool', () => {
  it('pages one minute into a full outage and not before', async () => {
    const start = 180;
    await expectPasses({
      name: 'full outage',
      interval: '1m',
      input_series: apiTraffic([healthy(start), { minutes: 30, perMinute: RATE, errorRatio: 1 }]),
      alert_rule_test: [silent(PAGE, start), firing(PAGE, start + 1), firing(PAGE, start + 30)],
    });
  });

  it('pages a 20% error rate once the last hour has burned 2% of the budget (5 minutes), not at 4', async () => {
    // 1h ratio after k minutes at 20%: 0.2k/60, above 14.4 x 0.001 from k = 5 (0.0167 vs 0.0133 at k = 4).
    const start = 180;
    await expectPasses({
      name: 'partial outage',
      interval: '1m',
      input_series: apiTraffic([healthy(start), { minutes: 30, perMinute: RATE, errorRatio: 0.2 }]),
      alert_rule_test: [silent(PAGE, start + 4), firing(PAGE, start + 5)],
    });
  });

  it('opens a ticket but never pages during a slow steady burn at 4x', async () => {
    // After a healthy day, 0.4% errors. Ticket row 3d/6h (> 0.1%): the 3d window holds the
    // healthy day too, so it crosses when 0.004x / (1440 + x) > 0.001, i.e. after 480 minutes.
    // Page rows need 6x or 14.4x: 4x never reaches them. Expected first firing: 1440 + 481.
    const start = 1440;
    const burn = 1440;
    await expectPasses({
      name: 'slow burn',
      interval: '1m',
      input_series: apiTraffic([healthy(start), { minutes: burn, perMinute: RATE, errorRatio: 0.004 }]),
      alert_rule_test: [
        silent(TICKET, start + 470),
        firing(TICKET, start + 490),
        firing(TICKET, start + burn),
        ...[60, 360, 720, burn].map((m) => silent(PAGE, start + m)),
      ],
      promql_expr_test: [
        { expr: everFired(PAGE, start + burn), eval_time: at(start + burn), exp_samples: [] },
        { expr: everFired(TICKET, start + burn), eval_time: at(start + burn), exp_samples: [{ labels: '{}', value: 1 }] },
      ],
      // Rules every 5m over 1m samples keep two simulated days fast; at 4x no window is near a page factor.
    }, '5m');
  });

  it('does not alert on a one-minute blip of 50% errors', async () => {
    // 300 failed requests: 0.8% of the last hour (page needs 1.44%), 0.07% of the last day
    // (ticket needs 0.3%, or 0.1% over 3d). The 5m window does see it.
    const start = 720;
    const after = 360;
    await expectPasses({
      name: 'blip',
      interval: '1m',
      input_series: apiTraffic([healthy(start), { minutes: 1, perMinute: RATE, errorRatio: 0.5 }, healthy(after)]),
      promql_expr_test: [
        {
          expr: 'sloop_slo:error_ratio:rate5m > bool (14.4 * 0.001)',
          eval_time: at(start + 5),
          exp_samples: [{ labels: '{sloop_service="api",sloop_slo="api-availability"}', value: 1 }],
        },
        { expr: everFired(PAGE, start + after), eval_time: at(start + 5 + after), exp_samples: [] },
        { expr: everFired(TICKET, start + after), eval_time: at(start + 5 + after), exp_samples: [] },
      ],
      // Rules every 5m: the evaluation at start + 5 sees the blip in every window at once,
      // the worst moment for a false alert.
    }, '5m');
  });

  it('does not page on one failed request in a quiet hour (min-events guard), which pages without the guard', async () => {
    // 1 request a minute: the failure is 1 of 5 events in the 5m window and 1 of 60 in the
    // hour, both above 1.44%, but 5 events are fewer than the policy's 10.
    const quiet = 1;
    const series = apiTraffic([
      { minutes: 180, perMinute: quiet, errorRatio: 0 },
      { minutes: 1, perMinute: quiet, errorRatio: 1 },
      { minutes: 30, perMinute: quiet, errorRatio: 0 },
    ]);
    const guarded = await testRules(ruleFile, [
      { name: 'quiet failure, guarded', interval: '1m', input_series: series,
        promql_expr_test: [{ expr: everFired(PAGE, 30), eval_time: at(211), exp_samples: [] }] },
    ]);
    expect(guarded.output).toContain('SUCCESS');
    const unguardedSlo = makeSlo();
    unguardedSlo.alerting.minEvents = 0;
    const unguarded = await testRules(serializeRuleFile(generatePrometheusRules([unguardedSlo]).groups), [
      { name: 'quiet failure, unguarded', interval: '1m', input_series: series,
        promql_expr_test: [{ expr: everFired(PAGE, 30), eval_time: at(211), exp_samples: [{ labels: '{}', value: 1 }] }] },
    ]);
    expect(unguarded.output).toContain('SUCCESS');
  });

  it('resolves the page about 30 minutes and the ticket about 6 hours after a 10-minute outage ends', async () => {
    // The page's slowest short window is 30m and the ticket's 6h: a row stops holding when its
    // short window no longer contains any failed minute.
    const start = 180;
    const end = start + 10;
    await expectPasses({
      name: 'recovery',
      interval: '1m',
      input_series: apiTraffic([healthy(start), { minutes: 10, perMinute: RATE, errorRatio: 1 }, healthy(480)]),
      alert_rule_test: [
        firing(PAGE, end),
        firing(PAGE, end + 25),
        silent(PAGE, end + 35),
        firing(TICKET, end + 350),
        silent(TICKET, end + 370),
        firing('ApiAvailabilityBudgetExhausted', end + 60),
      ],
    });
  });
});
