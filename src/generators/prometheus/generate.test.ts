import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { API_GOOD, API_RAW_RATIO, API_TOTAL, makeSlo, ROLLING_28D } from '../../../test/fixtures/promtool/slos.js';
import { generatePrometheusRules } from './generate.js';
import { countRules, serializeRuleFile } from './serialize.js';
import { isAlertingRule, type AlertingRule, type PrometheusRules, type RecordingRule } from './types.js';

function recordings(result: PrometheusRules): RecordingRule[] {
  return result.groups.flatMap((g) => g.rules).filter((r): r is RecordingRule => !isAlertingRule(r));
}
function alerts(result: PrometheusRules): AlertingRule[] {
  return result.groups.flatMap((g) => g.rules).filter(isAlertingRule);
}
function alert(result: PrometheusRules, name: string): AlertingRule {
  const found = alerts(result).find((a) => a.alert === name);
  if (!found) throw new Error(`no alert ${name}; have ${alerts(result).map((a) => a.alert).join(', ')}`);
  return found;
}
function windowsRecorded(result: PrometheusRules, metric: string): string[] {
  return recordings(result)
    .map((r) => r.record)
    .filter((name) => name.startsWith(`sloop_slo:${metric}:rate`))
    .map((name) => name.slice(`sloop_slo:${metric}:rate`.length));
}

describe('generatePrometheusRules', () => {
  it('records errors, totals and their ratio once for every window the default policy uses', () => {
    const result = generatePrometheusRules([makeSlo()]);
    const expected = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'];
    expect(windowsRecorded(result, 'error_events')).toEqual(expected);
    expect(windowsRecorded(result, 'total_events')).toEqual(expected);
    expect(windowsRecorded(result, 'error_ratio')).toEqual(expected);
    expect(result.warnings).toEqual([]);
  });

  it('substitutes the window into the queries and labels every series with the SLO and service', () => {
    const result = generatePrometheusRules([makeSlo({ labels: { team: 'core' } })]);
    const total1h = recordings(result).find((r) => r.record === 'sloop_slo:total_events:rate1h')!;
    expect(total1h.expr).toBe('sum(rate(http_requests_total{job="api"}[1h]))');
    expect(total1h.labels).toEqual({ team: 'core', sloop_slo: 'api-availability', sloop_service: 'api' });
  });

  it('computes errors as total minus good for good-event SLIs', () => {
    const slo = makeSlo({ prometheus: { type: 'events', good: API_GOOD, total: API_TOTAL } });
    const errors5m = recordings(generatePrometheusRules([slo])).find((r) => r.record === 'sloop_slo:error_events:rate5m')!;
    expect(errors5m.expr).toContain('(sum(rate(http_requests_total{job="api"}[5m])))\n-\n');
    expect(errors5m.expr).toContain('code!~"5.."}[5m]');
  });

  it('computes the period error ratio from summed errors and summed events', () => {
    const result = generatePrometheusRules([makeSlo({ window: ROLLING_28D })]);
    const period = recordings(result).find((r) => r.record === 'sloop_slo:period_error_ratio:ratio')!;
    expect(period.expr).toBe(
      'sum_over_time(sloop_slo:error_events:rate5m{sloop_service="api",sloop_slo="api-availability"}[28d])\n/\n' +
        'sum_over_time(sloop_slo:total_events:rate5m{sloop_service="api",sloop_slo="api-availability"}[28d])',
    );
  });

  it('writes 28-day factors and budgets without float noise', () => {
    const result = generatePrometheusRules([makeSlo({ window: ROLLING_28D, objective: 0.999 })]);
    const page = alert(result, 'ApiAvailabilityPage');
    const ticket = alert(result, 'ApiAvailabilityTicket');
    expect(page.expr).toContain('> (13.44 * 0.001)');
    expect(page.expr).toContain('> (5.6 * 0.001)');
    expect(ticket.expr).toContain('> (2.8 * 0.001)');
    expect(ticket.expr).toContain('> (0.933333333333 * 0.001)');
    expect(ticket.annotations.description).toContain('0.93x the sustainable rate');
    expect(serializeRuleFile(result.groups)).not.toMatch(/\d\.\d*0000000\d/);
    expect(recordings(result).find((r) => r.record === 'sloop_slo:error_budget:ratio')!.expr).toBe('vector(0.001)');
  });

  it('pages when both windows of a row exceed the factor and enough events were seen', () => {
    const page = alert(generatePrometheusRules([makeSlo()]), 'ApiAvailabilityPage');
    const sel = '{sloop_service="api",sloop_slo="api-availability"}';
    expect(page.expr.split('\nor\n')).toEqual([
      `(\n  sloop_slo:error_ratio:rate1h${sel} > (14.4 * 0.001)\n  and\n  sloop_slo:error_ratio:rate5m${sel} > (14.4 * 0.001)` +
        `\n  and\n  sloop_slo:total_events:rate1h${sel} * 3600 >= 10\n  and\n  sloop_slo:total_events:rate5m${sel} * 300 >= 10\n)`,
      `(\n  sloop_slo:error_ratio:rate6h${sel} > (6 * 0.001)\n  and\n  sloop_slo:error_ratio:rate30m${sel} > (6 * 0.001)` +
        `\n  and\n  sloop_slo:total_events:rate6h${sel} * 21600 >= 10\n  and\n  sloop_slo:total_events:rate30m${sel} * 1800 >= 10\n)`,
    ]);
  });

  it('drops the min-events guard when the policy sets it to 0', () => {
    const slo = makeSlo();
    slo.alerting.minEvents = 0;
    const page = alert(generatePrometheusRules([slo]), 'ApiAvailabilityPage');
    expect(page.expr).not.toContain('total_events');
    expect(page.annotations.description).not.toContain('fewer than');
  });

  it('labels and annotates alerts, taking the runbook of the severity before the default', () => {
    const slo = makeSlo();
    slo.alerting.runbooks = { default: 'https://runbooks.example.com/api', page: 'https://runbooks.example.com/api-page' };
    slo.alerting.labels = { team: 'core', severity: 'ignored' };
    const result = generatePrometheusRules([slo]);
    const page = alert(result, 'ApiAvailabilityPage');
    const ticket = alert(result, 'ApiAvailabilityTicket');
    expect(page.labels).toEqual({ team: 'core', sloop_slo: 'api-availability', sloop_service: 'api', sloop_alert: 'page', severity: 'page' });
    expect(ticket.labels.severity).toBe('ticket');
    expect(page.annotations.runbook_url).toBe('https://runbooks.example.com/api-page');
    expect(ticket.annotations.runbook_url).toBe('https://runbooks.example.com/api');
    expect(page.annotations.summary).toContain('api-availability');
    expect(page.annotations.description).toContain('99.9% good events over a rolling 30 days');
    expect(page.annotations.description).toContain('14.4x the sustainable rate over both the last 1 hour and 5 minutes (2% of the budget in 1 hour)');
  });

  it('lets policy annotations replace the burn-rate texts but not those of the budget and no-data alerts', () => {
    const slo = makeSlo();
    slo.alerting.annotations = { summary: 'High error rate on api', dashboard: 'https://grafana.example.com/d/api' };
    const result = generatePrometheusRules([slo]);
    expect(alert(result, 'ApiAvailabilityPage').annotations).toMatchObject({ summary: 'High error rate on api', dashboard: 'https://grafana.example.com/d/api' });
    expect(alert(result, 'ApiAvailabilityNoData').annotations.summary).toContain('has no SLI data');
    expect(alert(result, 'ApiAvailabilityBudgetExhausted').annotations).toMatchObject({ summary: expect.stringContaining('exhausted'), dashboard: 'https://grafana.example.com/d/api' });
  });

  it('leaves out runbook_url when no runbook is configured', () => {
    const page = alert(generatePrometheusRules([makeSlo()]), 'ApiAvailabilityPage');
    expect(page.annotations).not.toHaveProperty('runbook_url');
  });

  it('skips a disabled severity and the windows only it used', () => {
    const slo = makeSlo();
    slo.alerting.disabled = ['ticket'];
    const result = generatePrometheusRules([slo]);
    expect(alerts(result).map((a) => a.alert)).toEqual(['ApiAvailabilityPage', 'ApiAvailabilityNoData', 'ApiAvailabilityBudgetExhausted']);
    expect(windowsRecorded(result, 'error_ratio')).toEqual(['5m', '30m', '1h', '6h']);
  });

  it('omits the budget-exhausted and no-data alerts when the policy turns them off', () => {
    const slo = makeSlo();
    slo.alerting.budgetExhausted = false;
    slo.alerting.noDataMinutes = null;
    expect(alerts(generatePrometheusRules([slo])).map((a) => a.alert)).toEqual(['ApiAvailabilityPage', 'ApiAvailabilityTicket']);
  });

  it('records only the ratio for a raw error-ratio SLI, averages it over the period and warns', () => {
    const slo = makeSlo({ prometheus: { type: 'errorRatio', query: API_RAW_RATIO } });
    const result = generatePrometheusRules([slo]);
    expect(windowsRecorded(result, 'total_events')).toEqual([]);
    expect(recordings(result).find((r) => r.record === 'sloop_slo:period_error_ratio:ratio')!.expr).toContain('avg_over_time(sloop_slo:error_ratio:rate5m');
    expect(alert(result, 'ApiAvailabilityPage').expr).not.toContain('total_events');
    expect(result.warnings).toEqual([{ slo: 'api-availability', message: expect.stringContaining('average of 5m ratios') }]);
  });

  it('skips SLOs without a PromQL SLI with a warning', () => {
    const result = generatePrometheusRules([makeSlo({ name: 'pushed', prometheus: undefined }), makeSlo()]);
    expect(result.groups.map((g) => g.name)).toEqual(['sloop-api-availability-burn-rate', 'sloop-api-availability-period']);
    expect(result.warnings).toEqual([{ slo: 'pushed', message: expect.stringContaining('pushed data') }]);
  });

  it('skips an SLO whose query lacks the {{.window}} placeholder', () => {
    const slo = makeSlo({ prometheus: { type: 'events', bad: 'sum(rate(errors[5m]))', total: API_TOTAL } });
    const result = generatePrometheusRules([slo]);
    expect(result.groups).toEqual([]);
    expect(result.warnings[0]!.message).toContain('[{{.window}}]');
  });

  it('uses the nominal length of a calendar month as the period and says so', () => {
    const slo = makeSlo({ window: { type: 'calendar', unit: 'month', timeZone: 'Europe/Berlin' } });
    const result = generatePrometheusRules([slo]);
    expect(recordings(result).find((r) => r.record === 'sloop_slo:period_error_ratio:ratio')!.expr).toContain('[30d]');
    expect(recordings(result).find((r) => r.record === 'sloop_slo:period:days')!.expr).toBe('vector(30)');
    expect(result.warnings[0]!.message).toContain('rolling 30d period');
  });

  it('renames SLO labels that Prometheus would reject', () => {
    const result = generatePrometheusRules([makeSlo({ labels: { 'owner.team': 'core' } })]);
    expect(recordings(result)[0]!.labels).toHaveProperty('owner_team', 'core');
    expect(result.warnings[0]!.message).toContain('"owner_team"');
  });

  it('renames policy alert labels that Prometheus would reject', () => {
    const slo = makeSlo();
    slo.alerting.labels = { 'routing-key': 'core' };
    const result = generatePrometheusRules([slo]);
    expect(alert(result, 'ApiAvailabilityPage').labels).toHaveProperty('routing_key', 'core');
    expect(result.warnings[0]!.message).toContain('alert label "routing-key"');
  });

  it('warns about a row whose factor the objective can never reach', () => {
    // At 90% the highest burn rate is 10x: the 14.4x page row can never fire.
    const result = generatePrometheusRules([makeSlo({ objective: 0.9 })]);
    expect(result.warnings).toEqual([{ slo: 'api-availability', message: expect.stringContaining('the page row 1h/5m needs a burn rate of 14.4x, but at 90% the highest possible is 10x') }]);
  });

  it('sets the period group interval when asked', () => {
    const result = generatePrometheusRules([makeSlo()], { periodInterval: '5m' });
    expect(result.groups.map((g) => g.interval)).toEqual([undefined, '5m']);
  });
});

describe('serializeRuleFile', () => {
  it('writes YAML that reads back as the same groups, without anchors', () => {
    const result = generatePrometheusRules([makeSlo()], { periodInterval: '2m' });
    const text = serializeRuleFile(result.groups);
    expect(text).not.toMatch(/[&*]a\d/);
    const parsed = parse(text) as { groups: unknown[] };
    expect(parsed.groups).toEqual(JSON.parse(JSON.stringify(result.groups)));
  });

  it('counts groups, recording rules and alerts', () => {
    expect(countRules(generatePrometheusRules([makeSlo()]).groups)).toEqual({ groups: 2, rules: 26, alerts: 4 });
  });
});
