import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../errors/index.js';
import { loadConfigFromText } from './load.js';

const FIVE_LINES = `apiVersion: sloop/v1
service: checkout
slos:
  - name: checkout-availability
    objective: 99.9
`;

function load(text: string) {
  const result = loadConfigFromText(text, 'slos.yaml');
  return { ...result, lines: result.diagnostics.map(formatDiagnostic) };
}

describe('sloop/v1: the five-line SLO', () => {
  it('gets a ratio SLI with pushed data, a rolling 28-day window and occurrences budgeting', () => {
    const { config, diagnostics } = load(FIVE_LINES);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const [slo] = config.slos;
    expect(slo).toMatchObject({
      name: 'checkout-availability',
      service: 'checkout',
      objective: 0.999,
      window: { type: 'rolling', minutes: 40320 },
      budgeting: { method: 'occurrences' },
      sli: { kind: 'ratio' },
      origin: { file: 'slos.yaml', line: 4, column: 11, format: 'sloop' },
    });
    expect(slo!.sli.prometheus).toBeUndefined();
    expect(config.services).toEqual([expect.objectContaining({ name: 'checkout', journeys: [] })]);
  });

  it('gets the default burn-rate policy with 28-day factors', () => {
    const { config } = load(FIVE_LINES);
    const alerting = config.slos[0]!.alerting;
    expect(alerting.name).toBe('CheckoutAvailability');
    expect(alerting.windows.map((w) => [w.severity, w.longMinutes, w.shortMinutes, Number(w.factor.toFixed(3))])).toEqual([
      ['page', 60, 5, 13.44],
      ['page', 360, 30, 5.6],
      ['ticket', 1440, 120, 2.8],
      ['ticket', 4320, 360, 0.933],
    ]);
    expect(alerting).toMatchObject({ minEvents: 10, noDataMinutes: 30, budgetExhausted: true, disabled: [] });
  });

  it('warns that the page has no runbook', () => {
    expect(load(FIVE_LINES).lines).toEqual([
      'slos.yaml:4:11: warning: slos[0].alerting: paging alerts have no runbook; every page should link a runbook: add alerting: {runbook: https://...} to the SLO, or to the defaults block for every SLO in the file',
    ]);
  });
});

describe('sloop/v1: the full form', () => {
  const FULL = `apiVersion: sloop/v1
service:
  name: shop
  owner: team-web
  tier: "1"
  description: The web shop.
journeys:
  - name: checkout
    description: Pay for the basket.
defaults:
  window: 7d
  alerting:
    runbook: https://runbooks.example.com/shop
    labels: {team: web}
  labels: {env: prod}
slos:
  - name: checkout-latency
    journey: checkout
    displayName: Checkout latency
    description: Fast checkouts.
    objective: 99
    window: {calendar: month, timeZone: Europe/Berlin}
    budgeting: {timeslices: {slice: 5m, target: 95}}
    sli:
      latency:
        metric: http_request_duration_seconds
        selector: '{job="shop"}'
        threshold: 300ms
    labels: {tier: gold}
    alerting:
      name: ShopCheckoutSlow
      minEvents: 50
      noData: false
      budgetExhausted: false
      runbook:
        page: https://runbooks.example.com/shop/checkout-slow
      annotations: {dashboard: https://grafana.example.com/d/shop}
      windows:
        - {severity: page, long: 1h, short: 5m, factor: 14.4}
        - {severity: ticket, long: 1d, short: 2h, budgetPercent: 10}
  - name: checkout-errors
    objective: 99.95
    sli:
      errorRatio: sum(rate(errors_total[{{.window}}])) / sum(rate(requests_total[{{.window}}]))
  - name: catalogue-freshness
    objective: 99
    window: 30d
    budgeting: {ratioTimeslices: {slice: 1h}}
    sli:
      freshness: {maxAge: 10m}
`;

  it('maps every field onto the model', () => {
    const { config, lines } = load(FULL);
    expect(lines).toEqual([]);
    expect(config.services[0]).toMatchObject({ name: 'shop', owner: 'team-web', tier: '1', description: 'The web shop.', journeys: [{ name: 'checkout', description: 'Pay for the basket.' }] });
    const [latency, errors, freshness] = config.slos;
    expect(latency).toMatchObject({
      journey: 'checkout',
      displayName: 'Checkout latency',
      description: 'Fast checkouts.',
      objective: 0.99,
      window: { type: 'calendar', unit: 'month', timeZone: 'Europe/Berlin' },
      budgeting: { method: 'timeslices', sliceMinutes: 5, sliceTarget: 0.95 },
      labels: { env: 'prod', tier: 'gold' },
    });
    expect(latency!.sli).toEqual({
      kind: 'latency',
      latency: { thresholdSeconds: 0.3 },
      prometheus: {
        type: 'events',
        good: 'sum(rate(http_request_duration_seconds_bucket{job="shop",le="0.3"}[{{.window}}]))',
        total: 'sum(rate(http_request_duration_seconds_count{job="shop"}[{{.window}}]))',
      },
    });
    expect(latency!.alerting).toMatchObject({
      name: 'ShopCheckoutSlow',
      minEvents: 50,
      noDataMinutes: null,
      budgetExhausted: false,
      runbooks: { default: 'https://runbooks.example.com/shop', page: 'https://runbooks.example.com/shop/checkout-slow' },
      labels: { team: 'web' },
      annotations: { dashboard: 'https://grafana.example.com/d/shop' },
    });
    // Explicit factor kept; budgetPercent derived from the nominal 30-day month, and the reverse.
    const [page, ticket] = latency!.alerting.windows;
    expect(page).toMatchObject({ severity: 'page', longMinutes: 60, shortMinutes: 5, factor: 14.4 });
    expect(page!.budgetPercent).toBeCloseTo(2, 9);
    expect(ticket).toMatchObject({ severity: 'ticket', longMinutes: 1440, shortMinutes: 120, budgetPercent: 10 });
    expect(ticket!.factor).toBeCloseTo(3, 9);

    expect(errors).toMatchObject({ objective: 0.9995, window: { type: 'rolling', minutes: 7 * 1440 }, labels: { env: 'prod' } });
    expect(errors!.sli.prometheus).toEqual({ type: 'errorRatio', query: 'sum(rate(errors_total[{{.window}}])) / sum(rate(requests_total[{{.window}}]))' });
    expect(errors!.alerting.windows[0]!.factor).toBeCloseTo(0.02 * 7 * 24, 9);

    expect(freshness).toMatchObject({ window: { type: 'rolling', minutes: 43200 }, budgeting: { method: 'ratioTimeslices', sliceMinutes: 60 }, sli: { kind: 'freshness', freshness: { maxAgeSeconds: 600 } } });
    expect(freshness!.alerting.windows.map((w) => Number(w.factor.toFixed(3)))).toEqual([14.4, 6, 3, 1]);
  });

  it('expands a whole-second latency threshold so both le="1" and Prometheus 3\'s le="1.0" match', () => {
    const { config } = load(`apiVersion: sloop/v1
service: api
slos:
  - name: api-latency
    objective: 99
    alerting: {runbook: https://r.example.com}
    sli: {latency: {metric: rpc_seconds, threshold: 1s}}
`);
    const prometheus = config.slos[0]!.sli.prometheus;
    expect(prometheus).toEqual({ type: 'events', good: 'sum(rate(rpc_seconds_bucket{le=~"1|1.0"}[{{.window}}]))', total: 'sum(rate(rpc_seconds_count{}[{{.window}}]))' });
  });

  it('maps remote-write selectors for counters Prometheus pushes to sloop', () => {
    const { config, lines } = load(`apiVersion: sloop/v1
service: api
slos:
  - name: api-availability
    objective: 99.9
    alerting: {runbook: https://r.example.com}
    sli:
      ratio:
        remoteWrite:
          bad: '{__name__="http_requests_total", job="api", code=~"5.."}'
          total: '{__name__="http_requests_total", job="api"}'
`);
    expect(lines).toEqual([]);
    expect(config.slos[0]!.sli).toEqual({
      kind: 'ratio',
      remoteWrite: { bad: '{__name__="http_requests_total", job="api", code=~"5.."}', total: '{__name__="http_requests_total", job="api"}' },
    });
  });

  it('keeps on-call documents for their own parser, without diagnostics', () => {
    const { config, lines, documents } = load(`${FIVE_LINES}    alerting: {runbook: https://r.example.com}
---
apiVersion: sloop/v1
kind: OnCall
people: [{name: ada}]
`);
    expect(lines).toEqual([]);
    expect(config.slos).toHaveLength(1);
    expect(documents.map((d) => [d.index, d.apiVersion, d.kind])).toEqual([
      [0, 'sloop/v1', ''],
      [1, 'sloop/v1', 'OnCall'],
    ]);
    expect(documents[1]!.doc.toJS()).toMatchObject({ people: [{ name: 'ada' }] });
    expect(documents[1]!.lineCounter.linePos(0)).toEqual({ line: 1, col: 1 });
  });

  it('reports every problem in one SLO at once', () => {
    const { lines, config } = load(`apiVersion: sloop/v1
service: shop
slos:
  - name: bad slo
    objective: 100
    window: 28days
    budgeting: timeslice
    sli: {ratio: {good: 'sum(rate(ok_total[5m]))'}}
`);
    expect(config.slos).toEqual([]);
    expect(lines).toEqual([
      'slos.yaml:4:11: error: slos[0].name: "bad slo" is not a valid name; use letters, digits, ".", "_" and "-", starting and ending with a letter or digit (e.g. checkout-availability)',
      'slos.yaml:5:16: error: slos[0].objective: a 100% objective leaves no error budget; use a value below 100 such as 99.9',
      'slos.yaml:6:13: error: slos[0].window: unknown duration unit "days" in "28days"; use h (hours), d (days), w (weeks), e.g. 28d',
      'slos.yaml:7:16: error: slos[0].budgeting: unknown budgeting "timeslice"; timeslices needs a slice and a target: {timeslices: {slice: 5m, target: 95}}',
      'slos.yaml:8:18: error: slos[0].sli.ratio.total: is required with good; add the PromQL that counts all events, with [{{.window}}] as its range',
    ]);
  });
});
