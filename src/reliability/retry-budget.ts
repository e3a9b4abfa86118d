/**
 * A retry budget (after Finagle's RetryBudget and gRPC's retry throttling): retries may add at
 * most `ratio` of the recent call volume, plus a small floor so a quiet channel can still retry.
 * Without it, every caller retrying 3x turns one outage into four times the load on a
 * dependency that is already struggling. Deposits and withdrawals are counted in one-second
 * buckets over a sliding window; time comes from the injected clock, so it is pure to test.
 */

export interface RetryBudgetOptions {
  /** Share of recent calls that may be retried (0.1 = one retry per ten calls). */
  ratio?: number;
  /** Retries always allowed per second of window, however quiet the channel (the floor). */
  minRetriesPerSecond?: number;
  /** How far back calls and retries count. */
  windowMs?: number;
  /** Epoch milliseconds; inject a fake one in tests. */
  clock?: () => number;
}

export const RETRY_BUDGET_DEFAULTS = {
  ratio: 0.1,
  // Pages are rare, so the floor (10 retries per 10 s window) is what a lone page relies on.
  minRetriesPerSecond: 1,
  windowMs: 10_000,
} as const;

interface Bucket {
  second: number;
  calls: number;
  retries: number;
}

export interface RetryBudgetSnapshot {
  calls: number;
  retries: number;
  available: number;
  rejected: number;
}

export class RetryBudget {
  private readonly ratio: number;
  private readonly floor: number;
  private readonly windowSeconds: number;
  private readonly clock: () => number;
  private buckets: Bucket[] = [];
  private rejected = 0;

  constructor(options: RetryBudgetOptions = {}) {
    this.ratio = options.ratio ?? RETRY_BUDGET_DEFAULTS.ratio;
    const windowMs = options.windowMs ?? RETRY_BUDGET_DEFAULTS.windowMs;
    if (!(this.ratio >= 0)) throw new RangeError('retry budget ratio must be >= 0');
    if (!(windowMs >= 1000)) throw new RangeError('retry budget window must be at least 1000 ms');
    this.windowSeconds = Math.ceil(windowMs / 1000);
    this.floor = (options.minRetriesPerSecond ?? RETRY_BUDGET_DEFAULTS.minRetriesPerSecond) * this.windowSeconds;
    this.clock = options.clock ?? Date.now;
  }

  /** Counts a first attempt (not a retry); each one earns `ratio` of a retry. */
  recordCall(): void {
    this.current().calls += 1;
  }

  /** Takes one retry from the budget; false means the caller must give up instead of retrying. */
  tryAcquireRetry(): boolean {
    if (this.available() < 1) {
      this.rejected += 1;
      return false;
    }
    this.current().retries += 1;
    return true;
  }

  /** Whole retries that may still be spent now. */
  available(): number {
    const { calls, retries } = this.totals();
    return Math.max(0, Math.floor(this.floor + this.ratio * calls - retries));
  }

  snapshot(): RetryBudgetSnapshot {
    return { ...this.totals(), available: this.available(), rejected: this.rejected };
  }

  private totals(): { calls: number; retries: number } {
    this.prune();
    let calls = 0;
    let retries = 0;
    for (const b of this.buckets) {
      calls += b.calls;
      retries += b.retries;
    }
    return { calls, retries };
  }

  private current(): Bucket {
    this.prune();
    const second = Math.floor(this.clock() / 1000);
    const last = this.buckets[this.buckets.length - 1];
    if (last && last.second === second) return last;
    const bucket = { second, calls: 0, retries: 0 };
    this.buckets.push(bucket);
    return bucket;
  }

  private prune(): void {
    const oldest = Math.floor(this.clock() / 1000) - this.windowSeconds + 1;
    while (this.buckets.length > 0 && this.buckets[0].second < oldest) this.buckets.shift();
  }
}
