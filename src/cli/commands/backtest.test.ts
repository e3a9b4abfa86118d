import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHOP_SCENARIO } from '../../../examples/data/generate.js';
import { runCli, runCliJson } from '../../../test/support/cli.js';

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

describe('sloop backtest with a composite SLO (examples/composite: pay-experience = availability x4 + latency x1)', () => {
  const COMPOSITE_CONFIG = 'examples/composite';
  const COMPOSITE_DATA = 'examples/composite/pay.csv';
  interface JsonComposite extends JsonSlo {
    composite?: true;
    components?: { slo: string; weight: number }[];
    events?: { good: number; total: number };
  }
  async function slos(data = COMPOSITE_DATA): Promise<JsonComposite[]> {
    return (await runCliJson<{ slos: JsonComposite[] }>('backtest', '--config', COMPOSITE_CONFIG, '--data', data, '--json')).slos;
  }

  it('replays the composite from its components: weighted budget and alerts from weighted burn rates', async () => {
    const all = await slos();
    expect(all.map((s) => s.name)).toEqual(['pay-experience-availability', 'pay-experience-latency', 'pay-experience']);
    const c = all[2]!;
    expect(c.composite).toBe(true);
    expect(c.components).toEqual([
      { slo: 'pay-experience-availability', weight: 4 },
      { slo: 'pay-experience-latency', weight: 1 },
    ]);
    // Latency spent (10,000 / 240,000) / 1% = 4.1667 of its budget, availability 0:
    // 1/5 x 4.1667 = 0.8333 consumed, 1/6 remaining.
    expect(c.errorBudget!.remaining).toBeCloseTo(1 / 6, 12);
    // The replay (after the hour of warm-up) covers 180 minutes of both components.
    expect(c.events).toEqual({ good: 350_000, total: 360_000 });
    // The latency SLO pages on its own; the composite's 1h burn is only 1/5 of it (3.33x), so no
    // page. Its 3d and 6h windows both span all data: 1/5 x (k x 1000 / (t x 1000)) / 1% > 0.933x
    // first at t = 210 minutes (k = 10 failed minutes: 0.952x), and no longer at t = 215 (0.930x).
    expect(all[1]!.alerts.map((a) => a.severity)).toContain('page');
    expect(c.alerts).toEqual([
      {
        severity: 'ticket',
        firedAt: '2026-03-02T03:30:00Z',
        resolvedAt: '2026-03-02T03:35:00Z',
        reason: 'weighted 3d burn 0.95x and 6h burn 0.95x above 0.933x',
      },
    ]);
    expect(c.worstBurn).toEqual({ rate: expect.closeTo(10 / 3, 9) as number, window: '1h', at: '2026-03-02T03:30:00Z' });
  });

  it('prints the composite after its components', async () => {
    const { code, out } = await runCli('backtest', '--config', COMPOSITE_CONFIG, '--data', COMPOSITE_DATA);
    expect(code).toBe(0);
    expect(out).toContain(
      [
        'pay-experience  (composite, 99.72% over 28d)',
        '  components:  pay-experience-availability x4, pay-experience-latency x1',
        "  budget:      83.3% consumed, 16.7% remaining (weighted over the components' own budgets)",
      ].join('\n'),
    );
    expect(out.indexOf('pay-experience  (composite')).toBeGreaterThan(out.indexOf('pay-experience-latency  ('));
  });

  it('reads quoted SLO names (RFC 4180) to the same result', async () => {
    const path = join(dir, 'quoted.csv');
    const lines = readFileSync(COMPOSITE_DATA, 'utf8').trim().split('\n');
    writeFileSync(path, [lines[0], ...lines.slice(1).map((l) => l.replace(/,(pay-[a-z-]+),/, ',"$1",'))].join('\n') + '\n');
    expect(readFileSync(path, 'utf8')).toContain(',"pay-experience-latency",');
    expect(await slos(path)).toEqual(await slos());
  });

  it('reports a composite whose components have no data as no data', async () => {
    const { code, out } = await runCli('backtest', '--config', 'test/fixtures/openslo/composite.yaml', '--config', COMPOSITE_CONFIG, '--data', COMPOSITE_DATA, '--json');
    expect(code).toBe(0);
    const buy = (JSON.parse(out) as { slos: JsonComposite[] }).slos.find((s) => s.name === 'buy-experience')!;
    expect(buy).toMatchObject({ composite: true, hasData: false, alerts: [], errorBudget: null, worstBurn: null });
    const text = await runCli('backtest', '--config', 'test/fixtures/openslo/composite.yaml', '--data', COMPOSITE_DATA);
    expect(text.out).toContain('buy-experience  (composite, 99.6% over calendar quarter (Europe/Berlin))\n  components:  buy-experience-availability x2, buy-experience-latency x1\n  no data: the data file has no rows for any of its components');
  });
});
