import { describe, expect, it } from 'vitest';
import type { CompositeSummary, SloSummary } from '../api/types.js';
import { COMPOSITES_GROUP, currentBurn, groupSlos, isComposite, matchesFilter } from './overview.js';

function slo(name: string, over: Partial<SloSummary> & { remaining?: number; burn1h?: number } = {}): SloSummary {
  const { remaining = 0.5, burn1h = 0.5, ...rest } = over;
  return {
    name,
    service: 'shop',
    objective: 0.999,
    window: { type: 'rolling', minutes: 40320 },
    sli: { kind: 'ratio', source: 'push' },
    budget: { remainingFraction: remaining, remainingMinutes: 0, totalMinutes: 40, good: 0, total: 0, sli: null },
    burnRates: [
      { window: '5m', minutes: 5, burnRate: 0, total: 10 },
      { window: '1h', minutes: 60, burnRate: burn1h, total: 100 },
    ],
    alerts: [],
    status: 'ok',
    lastDataAt: null,
    evaluatedAt: 0,
    ...rest,
  };
}

describe('overview grouping', () => {
  it('takes the 1h burn rate as the current one, or the shortest window with events', () => {
    expect(currentBurn(slo('a', { burn1h: 3 }))).toEqual({ window: '1h', burnRate: 3 });
    const noHour = slo('b', { burnRates: [{ window: '30m', minutes: 30, burnRate: 2, total: 5 }, { window: '6h', minutes: 360, burnRate: 1, total: 50 }] });
    expect(currentBurn(noHour)).toEqual({ window: '30m', burnRate: 2 });
    expect(currentBurn(slo('c', { burnRates: [{ window: '1h', minutes: 60, burnRate: 0, total: 0 }] }))).toBeNull();
  });

  it('filters burning, exhausted and paging SLOs', () => {
    const calm = slo('calm');
    const burning = slo('burning', { burn1h: 2 });
    const exhausted = slo('exhausted', { remaining: -0.1, status: 'exhausted' });
    const paging = slo('paging', { status: 'page', alerts: [{ kind: 'page', firing: true, since: 0, burnRates: {} }] });
    const all = [calm, burning, exhausted, paging];
    expect(all.filter((s) => matchesFilter(s, 'burning')).map((s) => s.name)).toEqual(['burning', 'paging']);
    expect(all.filter((s) => matchesFilter(s, 'exhausted')).map((s) => s.name)).toEqual(['exhausted']);
    expect(all.filter((s) => matchesFilter(s, 'paging')).map((s) => s.name)).toEqual(['paging']);
  });

  it('groups by service then journey and sorts SLOs and groups by budget remaining', () => {
    const slos = [
      slo('a', { service: 'api', remaining: 0.9 }),
      slo('b', { service: 'shop', journey: 'checkout', remaining: 0.2 }),
      slo('c', { service: 'shop', journey: 'checkout', remaining: -0.5 }),
      slo('d', { service: 'shop', journey: 'login', remaining: 0.7 }),
    ];
    const lowest = groupSlos(slos, 'all', 'budget-asc');
    expect(lowest.map((g) => g.service)).toEqual(['shop', 'api']);
    expect(lowest[0]!.journeys.map((j) => [j.journey, j.slos.map((s) => s.name)])).toEqual([
      ['checkout', ['c', 'b']],
      ['login', ['d']],
    ]);
    const highest = groupSlos(slos, 'all', 'budget-desc');
    expect(highest.map((g) => g.service)).toEqual(['api', 'shop']);
    expect(highest[1]!.journeys[0]!.slos.map((s) => s.name)).toEqual(['d']);
    expect(groupSlos(slos, 'exhausted', 'budget-asc').map((g) => g.count)).toEqual([1]);
  });

  it('shows a composite in its service group (not in a journey) and one without a service under Composites', () => {
    const composite = (name: string, over: Partial<CompositeSummary> = {}): CompositeSummary => ({
      name,
      composite: true,
      service: 'shop',
      objective: 0.9972,
      window: { type: 'rolling', minutes: 40320 },
      components: [{ slo: 'b', weight: 4, share: 1, consumed: 0.5 }],
      budget: { remainingFraction: 0.5, remainingMinutes: 50, totalMinutes: 100, good: 9, total: 10, sli: 0.9 },
      burnRates: [{ window: '1h', minutes: 60, burnRate: 2, total: 10 }],
      alerts: [],
      status: 'ok',
      lastDataAt: null,
      evaluatedAt: 0,
      ...over,
    });
    const rows = [
      slo('a', { service: 'api', remaining: 0.9 }),
      slo('b', { service: 'shop', journey: 'checkout', remaining: 0.1 }),
      composite('shop-composite', { budget: { remainingFraction: 0.05, remainingMinutes: 5, totalMinutes: 100, good: 9, total: 10, sli: 0.9 } }),
      composite('orphan', { service: null, budget: null, burnRates: [], status: 'noData' }),
    ];
    expect(rows.map(isComposite)).toEqual([false, false, true, true]);
    const groups = groupSlos(rows, 'all', 'budget-asc');
    // The composite's 5% sorts the shop group first; the no-data composite sorts like a full budget.
    expect(groups.map((g) => g.service)).toEqual(['shop', 'api', COMPOSITES_GROUP]);
    expect(groups[0]!.journeys.map((j) => [j.journey, j.slos.map((s) => s.name)])).toEqual([
      [null, ['shop-composite']],
      ['checkout', ['b']],
    ]);
    expect(groups[2]!.journeys[0]!.slos.map((s) => s.name)).toEqual(['orphan']);
    // A composite burning at 2x counts as burning; one without data is not exhausted.
    expect(groupSlos(rows, 'burning', 'name').flatMap((g) => g.journeys.flatMap((j) => j.slos.map((s) => s.name)))).toEqual(['shop-composite']);
    expect(groupSlos(rows, 'exhausted', 'name')).toEqual([]);
  });

  it('groups 1,000 SLOs in a few milliseconds', () => {
    const many = Array.from({ length: 1000 }, (_, i) => slo(`slo-${i}`, { service: `svc-${i % 50}`, journey: `j-${i % 7}`, remaining: Math.sin(i) }));
    const started = performance.now();
    const groups = groupSlos(many, 'all', 'budget-asc');
    expect(performance.now() - started).toBeLessThan(50);
    expect(groups.reduce((n, g) => n + g.count, 0)).toBe(1000);
  });
});
