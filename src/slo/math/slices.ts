/**
 * Timeslice budgeting (OpenSLO Timeslices and RatioTimeslices) in O(1) per query.
 *
 * Slices are aligned to the Unix epoch (slice k covers minutes [k*s, (k+1)*s)), so a rolling
 * window that moves by a minute keeps the same slices. A window counts the slices whose start
 * lies inside it; the newest one may be partly elapsed and is judged on its data so far.
 *
 * Empty slices (no events) count as GOOD for Timeslices, as OpenSLO and Nobl9 do: with no
 * traffic nobody was failed. RatioTimeslices averages only slices that had events, because a
 * slice without events has no ratio.
 *
 * The ledger keeps running totals per completed slice (bad slices, sum of ratios, slices with
 * data), computed lazily from the minute counts and recomputed from the earliest slice a late
 * `add` touched.
 */
import type { MinuteCountsView, WindowCounts } from './minute-counts.js';

export interface SliceTally {
  /** Slices whose start lies in the window. */
  slices: number;
  /** Slices with events whose ratio is below the slice target. */
  badSlices: number;
  /** Slices that had at least one event. */
  slicesWithData: number;
  /** Sum of good/total over the slices with data (RatioTimeslices = ratioSum / slicesWithData). */
  ratioSum: number;
}

export class SliceLedger {
  private readonly cumBad: Float64Array;
  private readonly cumRatio: Float64Array;
  private readonly cumWithData: Float64Array;
  /** Slice index whose running totals sit in ring slot 0 (first slice computed). */
  private origin: number | null = null;
  /** Last slice whose running totals are valid; < origin when none are. */
  private validThrough = -Infinity;
  private seenFirstMinute: number | null = null;
  private readonly scratch: WindowCounts = { good: 0, total: 0 };

  constructor(
    private readonly counts: MinuteCountsView,
    readonly sliceMinutes: number,
    readonly sliceTarget: number,
    private readonly capacitySlices: number,
  ) {
    if (!Number.isInteger(sliceMinutes) || sliceMinutes < 1) throw new RangeError(`sliceMinutes must be a positive integer, got ${sliceMinutes}`);
    this.cumBad = new Float64Array(capacitySlices);
    this.cumRatio = new Float64Array(capacitySlices);
    this.cumWithData = new Float64Array(capacitySlices);
  }

  /** A late write to `minute` changes its slice and every running total after it. */
  invalidateFrom(minute: number): void {
    const k = Math.floor(minute / this.sliceMinutes);
    if (k - 1 < this.validThrough) this.validThrough = k - 1;
  }

  tally(fromMinute: number, toMinuteExclusive: number): SliceTally {
    const s = this.sliceMinutes;
    const firstSlice = Math.ceil(fromMinute / s);
    const lastSlice = Math.ceil(toMinuteExclusive / s) - 1; // last slice starting before the end
    const lastComplete = Math.floor(toMinuteExclusive / s) - 1;
    const result: SliceTally = { slices: Math.max(0, lastSlice - firstSlice + 1), badSlices: 0, slicesWithData: 0, ratioSum: 0 };
    if (result.slices === 0) return result;
    if (lastComplete >= firstSlice) {
      this.computeThrough(lastComplete);
      result.badSlices = this.cumAt(lastComplete, this.cumBad) - this.cumAt(firstSlice - 1, this.cumBad);
      result.ratioSum = this.cumAt(lastComplete, this.cumRatio) - this.cumAt(firstSlice - 1, this.cumRatio);
      result.slicesWithData = this.cumAt(lastComplete, this.cumWithData) - this.cumAt(firstSlice - 1, this.cumWithData);
    }
    if (lastSlice > lastComplete && lastSlice >= firstSlice) {
      const c = this.counts.sumInto(lastSlice * s, toMinuteExclusive, this.scratch);
      this.addSlice(c, result);
    }
    return result;
  }

  private addSlice(c: WindowCounts, into: SliceTally): void {
    if (c.total <= 0) return;
    const ratio = c.good / c.total;
    into.slicesWithData += 1;
    into.ratioSum += ratio;
    if (ratio < this.sliceTarget) into.badSlices += 1;
  }

  private slot(k: number): number {
    const i = (k - this.origin!) % this.capacitySlices;
    return i < 0 ? i + this.capacitySlices : i;
  }

  /** Running total through slice k, relative to `origin`; truncated to what the ring keeps. */
  private cumAt(k: number, cum: Float64Array): number {
    if (this.origin === null || k < this.origin) return 0;
    const oldest = Math.max(this.origin, this.validThrough - this.capacitySlices + 1);
    if (k < oldest) return cum[this.slot(oldest)]!;
    return cum[this.slot(Math.min(k, this.validThrough))]!;
  }

  private computeThrough(k: number): void {
    const first = this.counts.firstMinute;
    if (first === null) return;
    const s = this.sliceMinutes;
    if (this.seenFirstMinute === null || first < this.seenFirstMinute) {
      // First use, or data arrived before anything seen: start over from the data's start.
      this.seenFirstMinute = first;
      this.origin = Math.floor(first / s);
      this.validThrough = this.origin - 1;
    }
    let from = Math.max(this.validThrough + 1, this.origin!);
    if (k < from) return;
    if (k - from >= this.capacitySlices) {
      // A jump longer than the ring: older totals would be overwritten, so restart the origin.
      this.origin = k - this.capacitySlices + 1;
      from = this.origin;
    }
    let bad = from > this.origin! ? this.cumBad[this.slot(from - 1)]! : 0;
    let ratio = from > this.origin! ? this.cumRatio[this.slot(from - 1)]! : 0;
    let withData = from > this.origin! ? this.cumWithData[this.slot(from - 1)]! : 0;
    const one: SliceTally = { slices: 0, badSlices: 0, slicesWithData: 0, ratioSum: 0 };
    for (let j = from; j <= k; j++) {
      one.badSlices = 0;
      one.slicesWithData = 0;
      one.ratioSum = 0;
      this.addSlice(this.counts.sumInto(j * s, (j + 1) * s, this.scratch), one);
      bad += one.badSlices;
      ratio += one.ratioSum;
      withData += one.slicesWithData;
      this.cumBad[this.slot(j)] = bad;
      this.cumRatio[this.slot(j)] = ratio;
      this.cumWithData[this.slot(j)] = withData;
    }
    this.validThrough = k;
  }
}
