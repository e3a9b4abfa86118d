import { describe, expect, it } from 'vitest';
import { formatBurn, formatExact, formatObjective, formatPercent, formatRelative, formatSloWindow, formatThreshold } from './format.js';

const T = Date.parse('2026-11-27T12:00:00Z');

describe('console formatting', () => {
  it('names the viewer time zone in exact times', () => {
    expect(formatExact(T, 'Europe/Berlin')).toBe('27 Nov 2026, 13:00:00 CET');
    expect(formatExact(T, 'UTC')).toBe('27 Nov 2026, 12:00:00 UTC');
  });

  it('says relative times in words', () => {
    expect(formatRelative(T - 20_000, T)).toBe('just now');
    expect(formatRelative(T - 12 * 60_000, T)).toBe('12 min ago');
    expect(formatRelative(T - 5 * 3_600_000, T)).toBe('5 h ago');
    expect(formatRelative(T + 3 * 86_400_000, T)).toBe('in 3 d');
  });

  it('formats budgets, objectives, burn rates and thresholds', () => {
    expect(formatPercent(-0.4212)).toBe('-42.1%');
    expect(formatObjective(0.9995)).toBe('99.95%');
    expect(formatObjective(0.99)).toBe('99%');
    expect(formatBurn(null)).toBe('–');
    expect(formatBurn(0.034)).toBe('0.03×');
    expect(formatBurn(14.28)).toBe('14×');
    expect(formatBurn(2.345)).toBe('2.3×');
    expect(formatThreshold(13.44)).toBe('13.44×');
    expect(formatSloWindow({ type: 'rolling', minutes: 40320 })).toBe('rolling 28d');
    expect(formatSloWindow({ type: 'calendar', unit: 'month', timeZone: 'Europe/Berlin' })).toBe('calendar month (Europe/Berlin)');
  });
});
