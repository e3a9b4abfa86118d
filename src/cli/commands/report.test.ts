import { describe, expect, it } from 'vitest';
import { SHOP_SCENARIO } from '../../../examples/data/generate.js';
import { runCli } from '../../../test/support/cli.js';

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
  const { code, out } = await runCli('report', '--config', CONFIG, '--data', DATA, '--json', ...extra);
  expect(code).toBe(0);
  return JSON.parse(out) as { at: string; slos: JsonSlo[] };
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
