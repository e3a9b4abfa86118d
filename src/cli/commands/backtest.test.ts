import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHOP_SCENARIO } from '../../../examples/data/generate.js';
import { runCli } from '../../../test/support/cli.js';

const CONFIG = 'examples/slos';
const DATA = 'examples/data/shop.csv';
const MIN = 60_000;


interface JsonAlert {
  severity: string;
  firedAt: string;
  resolvedAt: string | null;
}
interface JsonSlo {
  name: string;
  hasData: boolean;
  alerts: JsonAlert[];
  errorBudget: { remaining: number; remainingMinutes: number } | null;
  worstBurn: { rate: number; window: string; at: string } | null;
}

/** Sums good/total per SLO straight from the CSV, independently of the engine. */
function csvTotals(slo: string): { good: number; total: number } {
  let good = 0;
  let total = 0;
  for (const line of readFileSync(DATA, 'utf8').split('\n').slice(1)) {
    const [, name, g, t] = line.split(',');
    if (name === slo) ((good += Number(g)), (total += Number(t)));
  }
  return { good, total };
}

const dir = mkdtempSync(join(tmpdir(), 'sloop-backtest-'));

describe('sloop backtest', () => {
  it('pages within minutes of the example incident and resolves after it', async () => {
    const { code, out } = await runCli('backtest', '--config', CONFIG, '--data', DATA, '--json');
    expect(code).toBe(0);
    const slos = (JSON.parse(out) as { slos: JsonSlo[] }).slos;
    const checkout = slos.find((s) => s.name === 'checkout-availability')!;
    const pages = checkout.alerts.filter((a) => a.severity === 'page');
    expect(pages).toHaveLength(1);
    const { incident } = SHOP_SCENARIO;
    const firedAfter = Date.parse(pages[0]!.firedAt) - incident.start;
    expect(firedAfter).toBeGreaterThan(0);
    expect(firedAfter).toBeLessThanOrEqual(5 * MIN);
    expect(Date.parse(pages[0]!.resolvedAt!)).toBeGreaterThan(incident.start + incident.minutes * MIN);
    expect(pages[0]!.firedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // Worst burn is the incident's: 10 minutes of 15% errors in an hour against a 0.05% allowance,
    // 0.15 x 10/60 / 0.0005 = 50x over 1h.
    expect(checkout.worstBurn!.window).toBe('1h');
    expect(checkout.worstBurn!.rate).toBeGreaterThan(45);
    expect(checkout.worstBurn!.rate).toBeLessThan(60);
    expect(Math.abs(Date.parse(checkout.worstBurn!.at) - incident.start)).toBeLessThan(60 * MIN);
  });

  it('computes the remaining budget from the data (1 - error ratio / allowed ratio)', async () => {
    const { out } = await runCli('backtest', '--config', CONFIG, '--data', DATA, '--json');
    const slos = (JSON.parse(out) as { slos: JsonSlo[] }).slos;
    for (const [name, objective] of [['checkout-availability', 0.9995], ['search-availability', 0.995]] as const) {
      const { good, total } = csvTotals(name);
      const expected = 1 - (total - good) / total / (1 - objective);
      expect(slos.find((s) => s.name === name)!.errorBudget!.remaining).toBeCloseTo(expected, 9);
    }
  });

  it('tickets the slow search burn without paging, and still fires at the end', async () => {
    const { out } = await runCli('backtest', '--config', CONFIG, '--data', DATA, '--json');
    const search = (JSON.parse(out) as { slos: JsonSlo[] }).slos.find((s) => s.name === 'search-availability')!;
    expect(search.alerts.map((a) => a.severity)).toEqual(['ticket']);
    expect(Date.parse(search.alerts[0]!.firedAt)).toBeGreaterThan(SHOP_SCENARIO.slowBurn.start);
    expect(search.alerts[0]!.resolvedAt).toBeNull();
  });

  it('raises no-data 30 minutes into the login data gap', async () => {
    const { out } = await runCli('backtest', '--config', CONFIG, '--data', DATA, '--json');
    const login = (JSON.parse(out) as { slos: JsonSlo[] }).slos.find((s) => s.name === 'login-availability')!;
    expect(login.alerts).toEqual([
      {
        severity: 'noData',
        firedAt: new Date(SHOP_SCENARIO.dataGap.start + 30 * MIN).toISOString().replace('.000Z', 'Z'),
        resolvedAt: new Date(SHOP_SCENARIO.dataGap.start + (SHOP_SCENARIO.dataGap.minutes + 1) * MIN).toISOString().replace('.000Z', 'Z'),
        reason: 'no events for 30 minutes',
      },
    ]);
  });

  it('reports PromQL SLOs without data as "no data" instead of failing', async () => {
    const { code, out } = await runCli('backtest', '--config', CONFIG, '--data', DATA);
    expect(code).toBe(0);
    expect(out).toMatch(/api-availability .*\n {2}no data: the data file has no rows for this SLO \(its SLI is PromQL/);
    expect(out).toMatch(/page {12}fired 2026-03-05T14:0\d:00Z {2}resolved 2026-03-05T14:\d\d:00Z/);
  });

  it('replays only --from..--to', async () => {
    const from = new Date(SHOP_SCENARIO.incident.start + 2 * 60 * MIN).toISOString();
    const { code, out } = await runCli('backtest', '--config', CONFIG, '--data', DATA, '--from', from, '--json');
    expect(code).toBe(0);
    const parsed = JSON.parse(out) as { from: string; slos: JsonSlo[] };
    expect(parsed.from).toBe(from.replace('.000Z', 'Z'));
    expect(parsed.slos.find((s) => s.name === 'checkout-availability')!.alerts.some((a) => a.severity === 'page')).toBe(false);
  });

  it('names bad rows with their line and exits 1', async () => {
    const path = join(dir, 'bad.csv');
    writeFileSync(path, 'timestamp,slo,good,total\n2026-03-02T00:00:00Z,login-availability,9,10\n2026-03-02T00:01:00Z,login-availability,12,10\n2026-03-02T00:02:00Z,nobody,1,1\n');
    const { code, err, out } = await runCli('backtest', '--config', CONFIG, '--data', path);
    expect(code).toBe(1);
    expect(err).toContain(`${path}:3: good (12) is greater than total (10)`);
    expect(err).toContain('warning: nobody: 1 row(s) from line 4 name no SLO in the configuration');
    expect(out).toContain('login-availability');
  });

  it('exits 2 for an unreadable data file or config path, and for a bad --from', async () => {
    expect((await runCli('backtest', '--config', CONFIG, '--data', join(dir, 'missing.csv'))).code).toBe(2);
    const missingConfig = await runCli('backtest', '--config', join(dir, 'nope'), '--data', DATA);
    expect(missingConfig.code).toBe(2);
    expect(missingConfig.err).toMatch(/cannot read config .*nope/);
    const badFrom = await runCli('backtest', '--config', CONFIG, '--data', DATA, '--from', 'last tuesday');
    expect(badFrom.code).toBe(2);
    expect(badFrom.err).toContain('--from "last tuesday" is not a time');
  });

  it('exits 1 with file:line messages for config errors', async () => {
    const path = join(dir, 'bad.yaml');
    writeFileSync(path, 'apiVersion: sloop/v1\nservice: {name: x}\nslos:\n  - name: a\n    objective: 100\n');
    const { code, err } = await runCli('backtest', '--config', path, '--data', DATA);
    expect(code).toBe(1);
    expect(err).toContain(`${path}:5:`);
    expect(err).not.toMatch(/\n\s+at /); // no stack trace
  });
});
