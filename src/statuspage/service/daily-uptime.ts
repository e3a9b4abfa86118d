/**
 * Per-day good/total per SLO for the uptime bars, read from the store's minute counts and
 * cached by UTC day: a finished day is read once after it ended and kept, today's bar is
 * re-read after `todayTtlMs`. A page view after warm-up therefore costs one small range query
 * per SLO (today's minutes), not 90 days. Data backfilled into a finished day shows after a
 * restart or `clear()`.
 */
import type { MinuteCount } from '../../store/store.js';
import { MS_PER_MINUTE } from '../../slo/math/index.js';
import { utcDayStart, type DailyCounts, type SloDaily } from '../uptime.js';

const DAY_MS = 86_400_000;

export interface MinuteCountsReader {
  readCounts(slo: string, fromMinute: number, toMinuteExclusive: number): Promise<MinuteCount[]>;
}

export interface DailyUptimeOptions {
  todayTtlMs?: number;
}

interface CachedDay {
  counts: DailyCounts;
  readAt: number;
}

export class DailyUptimeCache {
  readonly #reader: MinuteCountsReader;
  readonly #todayTtlMs: number;
  readonly #bySlo = new Map<string, Map<number, CachedDay>>();
  /** Store queries made, and the days they covered (for tests and metrics). */
  readonly stats = { queries: 0, daysRead: 0 };

  constructor(reader: MinuteCountsReader, options: DailyUptimeOptions = {}) {
    this.#reader = reader;
    this.#todayTtlMs = options.todayTtlMs ?? 30_000;
  }

  async sloDaily(slo: string, objective: number, now: number, days: number): Promise<SloDaily> {
    const today = utcDayStart(now);
    const first = today - (days - 1) * DAY_MS;
    const cache = this.#bySlo.get(slo) ?? new Map<number, CachedDay>();
    this.#bySlo.set(slo, cache);
    for (const day of cache.keys()) if (day < first) cache.delete(day);
    const stale = (day: number): boolean => {
      const hit = cache.get(day);
      if (!hit) return true;
      // A past day read while it was still today holds a partial count; read after it ended, it is final.
      if (day < today) return hit.readAt < day + DAY_MS;
      return now - hit.readAt >= this.#todayTtlMs;
    };
    let from: number | null = null;
    for (let day = first; day <= today; day += DAY_MS) {
      if (stale(day)) {
        from = day;
        break;
      }
    }
    if (from !== null) await this.#read(slo, cache, from, today + DAY_MS, now);
    const out: DailyCounts[] = [];
    for (let day = first; day <= today; day += DAY_MS) out.push(cache.get(day)!.counts);
    return { objective, days: out };
  }

  /** Drops everything, e.g. after a config reload renamed SLOs. */
  clear(): void {
    this.#bySlo.clear();
  }

  async #read(slo: string, cache: Map<number, CachedDay>, from: number, to: number, now: number): Promise<void> {
    this.stats.queries += 1;
    const rows = await this.#reader.readCounts(slo, from / MS_PER_MINUTE, to / MS_PER_MINUTE);
    const sums = new Map<number, DailyCounts>();
    for (let day = from; day < to; day += DAY_MS) sums.set(day, { dayStartMs: day, good: 0, total: 0 });
    for (const row of rows) {
      const day = sums.get(utcDayStart(row.minute * MS_PER_MINUTE))!;
      day.good += row.good;
      day.total += row.total;
    }
    for (const [day, counts] of sums) cache.set(day, { counts, readAt: now });
    this.stats.daysRead += sums.size;
  }
}
