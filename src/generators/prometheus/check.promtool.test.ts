/** `promtool check rules` accepts what the generator writes for every kind of PromQL SLO. */
import { describe, expect, it } from 'vitest';
import { checkRules } from '../../../test/fixtures/promtool/promtool.js';
import { API_GOOD, API_RAW_RATIO, API_TOTAL, makeSlo, ROLLING_28D } from '../../../test/fixtures/promtool/slos.js';
import { deriveFactor, type Slo } from '../../slo/index.js';
import { generatePrometheusRules } from './generate.js';
import { countRules, serializeRuleFile } from './serialize.js';

function customWindowsWithoutTicket(): Slo {
  const slo = makeSlo({ name: 'search-latency', service: 'search', objective: 0.995, window: { type: 'rolling', minutes: 7 * 1440 }, labels: { tier: '1' } });
  const period = 7 * 1440;
  slo.alerting = {
    ...slo.alerting,
    name: 'SearchLatencyBurn',
    windows: [
      { severity: 'page', longMinutes: 30, shortMinutes: 3, budgetPercent: 8, factor: deriveFactor(8, period, 30) },
      { severity: 'page', longMinutes: 4 * 60, shortMinutes: 20, budgetPercent: 12.5, factor: deriveFactor(12.5, period, 240) },
      { severity: 'ticket', longMinutes: 2 * 1440, shortMinutes: 4 * 60, budgetPercent: 42, factor: deriveFactor(42, period, 2880) },
    ],
    disabled: ['ticket'],
    minEvents: 50,
    runbooks: { default: 'https://runbooks.example.com/search' },
    labels: { team: 'search' },
    annotations: { dashboard: 'https://grafana.example.com/d/search' },
  };
  return slo;
}

const slos: Slo[] = [
  makeSlo({ name: 'api-availability' }),
  makeSlo({ name: 'api-good-events', window: ROLLING_28D, prometheus: { type: 'events', good: API_GOOD, total: API_TOTAL } }),
  makeSlo({ name: 'api-raw-ratio', objective: 0.99, prometheus: { type: 'errorRatio', query: API_RAW_RATIO } }),
  makeSlo({ name: 'api-monthly', objective: 0.9995, window: { type: 'calendar', unit: 'month', timeZone: 'Europe/Berlin' } }),
  customWindowsWithoutTicket(),
  makeSlo({ name: 'pushed-checkout', service: 'checkout', prometheus: undefined }),
];

describe('promtool check rules', () => {
  it('accepts the rules for events, good-events, raw-ratio, 28d, calendar and custom-window SLOs', async () => {
    const { groups, warnings } = generatePrometheusRules(slos, { periodInterval: '1m' });
    const counts = countRules(groups);
    expect(counts.groups).toBe(10);
    const result = await checkRules(serializeRuleFile(groups));
    expect(result.output).toContain(`SUCCESS: ${counts.rules + counts.alerts} rules found`);
    expect(result.code).toBe(0);
    expect(warnings.map((w) => w.slo).sort()).toEqual(['api-monthly', 'api-raw-ratio', 'pushed-checkout']);
  });

  it('writes the custom windows, the disabled ticket and the 3-minute window as asked', () => {
    const { groups } = generatePrometheusRules([customWindowsWithoutTicket()]);
    const names = groups.flatMap((g) => g.rules).map((r) => ('alert' in r ? r.alert : r.record));
    expect(names).toContain('sloop_slo:error_ratio:rate3m');
    expect(names).toContain('sloop_slo:error_ratio:rate4h');
    expect(names).not.toContain('sloop_slo:error_ratio:rate2d');
    expect(names.filter((n) => n.startsWith('SearchLatencyBurn'))).toEqual(['SearchLatencyBurnPage', 'SearchLatencyBurnNoData', 'SearchLatencyBurnBudgetExhausted']);
  });

  it('fails on a broken rule file, so the checks above can fail', async () => {
    const result = await checkRules('groups:\n  - name: broken\n    rules:\n      - record: x\n        expr: sum(rate(\n');
    expect(result.code).not.toBe(0);
  });
});
