import { describe, expect, it } from 'vitest';
import { alertNameFor, defaultBurnRateWindows, deriveFactor, maxBurnRate } from './policy.js';

describe('default burn-rate policy', () => {
  it('derives the workbook factors for a 30-day period', () => {
    const factors = defaultBurnRateWindows({ type: 'rolling', minutes: 30 * 1440 }).map((w) => w.factor);
    expect(factors.map((f) => +f.toFixed(3))).toEqual([14.4, 6, 3, 1]);
  });

  it('derives scaled factors for the 28-day default period', () => {
    const factors = defaultBurnRateWindows({ type: 'rolling', minutes: 28 * 1440 }).map((w) => w.factor);
    expect(factors.map((f) => +f.toFixed(3))).toEqual([13.44, 5.6, 2.8, 0.933]);
  });

  it('says 2% of a 30-day budget in one hour is a burn rate of 14.4', () => {
    expect(deriveFactor(2, 30 * 1440, 60)).toBeCloseTo(14.4, 10);
  });

  it('caps the burn rate at 1/(1-objective)', () => {
    expect(maxBurnRate(0.999)).toBeCloseTo(1000, 6);
    expect(maxBurnRate(0.9)).toBeCloseTo(10, 10);
  });

  it('turns SLO names into valid alert names', () => {
    expect(alertNameFor('checkout-availability')).toBe('CheckoutAvailability');
    expect(alertNameFor('99-latency')).toBe('Slo99Latency');
  });
});
