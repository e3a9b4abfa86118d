import { describe, expect, it } from 'vitest';
import { backfillSamples, diurnalFactor, shopIncidents, SHOP_PROFILES, trafficBetween } from './traffic.js';

const T0 = Date.parse('2026-11-27T12:00:00Z');
const MIN = 60_000;
const checkout = SHOP_PROFILES.find((p) => p.slo === 'checkout-availability')!;

describe('demo traffic model', () => {
  it('is deterministic: the same minute always gives the same counts', () => {
    expect(trafficBetween(checkout, T0, T0 + MIN, [])).toEqual(trafficBetween(checkout, T0, T0 + MIN, []));
  });

  it('follows a daily cycle between about 10% and 100% of the peak', () => {
    const factors = Array.from({ length: 24 }, (_, h) => diurnalFactor(T0 + h * 60 * MIN));
    expect(Math.min(...factors)).toBeGreaterThanOrEqual(0.1);
    expect(Math.max(...factors)).toBeLessThanOrEqual(1);
    expect(Math.max(...factors) - Math.min(...factors)).toBeGreaterThan(0.8);
  });

  it('fails 35% of checkouts from two minutes after the start, and almost none before', () => {
    const incidents = shopIncidents(T0);
    const before = trafficBetween(checkout, T0, T0 + MIN, incidents);
    const during = trafficBetween(checkout, T0 + 5 * MIN, T0 + 6 * MIN, incidents);
    expect((before.total - before.good) / before.total).toBeLessThan(0.01);
    expect((during.total - during.good) / during.total).toBeCloseTo(0.35, 1);
  });

  it('backfills one sample per minute and SLO with good never above total', () => {
    const batches = backfillSamples(SHOP_PROFILES, T0 - 24 * 60 * MIN, T0, shopIncidents(T0));
    expect(batches).toHaveLength(4);
    for (const b of batches) {
      expect(b.samples).toHaveLength(24 * 60);
      expect(b.samples.every((s) => s.good <= s.total && Number.isInteger(s.good))).toBe(true);
    }
  });
});
