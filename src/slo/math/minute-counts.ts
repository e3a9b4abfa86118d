/**
 * Per-minute good/total counts for one SLO, stored as running (prefix) sums in a ring of
 * Float64Arrays, so the sum over ANY window is two array reads: evaluation cost does not grow
 * with window length. The same structure serves live evaluation (append minutes as data
 * arrives, memory bounded by `capacityMinutes`) and the backtest (`fromSeries` turns a whole
 * recorded series into prefix sums in one pass, in place).
 *
 * Minutes are whole minutes since the Unix epoch (`Math.floor(ms / 60000)`). Counts are
 * exact integers up to 2^53 in total, far beyond any realistic traffic over a window.
 */
import { SliceLedger, type SliceTally } from './slices.js';

export interface WindowCounts {
  good: number;
  total: number;
}

/** The read side that evaluation needs; the server may implement it over another store. */
export interface MinuteCountsView {
  /** Sums over minutes [fromMinute, toMinuteExclusive); minutes outside the data count zero. */
  sum(fromMinute: number, toMinuteExclusive: number): WindowCounts;
  /** Same as `sum` but writes into `out` (no allocation: the replay hot path). */
  sumInto(fromMinute: number, toMinuteExclusive: number, out: WindowCounts): WindowCounts;
  /** Timeslice tallies over slices whose start lies in [fromMinute, toMinuteExclusive). */
  slices(fromMinute: number, toMinuteExclusive: number, sliceMinutes: number, sliceTarget: number): SliceTally;
  /** First minute ever added (null when empty): windows before it have no data, not zeros. */
  readonly firstMinute: number | null;
  /** Newest minute added (null when empty). */
  readonly lastMinute: number | null;
  /** Newest minute with at least one event (null when none). */
  readonly lastMinuteWithData: number | null;
}

export class MinuteCounts implements MinuteCountsView {
  /** Minutes kept; sums reaching further back are truncated to what is kept. */
  readonly capacityMinutes: number;
  private readonly cumGood: Float64Array;
  private readonly cumTotal: Float64Array;
  /** Minute stored at ring index 0 (the first minute ever added). */
  private origin = 0;
  private first: number | null = null;
  private last: number | null = null;
  private lastWithData: number | null = null;
  private readonly ledgers = new Map<string, SliceLedger>();

  /** `capacityMinutes`: the longest window evaluated plus a margin for late data. */
  constructor(capacityMinutes: number) {
    if (!Number.isInteger(capacityMinutes) || capacityMinutes < 2) {
      throw new RangeError(`capacityMinutes must be an integer >= 2, got ${capacityMinutes}`);
    }
    this.capacityMinutes = capacityMinutes;
    this.cumGood = new Float64Array(capacityMinutes);
    this.cumTotal = new Float64Array(capacityMinutes);
  }

  /**
   * Replay fast path: takes OWNERSHIP of per-minute arrays (index 0 = `startMinute`) and turns
   * them into prefix sums in place. The result covers exactly the series; nothing is evicted.
   */
  static fromSeries(startMinute: number, good: Float64Array, total: Float64Array): MinuteCounts {
    if (good.length !== total.length) throw new RangeError('good and total series differ in length');
    const counts = Object.create(MinuteCounts.prototype) as MinuteCounts;
    const length = Math.max(good.length, 2);
    const g = good.length >= 2 ? good : padTo2(good);
    const t = total.length >= 2 ? total : padTo2(total);
    let runG = 0;
    let runT = 0;
    let lastWithData: number | null = null;
    for (let i = 0; i < g.length; i++) {
      if (t[i]! > 0) lastWithData = startMinute + i;
      runG += g[i]!;
      runT += t[i]!;
      g[i] = runG;
      t[i] = runT;
    }
    Object.assign(counts, {
      capacityMinutes: length,
      origin: startMinute,
      cumGood: g,
      cumTotal: t,
      first: startMinute,
      last: startMinute + length - 1,
      lastWithData,
      ledgers: new Map(),
    });
    return counts;
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

  private slot(minute: number): number {
    const s = (minute - this.origin) % this.capacityMinutes;
    return s < 0 ? s + this.capacityMinutes : s;
  }

  /**
   * Adds events to `minute` (summing with what is there). Appending is O(1) amortised; a late
   * minute costs O(minutes since it). Returns false, changing nothing, when the minute is older
   * than the capacity keeps.
   */
  add(minute: number, good: number, total: number): boolean {
    const cap = this.capacityMinutes;
    if (this.first === null || this.last === null) {
      this.origin = minute;
      this.first = minute;
      this.last = minute;
      this.cumGood[this.slot(minute)] = good;
      this.cumTotal[this.slot(minute)] = total;
    } else if (minute > this.last) {
      const prevG = this.cumGood[this.slot(this.last)]!;
      const prevT = this.cumTotal[this.slot(this.last)]!;
      // Carry the running sum over the gap (at most one full ring is worth writing).
      for (let m = Math.max(this.last + 1, minute - cap + 1); m < minute; m++) {
        this.cumGood[this.slot(m)] = prevG;
        this.cumTotal[this.slot(m)] = prevT;
      }
      this.cumGood[this.slot(minute)] = prevG + good;
      this.cumTotal[this.slot(minute)] = prevT + total;
      this.last = minute;
    } else {
      if (minute <= this.last - cap) return false;
      if (minute < this.first) {
        // Earlier than anything seen but still within the ring: zero-fill up to the old start.
        for (let m = minute; m < this.first; m++) {
          this.cumGood[this.slot(m)] = 0;
          this.cumTotal[this.slot(m)] = 0;
        }
        this.first = minute;
      }
      for (let m = minute; m <= this.last; m++) {
        this.cumGood[this.slot(m)] += good;
        this.cumTotal[this.slot(m)] += total;
      }
    }
    if (total > 0 && (this.lastWithData === null || minute > this.lastWithData)) this.lastWithData = minute;
    for (const ledger of this.ledgers.values()) ledger.invalidateFrom(minute);
    return true;
  }

  sumInto(fromMinute: number, toMinuteExclusive: number, out: WindowCounts): WindowCounts {
    // Hot path (10 calls per evaluation): slot indexes are computed first and the four reads
    // done here, so no intermediate double is boxed.
    if (this.first === null || toMinuteExclusive <= fromMinute) {
      out.good = 0;
      out.total = 0;
      return out;
    }
    const hi = this.slotAtOrBefore(toMinuteExclusive - 1);
    const lo = this.slotAtOrBefore(fromMinute - 1);
    const g = this.cumGood;
    const t = this.cumTotal;
    out.good = (hi < 0 ? 0 : g[hi]!) - (lo < 0 ? 0 : g[lo]!);
    out.total = (hi < 0 ? 0 : t[hi]!) - (lo < 0 ? 0 : t[lo]!);
    return out;
  }

  /**
   * Ring slot holding the running sum through `minute`, clamped to the stored range; -1 means
   * zero (before the first minute). Once minutes were evicted, sums start after the oldest kept.
   */
  private slotAtOrBefore(minute: number): number {
    const first = this.first!;
    const last = this.last!;
    const oldest = last - this.capacityMinutes + 1 > first ? last - this.capacityMinutes + 1 : first;
    if (minute < oldest) return oldest === first ? -1 : this.slot(oldest);
    return this.slot(minute > last ? last : minute);
  }

  sum(fromMinute: number, toMinuteExclusive: number): WindowCounts {
    return this.sumInto(fromMinute, toMinuteExclusive, { good: 0, total: 0 });
  }

  slices(fromMinute: number, toMinuteExclusive: number, sliceMinutes: number, sliceTarget: number): SliceTally {
    const key = `${sliceMinutes}/${sliceTarget}`;
    let ledger = this.ledgers.get(key);
    if (!ledger) {
      ledger = new SliceLedger(this, sliceMinutes, sliceTarget, Math.ceil(this.capacityMinutes / sliceMinutes) + 2);
      this.ledgers.set(key, ledger);
    }
    return ledger.tally(fromMinute, toMinuteExclusive);
  }
}


function padTo2(a: Float64Array): Float64Array {
  const out = new Float64Array(2);
  out.set(a);
  return out;
}
