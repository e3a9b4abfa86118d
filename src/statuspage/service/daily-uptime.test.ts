import { describe, expect, it } from 'vitest';
import type { MinuteCount } from '../../store/store.js';
import { DailyUptimeCache, type MinuteCountsReader } from './daily-uptime.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 27, 12, 0);
const TODAY = Math.floor(NOW / DAY) * DAY;

/** One sample per day at 06:00 (10 bad of 100), plus reads recorded as [fromDay, toDay) offsets from today. */
function reader(): MinuteCountsReader & { reads: Array<[number, number]> } {
  const reads: Array<[number, number]> = [];
  return {
    reads,
    async readCounts(_slo, from, to): Promise<MinuteCount[]> {
      reads.push([(from * 60_000 - TODAY) / DAY, (to * 60_000 - TODAY) / DAY]);
      const out: MinuteCount[] = [];
      for (let day = Math.ceil((from * 60_000) / DAY) * DAY; day < to * 60_000; day += DAY) {
        const minute = (day + 6 * 3_600_000) / 60_000;
        if (minute < to && day + 6 * 3_600_000 <= NOW + 3 * DAY) out.push({ minute, good: 90, total: 100 });
      }
      return out;
    },
  };
}

describe('daily uptime cache', () => {
  it('sums minute counts per UTC day, oldest first, today last', async () => {
    const cache = new DailyUptimeCache(reader());
    const daily = await cache.sloDaily('login', 0.999, NOW, 3);
    expect(daily).toEqual({ objective: 0.999, days: [0, 1, 2].map((i) => ({ dayStartMs: TODAY - (2 - i) * DAY, good: 90, total: 100 })) });
  });

  it('reads the whole range once, then only today after the today TTL', async () => {
    const r = reader();
    const cache = new DailyUptimeCache(r, { todayTtlMs: 30_000 });
    await cache.sloDaily('login', 0.999, NOW, 90);
    await cache.sloDaily('login', 0.999, NOW + 10_000, 90);
    await cache.sloDaily('login', 0.999, NOW + 60_000, 90);
    expect(r.reads).toEqual([[-89, 1], [0, 1]]);
    expect(cache.stats).toEqual({ queries: 2, daysRead: 91 });
  });

  it('re-reads yesterday once after midnight, since it was cached while still today', async () => {
    const r = reader();
    const cache = new DailyUptimeCache(r);
    await cache.sloDaily('login', 0.999, NOW, 90);
    await cache.sloDaily('login', 0.999, NOW + DAY, 90);
    expect(r.reads).toEqual([[-89, 1], [0, 2]]);
  });
});
