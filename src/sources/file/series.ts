/**
 * Per-SLO per-minute counts collected while reading a data file: growable Float64Arrays
 * indexed by minute, summing rows that fall into the same minute. Rows may arrive in any order.
 */

export class MinuteSeries {
  /** Minute at index 0. */
  base = 0;
  good: Float64Array = new Float64Array(0);
  total: Float64Array = new Float64Array(0);
  /** Lowest and highest minute written (null when nothing was). */
  minMinute: number | null = null;
  maxMinute: number | null = null;
  rows = 0;

  add(minute: number, good: number, total: number): void {
    if (this.minMinute === null) {
      this.base = minute;
      this.good = new Float64Array(1024);
      this.total = new Float64Array(1024);
      this.minMinute = minute;
      this.maxMinute = minute;
    }
    let i = minute - this.base;
    if (i < 0 || i >= this.good.length) {
      this.grow(minute);
      i = minute - this.base;
    }
    this.good[i] += good;
    this.total[i] += total;
    if (minute < this.minMinute) this.minMinute = minute;
    if (minute > this.maxMinute!) this.maxMinute = minute;
    this.rows++;
  }

  private grow(minute: number): void {
    const lo = Math.min(this.base, minute);
    const hi = Math.max(this.base + this.good.length, minute + 1);
    const length = Math.max(this.good.length * 2, hi - lo + 1024);
    // Growing downwards leaves headroom below too, so reverse-ordered files stay linear.
    const newBase = minute < this.base ? hi - length : this.base;
    const good = new Float64Array(length);
    const total = new Float64Array(length);
    good.set(this.good, this.base - newBase);
    total.set(this.total, this.base - newBase);
    this.base = newBase;
    this.good = good;
    this.total = total;
  }

  /** The written range [minMinute, maxMinute] as exact-length arrays (views, no copy). */
  trimmed(): { startMinute: number; good: Float64Array; total: Float64Array } | null {
    if (this.minMinute === null) return null;
    const from = this.minMinute - this.base;
    const to = this.maxMinute! - this.base + 1;
    return { startMinute: this.minMinute, good: this.good.subarray(from, to), total: this.total.subarray(from, to) };
  }
}
