/**
 * Compact per-minute counts for the server: minute resolution for the recent hours that
 * short alert windows read, hour resolution for the rest of the window. A 28-day SLO then
 * needs ~18 KB instead of ~650 KB, so 10,000 SLOs fit in a few hundred MiB.
 *
 * Sums whose start lies in the minute tier are exact. Sums reaching further back (1d and 3d
 * alert windows, the 28-day budget) are exact except at their oldest hour, which is
 * pro-rated: the error is bounded by the events of that one edge hour and is zero when
 * traffic within the hour is even. Both tiers are the SLO engine's MinuteCounts (prefix sums),
 * so every sum stays O(1).
 */
import { MinuteCounts, type MinuteCountsView, type WindowCounts } from '../slo/math/minute-counts.js';
import type { SliceTally } from '../slo/math/slices.js';

const HOUR = 60;

/** What the evaluator needs from a per-SLO counts structure. */
export interface LiveCounts extends MinuteCountsView {
  readonly capacityMinutes: number;
  add(minute: number, good: number, total: number): boolean;
}

export class TieredCounts implements LiveCounts {
  readonly capacityMinutes: number;
  private readonly recent: MinuteCounts;
  private readonly hours: MinuteCounts;
  private first: number | null = null;
  private last: number | null = null;
  private lastWithData: number | null = null;
  /** End (exclusive minute) of data added per hour only, which the minute tier does not hold. */
  private hourOnlyUntil = Number.NEGATIVE_INFINITY;
  private readonly scratch: WindowCounts = { good: 0, total: 0 };

  /** `recentMinutes`: how far back sums are exact at minute resolution. */
  constructor(capacityMinutes: number, recentMinutes: number) {
    this.capacityMinutes = capacityMinutes;
    this.recent = new MinuteCounts(Math.max(2, Math.min(recentMinutes, capacityMinutes)));
    this.hours = new MinuteCounts(Math.ceil(capacityMinutes / HOUR) + 2);
  }

  get firstMinute(): number | null {
    return this.first;
  }
  get lastMinute(): number | null {
    return this.last;
  }
  get lastMinuteWithData(): number | null {
    return this.lastWithData;
  }

  add(minute: number, good: number, total: number): boolean {
    if (this.last !== null && minute <= this.last - this.capacityMinutes) return false;
    this.hours.add(Math.floor(minute / HOUR), good, total);
    // Too old for the minute tier is fine: the hour tier has it.
    this.recent.add(minute, good, total);
    if (this.first === null || minute < this.first) this.first = minute;
    if (this.last === null || minute > this.last) this.last = minute;
    if (total > 0 && (this.lastWithData === null || minute > this.lastWithData)) this.lastWithData = minute;
    return true;
  }

  /**
   * Adds a whole hour's sums to the hour tier only (warming from the store's hourly read).
   * `firstMinute`/`lastMinute` are the hour's oldest and newest minute with data. Hours must
   * lie before every minute added with `add` that the minute tier still needs: sums below the
   * end of the latest such hour come from the hour tier.
   */
  addHour(hour: number, firstMinute: number, lastMinute: number, good: number, total: number): boolean {
    if (this.last !== null && lastMinute <= this.last - this.capacityMinutes) return false;
    this.hours.add(hour, good, total);
    this.hourOnlyUntil = Math.max(this.hourOnlyUntil, (hour + 1) * HOUR);
    if (this.first === null || firstMinute < this.first) this.first = firstMinute;
    if (this.last === null || lastMinute > this.last) this.last = lastMinute;
    if (total > 0 && (this.lastWithData === null || lastMinute > this.lastWithData)) this.lastWithData = lastMinute;
    return true;
  }

  /** First minute of the minute tier, rounded up to a whole hour (exact below: hours). */
  private boundary(): number {
    const recentLast = this.recent.lastMinute;
    if (recentLast === null) return Number.POSITIVE_INFINITY;
    const oldestExact = recentLast - this.recent.capacityMinutes + 1;
    return Math.max(Math.ceil(oldestExact / HOUR) * HOUR, this.hourOnlyUntil);
  }

  /** Sum over [from, to) from the hour tier, pro-rating partial hours at either edge. */
  private hourSum(from: number, to: number, out: WindowCounts): void {
    const h = this.hours;
    const s = this.scratch;
    const fromHour = Math.floor(from / HOUR);
    const toHour = Math.floor(to / HOUR);
    // The hour holding the first minute ever added only has data from that minute on.
    const dataStart = Math.max(fromHour * HOUR, this.first!);
    if (fromHour === toHour) {
      h.sumInto(fromHour, fromHour + 1, s);
      const share = (to - from) / (HOUR * (fromHour + 1) - dataStart);
      out.good += s.good * share;
      out.total += s.total * share;
      return;
    }
    h.sumInto(fromHour, fromHour + 1, s);
    const head = (HOUR * (fromHour + 1) - from) / (HOUR * (fromHour + 1) - dataStart);
    out.good += s.good * head;
    out.total += s.total * head;
    h.sumInto(fromHour + 1, toHour, s);
    out.good += s.good;
    out.total += s.total;
    if (to > toHour * HOUR) {
      h.sumInto(toHour, toHour + 1, s);
      const tail = (to - toHour * HOUR) / HOUR;
      out.good += s.good * tail;
      out.total += s.total * tail;
    }
  }

  sumInto(fromMinute: number, toMinuteExclusive: number, out: WindowCounts): WindowCounts {
    out.good = 0;
    out.total = 0;
    if (this.first === null || toMinuteExclusive <= fromMinute) return out;
    const boundary = this.boundary();
    const from = Math.max(fromMinute, this.first);
    if (from >= boundary || from >= toMinuteExclusive) {
      if (from < toMinuteExclusive) this.recent.sumInto(from, toMinuteExclusive, out);
      return out;
    }
    this.hourSum(from, Math.min(toMinuteExclusive, boundary), out);
    if (toMinuteExclusive > boundary) {
      const good = out.good;
      const total = out.total;
      this.recent.sumInto(boundary, toMinuteExclusive, out);
      out.good += good;
      out.total += total;
    }
    return out;
  }

  sum(fromMinute: number, toMinuteExclusive: number): WindowCounts {
    return this.sumInto(fromMinute, toMinuteExclusive, { good: 0, total: 0 });
  }

  slices(): SliceTally {
    throw new Error('timeslice budgets need minute-resolution counts; the counts cache gives those SLOs MinuteCounts');
  }
}
