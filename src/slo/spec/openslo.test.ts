import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../errors/index.js';
import { loadConfig, loadSources } from './load.js';

const DIR = 'test/fixtures/openslo';

describe('OpenSLO v1', () => {
  it('loads the fixture folder without errors', async () => {
    const { diagnostics, config } = await loadConfig([DIR]);
    expect(diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([]);
    expect(config.slos.map((s) => s.name)).toEqual([
      'checkout-availability',
      'buy-experience-availability',
      'buy-experience-latency',
      'service-availability-internal-objective',
      'service-availability-sla',
      'main-page',
      'search-slo',
    ]);
  });

  it('resolves indicatorRef, metricSourceRef, alertPolicyRef and conditionRef across files', async () => {
    const { config } = await loadConfig([`${DIR}/checkout-slo.yaml`, `${DIR}/checkout-objects.yaml`]);
    const slo = config.slos.find((s) => s.name === 'checkout-availability')!;
    expect(slo).toMatchObject({
      service: 'checkout',
      objective: 0.999,
      window: { type: 'rolling', minutes: 30 * 1440 },
      budgeting: { method: 'occurrences' },
      labels: { team: 'payments' },
      displayName: 'Good requests',
      origin: { file: `${DIR}/checkout-slo.yaml`, line: 5, format: 'openslo' },
    });
    expect(slo.sli.prometheus).toEqual({
      type: 'events',
      good: 'sum(rate(http_requests_total{service="checkout",code!~"5.."}[{{.window}}]))',
      total: 'sum(rate(http_requests_total{service="checkout"}[{{.window}}]))',
    });
    // The two burn-rate conditions replace the default table; the short window is 1/12 of the long one.
    expect(slo.alerting.windows).toEqual([
      { severity: 'page', longMinutes: 60, shortMinutes: 5, factor: 14.4, budgetPercent: expect.closeTo(2, 9) },
      { severity: 'ticket', longMinutes: 4320, shortMinutes: 360, factor: 1, budgetPercent: expect.closeTo(10, 9) },
    ]);
    expect(slo.alerting.noDataMinutes).toBe(30);
    expect(slo.alerting.runbooks).toEqual({ page: 'https://runbooks.example.com/checkout/fast-burn' });
    expect(config.services.find((s) => s.name === 'checkout')).toMatchObject({ description: 'Takes payment for the basket.' });
  });

  it('names the missing object when a reference does not resolve', async () => {
    const { diagnostics } = await loadConfig([`${DIR}/checkout-slo.yaml`]);
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([
      'unresolved reference: no SLI named "checkout-good-requests" in the loaded files; define one (kind: SLI, metadata.name: checkout-good-requests) or load the file that has it',
      'unresolved reference: no AlertPolicy named "checkout-burn-rate" in the loaded files; define one (kind: AlertPolicy, metadata.name: checkout-burn-rate) or load the file that has it',
      'unresolved reference: no AlertPolicy named "checkout-slow-burn" in the loaded files; define one (kind: AlertPolicy, metadata.name: checkout-slow-burn) or load the file that has it',
    ]);
  });

  it('turns objectives with their own indicators into a weighted composite SLO', async () => {
    const { config, diagnostics } = await loadConfig([`${DIR}/composite.yaml`]);
    expect(config.composites).toEqual([
      {
        name: 'buy-experience',
        objective: (2 * 0.999 + 0.99) / 3,
        window: { type: 'calendar', unit: 'quarter', timeZone: 'Europe/Berlin' },
        components: [
          { slo: 'buy-experience-availability', weight: 2 },
          { slo: 'buy-experience-latency', weight: 1 },
        ],
        origin: expect.objectContaining({ format: 'openslo' }),
      },
    ]);
    const [availability, latency] = config.slos;
    // counter: true with a bare selector means "rate of this counter".
    expect(availability!.sli.prometheus).toEqual({
      type: 'events',
      bad: 'sum(rate(http_requests_total{handler="/buy",code=~"5.."}[{{.window}}]))',
      total: 'sum(rate(http_requests_total{handler="/buy"}[{{.window}}]))',
    });
    // Fixed ranges become the placeholder, with a warning.
    expect(latency!.sli.prometheus).toMatchObject({ good: 'sum(rate(http_request_duration_seconds_bucket{handler="/buy",le="0.5"}[{{.window}}]))' });
    expect(diagnostics.filter((d) => d.message.startsWith('fixed range [5m]'))).toHaveLength(2);
    // A quarter is 90 nominal days: 2% of it in an hour is 43.2x.
    expect(availability!.alerting.windows[0]!.factor).toBeCloseTo(43.2, 9);
    expect(availability!.alerting.runbooks.default).toBe('https://runbooks.example.com/shop/buy-experience');
  });

  it("accepts the spec example's quirks (op on a ratio metric, 1m meaning a month) with warnings", async () => {
    const { config, diagnostics } = await loadConfig([`${DIR}/monthly-sla.yaml`]);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const warnings = diagnostics.map((d) => `${d.line}:${d.field}`);
    expect(warnings).toContain('28:spec.timeWindow[0].duration');
    expect(warnings).toContain('36:spec.objectives[0].op');
    const [internal, sla] = config.slos;
    expect(internal).toMatchObject({
      name: 'service-availability-internal-objective',
      objective: 0.995,
      window: { type: 'calendar', unit: 'month', timeZone: 'America/New_York' },
      budgeting: { method: 'timeslices', sliceMinutes: 1, sliceTarget: 0.99 },
    });
    expect(sla).toMatchObject({ name: 'service-availability-sla', objective: 0.99 });
    expect(internal!.sli.externalSource?.type).toBe('Any');
    // An empty alertPolicies list keeps the default policy (with its no-data alert).
    expect(internal!.alerting.windows).toHaveLength(4);
  });

  it('maps RatioTimeslices and keeps threshold metrics as an external source', async () => {
    const { config } = await loadConfig([`${DIR}/ratio-timeslices.yaml`]);
    const [mainPage, search] = config.slos;
    expect(mainPage).toMatchObject({ window: { type: 'rolling', minutes: 14 * 1440 }, budgeting: { method: 'ratioTimeslices', sliceMinutes: 1 }, objective: 0.99 });
    expect(search!.sli).toEqual({ kind: 'ratio', externalSource: { type: 'Any', spec: { thresholdMetric: { metricSource: { type: 'Any', spec: null } } } } });
  });

  it('reads a percentage written as target with a warning, and targetPercent without', () => {
    const slo = (objective: string) => `apiVersion: openslo/v1
kind: SLO
metadata: {name: api, annotations: {runbook_url: https://r.example.com}}
spec:
  service: api
  indicator:
    metadata: {name: api-requests}
    spec:
      ratioMetric:
        good: {metricSource: {type: Prometheus, spec: {query: 'sum(rate(ok_total[{{.window}}]))'}}}
        total: {metricSource: {type: Prometheus, spec: {query: 'sum(rate(all_total[{{.window}}]))'}}}
  timeWindow: [{duration: 28d, isRolling: true}]
  budgetingMethod: Occurrences
  objectives: [${objective}]
`;
    const quirk = loadSources([{ file: 'a.yaml', text: slo('{target: 99.9}') }]);
    expect(quirk.config.slos[0]!.objective).toBe(0.999);
    expect(quirk.diagnostics.map(formatDiagnostic)).toEqual([
      'a.yaml:14:25: warning: spec.objectives[0].target: target is a fraction in OpenSLO (0.999 for 99.9%); 99.9 is read as a percentage: write targetPercent: 99.9 or target: 0.999',
    ]);
    const percent = loadSources([{ file: 'b.yaml', text: slo('{targetPercent: 99.5}') }]);
    expect(percent.config.slos[0]!.objective).toBe(0.995);
    expect(percent.diagnostics).toEqual([]);
  });

  it('reads inline alert policies, conditions and targets', () => {
    const { config, diagnostics } = loadSources([
      {
        file: 'inline.yaml',
        text: `apiVersion: openslo/v1
kind: SLO
metadata: {name: api}
spec:
  service: api
  indicator:
    metadata: {name: api-errors}
    spec:
      ratioMetric:
        raw:
          metricSource: {type: prometheus, spec: {query: 'job:errors:ratio_rate{{.window}}'}}
        rawType: failure
  timeWindow: [{duration: 7d, isRolling: true}]
  budgetingMethod: Occurrences
  objectives: [{target: 0.99}]
  alertPolicies:
    - kind: AlertPolicy
      metadata:
        name: api-fast
        annotations: {runbook_url: https://r.example.com/api}
      spec:
        conditions:
          - kind: AlertCondition
            metadata: {name: api-fast-burn}
            spec:
              severity: critical
              condition: {kind: burnrate, op: gte, threshold: 10, lookbackWindow: 2h}
        notificationTargets:
          - kind: AlertNotificationTarget
            metadata: {name: api-mail}
            spec: {target: email}
`,
      },
    ]);
    expect(diagnostics.map(formatDiagnostic)).toEqual([]);
    const [slo] = config.slos;
    expect(slo!.sli.prometheus).toEqual({ type: 'errorRatio', query: 'job:errors:ratio_rate{{.window}}' });
    expect(slo!.alerting.windows).toEqual([{ severity: 'page', longMinutes: 120, shortMinutes: 10, factor: 10, budgetPercent: expect.closeTo((10 * 120 * 100) / (7 * 1440), 9) }]);
    expect(slo!.alerting.runbooks).toEqual({ page: 'https://r.example.com/api' });
    // alertWhenNoData defaults to false in OpenSLO.
    expect(slo!.alerting.noDataMinutes).toBeNull();
  });
});
