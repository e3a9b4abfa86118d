import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../errors/index.js';
import { loadConfig, loadConfigFromText } from './load.js';

const DIR = 'test/fixtures/sloth';

describe('Sloth prometheus/v1', () => {
  it("migrates the getting-started example with Sloth's 30-day factors", async () => {
    const { config, diagnostics } = await loadConfig([`${DIR}/getting-started.yml`]);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const [slo] = config.slos;
    expect(slo).toMatchObject({
      name: 'myservice-requests-availability',
      service: 'myservice',
      objective: 0.999,
      description: 'Common SLO based on availability for HTTP request responses.',
      window: { type: 'rolling', minutes: 43200 },
      labels: { owner: 'myteam', repo: 'myorg/myservice', tier: '2' },
      origin: { format: 'sloth' },
    });
    expect(slo!.sli.prometheus).toEqual({
      type: 'events',
      bad: 'sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[{{.window}}]))',
      total: 'sum(rate(http_request_duration_seconds_count{job="myservice"}[{{.window}}]))',
    });
    expect(slo!.alerting.windows.map((w) => Number(w.factor.toFixed(6)))).toEqual([14.4, 6, 3, 1]);
    expect(slo!.alerting).toMatchObject({
      name: 'MyServiceHighErrorRate',
      labels: { category: 'availability' },
      annotations: { summary: "High error rate on 'myservice' requests responses" },
      disabled: [],
    });
  });

  it('maps a raw error-ratio SLI and takes the runbook from runbook_url', async () => {
    const { config, diagnostics } = await loadConfig([`${DIR}/raw-home-wifi.yml`]);
    expect(diagnostics).toEqual([]);
    const [slo] = config.slos;
    expect(slo!.name).toBe('home-wifi-wifi-client-satisfaction');
    expect(slo!.objective).toBe(0.95);
    expect(slo!.sli.prometheus?.type).toBe('errorRatio');
    expect(slo!.sli.prometheus).toMatchObject({ query: expect.stringContaining('sum(sum_over_time(unifipoller_client_satisfaction_ratio[{{.window}}]))') });
    expect(slo!.alerting.runbooks).toEqual({ default: 'https://runbooks.example.com/home-wifi/satisfaction' });
  });

  it('keeps a disabled ticket alert disabled', async () => {
    const { config, diagnostics } = await loadConfig([`${DIR}/ticket-disabled.yml`]);
    expect(diagnostics).toEqual([]);
    expect(config.slos[0]!.alerting.disabled).toEqual(['ticket']);
    expect(config.slos[0]!.alerting.runbooks).toEqual({ page: 'https://runbooks.example.com/payments/availability' });
  });

  it('reads the sloth.slok.dev/v1 PrometheusServiceLevel resource with camelCase fields', () => {
    const { config, diagnostics } = loadConfigFromText(`apiVersion: sloth.slok.dev/v1
kind: PrometheusServiceLevel
metadata:
  name: api
spec:
  service: api
  slos:
    - name: availability
      objective: 99.5
      sli:
        events:
          errorQuery: sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))
          totalQuery: sum(rate(http_requests_total[{{.window}}]))
      alerting:
        name: ApiAvailability
        pageAlert:
          annotations: {runbook_url: https://r.example.com/api}
        ticketAlert: {disable: true}
`);
    expect(diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(config.slos[0]).toMatchObject({ name: 'api-availability', objective: 0.995, alerting: { name: 'ApiAvailability', disabled: ['ticket'] } });
  });

  it('warns about per-severity labels it cannot keep', async () => {
    const { diagnostics } = await loadConfig([`${DIR}/getting-started.yml`]);
    expect(diagnostics.filter((d) => d.severity === 'warning').map((d) => d.field)).toEqual([
      'slos[0].alerting',
      'slos[0].alerting.page_alert.labels',
      'slos[0].alerting.ticket_alert.labels',
    ]);
  });
});
