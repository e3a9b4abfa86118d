import { describe, expect, it } from 'vitest';
import { SHOP_SCENARIO } from '../../../examples/data/generate.js';
import { runCli, runCliJson } from '../../../test/support/cli.js';

const CONFIG = 'examples/slos';
const DATA = 'examples/data/shop.csv';


interface JsonSlo {
  name: string;
  state: string;
  hasData: boolean;
  sli: number | null;
  errorBudget: { remaining: number; remainingMinutes: number; budgetMinutes: number; exhaustsInMinutes: number | null } | null;
  burnRates: { severity: string; long: string; short: string; longBurnRate: number; factor: number; exceeded: boolean }[];
}

async function reportJson(...extra: string[]): Promise<{ at: string; slos: JsonSlo[] }> {
  return runCliJson('report', '--config', CONFIG, '--data', DATA, '--json', ...extra);
}

describe('sloop report', () => {
  it('reports at the end of the data by default, with search on a ticket', async () => {
    const r = await reportJson();
    expect(r.at).toBe(new Date(SHOP_SCENARIO.start + SHOP_SCENARIO.days * 86_400_000).toISOString().replace('.000Z', 'Z'));
    const search = r.slos.find((s) => s.name === 'search-availability')!;
    expect(search.state).toBe('ticket');
    expect(search.burnRates.map((w) => `${w.severity} ${w.long}/${w.short}`)).toEqual(['page 1h/5m', 'page 6h/30m', 'ticket 1d/2h', 'ticket 3d/6h']);
    // The slow burn runs at 1.3x (0.65% errors against a 0.5% allowance).
    expect(search.burnRates[2]!.longBurnRate).toBeCloseTo(1.3, 1);
    expect(search.burnRates[3]!.exceeded).toBe(true);
    const b = search.errorBudget!;
    expect(b.budgetMinutes).toBeCloseTo(201.6, 9);
    expect(b.remainingMinutes).toBeCloseTo(b.remaining * 201.6, 9);
    expect(b.exhaustsInMinutes).toBeCloseTo((b.remaining * 40320) / 1.3, -2);
  });

  it('shows the page during the incident', async () => {
    const at = new Date(SHOP_SCENARIO.incident.start + 6 * 60_000).toISOString();
    const checkout = (await reportJson('--at', at)).slos.find((s) => s.name === 'checkout-availability')!;
    expect(checkout.state).toBe('page');
    expect(checkout.burnRates[0]!.exceeded).toBe(true);
  });

  it('lists PromQL SLOs as no data', async () => {
    const api = (await reportJson()).slos.find((s) => s.name === 'api-availability')!;
    expect(api).toMatchObject({ hasData: false, state: 'noData', errorBudget: null });
  });

  it('prints a readable table', async () => {
    const { code, out } = await runCli('report', '--config', CONFIG, '--data', DATA);
    expect(code).toBe(0);
    expect(out).toMatch(/SLO +OBJECTIVE +WINDOW +SLI +BUDGET LEFT +MINUTES LEFT +EXHAUSTS IN +STATE/);
    expect(out).toMatch(/search-availability +99\.5% +28d +99\.\d{3}% +\d+\.\d% +[\d.]+ of 201\.6 .* ticket/);
    expect(out).toMatch(/api-availability .* no data/);
  });
});

describe('sloop report with a composite SLO (examples/composite: pay-experience = availability x4 + latency x1)', () => {
  const args = ['report', '--config', 'examples/composite', '--data', 'examples/composite/pay.csv'];
  interface JsonComposite extends JsonSlo {
    composite?: true;
    components?: { slo: string; weight: number }[];
    objective: number;
  }
  async function composite(...extra: string[]): Promise<JsonComposite[]> {
    return (await runCliJson<{ slos: JsonComposite[] }>(...args, '--json', ...extra)).slos;
  }

  it('adds a row after its components with the weighted remaining budget', async () => {
    const slos = await composite();
    expect(slos.map((s) => s.name)).toEqual(['pay-experience-availability', 'pay-experience-latency', 'pay-experience']);
    const c = slos[2]!;
    expect(c).toMatchObject({
      composite: true,
      components: [
        { slo: 'pay-experience-availability', weight: 4 },
        { slo: 'pay-experience-latency', weight: 1 },
      ],
      objective: 99.72,
      hasData: true,
      state: 'ok',
    });
    // 240 minutes of 1,000 requests per component; latency fully failed for 10 minutes:
    // 10,000 / 240,000 = 4.17% errors against 1% = 4.1667 of its budget; availability spent 0.
    // Weighted: 4/5 x 0 + 1/5 x 4.1667 = 0.8333 consumed, 1/6 remaining.
    expect(c.errorBudget!.remaining).toBeCloseTo(1 / 6, 12);
    // (1 - 0.9972) x 40320 = 112.896 minutes of composite budget.
    expect(c.errorBudget!.budgetMinutes).toBeCloseTo(112.896, 9);
    // Last hour: latency 10,000 of 60,000 = 16.67x, weighted 1/5 = 3.33x.
    expect(c.burnRates[0]!.longBurnRate).toBeCloseTo(10 / 3, 12);
    expect(slos[1]!.state).toBe('exhausted');
    expect(slos[1]).not.toHaveProperty('composite');
  });

  it('does not page for the light component alone: at the end of the outage latency pages, the composite tickets', async () => {
    const slos = await composite('--at', '2026-03-02T03:30:00Z');
    expect(slos[1]!.state).toBe('page');
    const c = slos[2]!;
    // 1h: 1/5 x 16.67x = 3.33x and 5m: 1/5 x 100x = 20x, below/above 13.44x: no page.
    // 3d and 6h both cover all 210 minutes: 1/5 x (10,000 / 210,000) / 1% = 0.952x > 0.933x: ticket.
    expect(c.state).toBe('ticket');
    expect(c.burnRates[0]).toMatchObject({ exceeded: false });
    expect(c.burnRates[3]!.longBurnRate).toBeCloseTo(20 / 21, 12);
    // Remaining: 1 - 1/5 x (10,000 / 210,000) / 1% = 1 - 20/21 = 1/21.
    expect(c.errorBudget!.remaining).toBeCloseTo(1 / 21, 12);
  });

  it('prints the composite in both tables, marked as composite', async () => {
    const { code, out } = await runCli(...args);
    expect(code).toBe(0);
    expect(out).toMatch(/\npay-experience \(composite\) +99\.72% +28d +99\.167% +16\.7% +18\.8 of 112\.9 +\S.* +ok\n/);
    expect(out).toMatch(/\npay-experience \(composite\) +page +1h\/5m +3\.33x +0\.00x +13\.44x\n/);
  });

  it('reports a composite whose components have no data as no data, not 100%', async () => {
    const { code, out } = await runCli('report', '--config', 'test/fixtures/openslo/composite.yaml', '--config', 'examples/composite', '--data', 'examples/composite/pay.csv', '--json');
    expect(code).toBe(0);
    const buy = (JSON.parse(out) as { slos: JsonComposite[] }).slos.find((s) => s.name === 'buy-experience')!;
    expect(buy).toMatchObject({ composite: true, hasData: false, state: 'noData', errorBudget: null, sli: null });
    const text = await runCli('report', '--config', 'test/fixtures/openslo/composite.yaml', '--data', 'examples/composite/pay.csv');
    expect(text.out).toMatch(/buy-experience \(composite\) .* no data/);
  });
});
