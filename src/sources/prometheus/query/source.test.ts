/**
 * The query source against a real Prometheus holding known data: three hours of counters,
 * backfilled with `promtool tsdb create-blocks-from openmetrics`, sampled every 15 s at a
 * constant rate within each minute, so every increase() over whole minutes is exact.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireTool } from '../../../../test/support/require-tool.js';
import { startPrometheus, type RunningPrometheus } from '../../../../test/support/prometheus.js';
import { InputError } from '../../../errors/index.js';
import type { PrometheusSli, Slo } from '../../../slo/model.js';
import { defaultAlertPolicy } from '../../../slo/policy.js';
import { createPrometheusQuerySource, type PrometheusQuerySource } from './source.js';

const MINUTES = 180;
// Data ends a few minutes ago, on a minute boundary; minute i covers (start+i, start+i+1].
const endMinute = Math.floor(Date.now() / 60_000) - 5;
const startMinute = endMinute - MINUTES;
// Per-minute events, multiples of 4 so each 15 s step adds a whole number.
const totalPerMinute = Array.from({ length: MINUTES }, (_, i) => 400 + (i % 7) * 40);
const badPerMinute = Array.from({ length: MINUTES }, (_, i) => (i % 5 === 0 ? 8 : 0) + (i >= 150 && i < 160 ? 120 : 0));

const TOTAL = 'sum(increase(http_requests_total{job="api"}[{{.window}}]))';
const BAD = 'sum(increase(http_requests_total{job="api", code=~"5.."}[{{.window}}]))';
const GOOD = 'sum(increase(http_requests_total{job="api", code!~"5.."}[{{.window}}]))';

let workDir: string;
let prometheus: RunningPrometheus | undefined;
let source: PrometheusQuerySource;

function openMetrics(): string {
  const lines = ['# TYPE http_requests counter'];
  for (const [code, perMinute, base] of [['200', (i: number) => totalPerMinute[i] - badPerMinute[i], 1_000], ['500', (i: number) => badPerMinute[i], 10]] as const) {
    let value = base;
    lines.push(`http_requests_total{job="api",code="${code}"} ${value} ${startMinute * 60}`);
    for (let i = 0; i < MINUTES; i++) {
      for (let step = 1; step <= 4; step++) {
        value += perMinute(i) / 4;
        lines.push(`http_requests_total{job="api",code="${code}"} ${value} ${(startMinute + i) * 60 + step * 15}`);
      }
    }
  }
  lines.push('# EOF', '');
  return lines.join('\n');
}

function sloWith(prometheusSli: PrometheusSli | undefined): Slo {
  const window = { type: 'rolling', minutes: 28 * 24 * 60 } as const;
  return {
    name: 'api-availability',
    service: 'api',
    objective: 0.99,
    window,
    budgeting: { method: 'occurrences' },
    sli: { kind: 'ratio', ...(prometheusSli ? { prometheus: prometheusSli } : {}) },
    alerting: defaultAlertPolicy('api-availability', window),
    labels: {},
    origin: { file: 'slos.yaml', line: 1, column: 1, format: 'sloop' },
  };
}

const sum = (values: number[], from: number, to: number) => values.slice(from, to).reduce((a, b) => a + b, 0);

beforeAll(async () => {
  const promtool = requireTool('promtool');
  workDir = await mkdtemp(join(tmpdir(), 'sloop-backfill-'));
  const input = join(workDir, 'data.om');
  const dataDir = join(workDir, 'tsdb');
  await writeFile(input, openMetrics());
  await promisify(execFile)(promtool, ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', input, dataDir]);
  prometheus = await startPrometheus({ config: 'global:\n  scrape_interval: 1m\n', dataDir, retention: '30d' });
  source = createPrometheusQuerySource({ url: prometheus.url, timeoutMs: 5_000, maxPointsPerQuery: 50 });
});

afterAll(async () => {
  await prometheus?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('createPrometheusQuerySource against a real Prometheus', () => {
  it('returns good and total for the last hour from bad and total queries', async () => {
    const result = await source.queryWindow(sloWith({ type: 'events', bad: BAD, total: TOTAL }), 60, endMinute * 60_000);
    const total = sum(totalPerMinute, 120, 180);
    const bad = sum(badPerMinute, 120, 180);
    expect(result).toEqual({ good: expect.closeTo(total - bad, 6), total: expect.closeTo(total, 6) });
    expect(bad).toBeGreaterThan(0);
  });

  it('returns the same counts from a good query, for a window ending earlier', async () => {
    const at = (startMinute + 160) * 60_000;
    const result = await source.queryWindow(sloWith({ type: 'events', good: GOOD, total: TOTAL }), 30, at);
    const total = sum(totalPerMinute, 130, 160);
    expect(result).toEqual({
      good: expect.closeTo(total - sum(badPerMinute, 130, 160), 6),
      total: expect.closeTo(total, 6),
    });
  });

  it('returns the exact error ratio built into the data from an errorRatio query', async () => {
    const query = `${BAD.replace('increase', 'rate')} / ${TOTAL.replace('increase', 'rate')}`;
    const result = await source.queryWindow(sloWith({ type: 'errorRatio', query }), 20, (startMinute + 160) * 60_000);
    expect(result).toEqual({ errorRatio: expect.closeTo(sum(badPerMinute, 140, 160) / sum(totalPerMinute, 140, 160), 12) });
  });

  it('reports no data as errorRatio null and zero events', async () => {
    const before = (startMinute - 60) * 60_000;
    expect(await source.queryWindow(sloWith({ type: 'errorRatio', query: BAD }), 5, before)).toEqual({ errorRatio: null });
    expect(await source.queryWindow(sloWith({ type: 'events', bad: BAD, total: TOTAL }), 5, before)).toEqual({ good: 0, total: 0 });
  });

  it('fetches per-minute increases for every minute, across several query_range calls', async () => {
    const counts = await source.fetchMinuteCounts(sloWith({ type: 'events', bad: BAD, total: TOTAL }), startMinute - 10, endMinute + 10);
    expect(counts.map((c) => c.minute)).toEqual(Array.from({ length: MINUTES }, (_, i) => startMinute + i));
    counts.forEach((c, i) => {
      expect(c.total).toBeCloseTo(totalPerMinute[i], 6);
      expect(c.good).toBeCloseTo(totalPerMinute[i] - badPerMinute[i], 6);
    });
  });

  it('passes Prometheus\'s parse error through as an InputError', async () => {
    const slo = sloWith({ type: 'events', bad: BAD, total: 'sum(rate(http_requests_total[{{.window}}]' });
    await expect(source.queryWindow(slo, 5, endMinute * 60_000)).rejects.toSatisfy(
      (err: unknown) => err instanceof InputError && /Prometheus rejected the query: .*parse error/.test(err.message),
    );
  });

  it('refuses SLOs without Prometheus queries and per-minute counts for errorRatio SLOs', async () => {
    await expect(source.queryWindow(sloWith(undefined), 5, endMinute * 60_000)).rejects.toThrow(/has no sli.prometheus queries/);
    await expect(source.fetchMinuteCounts(sloWith({ type: 'errorRatio', query: BAD }), startMinute, endMinute)).rejects.toThrow(
      /uses an errorRatio query/,
    );
  });
});
