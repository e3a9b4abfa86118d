import { describe, expect, it } from 'vitest';
import { MinuteCounts } from '../slo/math/index.js';
import { componentUptime, dailyCountsFromMinutes, formatPercent, uptimeLevel } from './uptime.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 27, 12, 0);
const TODAY = Date.UTC(2026, 10, 27);

describe('uptime bars from SLI data', () => {
  it('sums minute counts into UTC days, today partly elapsed', () => {
    // Three days of 10 events a minute, with 60 bad minutes (all events failing) yesterday.
    const start = (TODAY - 2 * DAY) / 60_000;
    const minutes = 2 * 1440 + 12 * 60;
    const good = new Float64Array(minutes).fill(10);
    const total = new Float64Array(minutes).fill(10);
    for (let m = 1440 + 600; m < 1440 + 660; m++) good[m] = 0;
    const days = dailyCountsFromMinutes(MinuteCounts.fromSeries(start, good, total), NOW, 3);
    expect(days).toEqual([
      { dayStartMs: TODAY - 2 * DAY, good: 14_400, total: 14_400 },
      { dayStartMs: TODAY - DAY, good: 14_400 - 600, total: 14_400 },
      { dayStartMs: TODAY, good: 7_200, total: 7_200 },
    ]);
  });

  it('grades each day against the objective and writes a tooltip', () => {
    expect(uptimeLevel(0.9995, 0.999)).toBe('operational');
    expect(uptimeLevel(0.995, 0.999)).toBe('degraded');
    expect(uptimeLevel(0.98, 0.999)).toBe('outage');
    expect(uptimeLevel(null, 0.999)).toBe('nodata');
    const uptime = componentUptime([{ objective: 0.999, days: [{ dayStartMs: TODAY, good: 9_970, total: 10_000 }] }], NOW, 2);
    expect(uptime.days).toEqual([
      { date: '2026-11-26', level: 'nodata', sli: null, good: 0, total: 0, label: '2026-11-26: no data' },
      { date: '2026-11-27', level: 'degraded', sli: 0.997, good: 9_970, total: 10_000, label: '2026-11-27: 99.70% good of 10,000 events (degraded; objective 99.90%)' },
    ]);
    expect(uptime.percent).toBe(0.997);
  });

  it('shows the worst SLO of a component each day', () => {
    const a = { objective: 0.99, days: [{ dayStartMs: TODAY, good: 999, total: 1000 }] };
    const b = { objective: 0.999, days: [{ dayStartMs: TODAY, good: 90, total: 100 }] };
    const day = componentUptime([a, b], NOW, 1).days[0]!;
    expect([day.level, day.total]).toEqual(['outage', 100]);
  });

  it('never rounds up to a perfect 100%', () => {
    expect(formatPercent(0.99999)).toBe('99.99%');
    expect(formatPercent(1)).toBe('100.00%');
  });
});
