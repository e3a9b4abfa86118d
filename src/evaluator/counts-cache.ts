/**
 * The in-memory per-minute counts of every SLO (the SLO engine's MinuteCounts), warmed from
 * the store at start, updated on every local commit, and re-synced from the store for recent
 * minutes on each tick so a replica also sees what other replicas ingested (see
 * docs/server.md, "Replicas").
 */
import { MinuteCounts } from '../slo/math/minute-counts.js';
import type { Slo } from '../slo/model.js';
import { countsCapacityFor } from '../slo/math/capacity.js';
import type { SloSamples, Store } from '../store/store.js';
import { TieredCounts, type LiveCounts } from './tiered-counts.js';

/**
 * `tiered` (default): minute resolution for recent hours, hours beyond (see TieredCounts);
 * `minute`: the engine's MinuteCounts for the whole window (exact, ~650 KB per 28-day SLO).
 */
export type CountsResolution = 'tiered' | 'minute';

/** Minutes kept at minute resolution in tiered mode: every window up to 6 h, plus a margin. */
export function exactMinutesFor(slo: Slo): number {
  const windows = slo.alerting.windows.flatMap((w) => [w.shortMinutes, w.longMinutes]).filter((m) => m <= 360);
  return Math.max(360, ...windows, slo.alerting.noDataMinutes ?? 0) + 60;
}

export class CountsCache {
  private readonly bySlo = new Map<string, LiveCounts>();

  constructor(private readonly resolution: CountsResolution = 'tiered') {}

  private create(slo: Slo, capacity: number): LiveCounts {
    // Timeslice budgets tally every slice of the window, which needs minute resolution.
    if (this.resolution === 'minute' || slo.budgeting.method !== 'occurrences') return new MinuteCounts(capacity);
    return new TieredCounts(capacity, exactMinutesFor(slo));
  }

  get(slo: string): LiveCounts | undefined {
    return this.bySlo.get(slo);
  }

  get size(): number {
    return this.bySlo.size;
  }

  /** Makes the cache hold exactly `slos`; returns the SLOs that are new (need warming). */
  reconcile(slos: readonly Slo[]): Slo[] {
    const wanted = new Set(slos.map((s) => s.name));
    for (const name of this.bySlo.keys()) if (!wanted.has(name)) this.bySlo.delete(name);
    const added: Slo[] = [];
    for (const slo of slos) {
      const capacity = countsCapacityFor(slo);
      const existing = this.bySlo.get(slo.name);
      if (existing && existing.capacityMinutes === capacity) continue;
      this.bySlo.set(slo.name, this.create(slo, capacity));
      added.push(slo);
    }
    return added;
  }

  /** Adds freshly committed samples (additive, like the store). */
  apply(batches: readonly SloSamples[]): void {
    for (const batch of batches) {
      const counts = this.bySlo.get(batch.slo);
      if (!counts) continue;
      for (const s of batch.samples) counts.add(s.minute, s.good, s.total);
    }
  }

  /** Sets a minute to the store's value (used by the re-sync, which reads absolute counts). */
  private setMinute(counts: LiveCounts, minute: number, good: number, total: number): void {
    const current = counts.sum(minute, minute + 1);
    const dGood = good - current.good;
    const dTotal = total - current.total;
    if (dGood !== 0 || dTotal !== 0) counts.add(minute, dGood, dTotal);
  }

  /** Loads every SLO's data since its retention start (at start and after a config reload). */
  async warm(store: Store, slos: readonly Slo[], now: number): Promise<number> {
    let rows = 0;
    const nowMinute = Math.floor(now / 60_000);
    for (const slo of slos) {
      const counts = this.bySlo.get(slo.name);
      if (!counts) continue;
      const from = nowMinute - counts.capacityMinutes + 1;
      // Absolute values, not additions: pushes committed while this reads are already applied.
      for (const row of await store.readCounts(slo.name, from, nowMinute + 10)) {
        this.setMinute(counts, row.minute, row.good, row.total);
        rows++;
      }
    }
    return rows;
  }

  /**
   * Start-up warm-up with 1/60 of the rows: minutes older than every SLO's minute tier are
   * read summed per hour in SQL (`store.readHourlyCounts`) into the tiered counts' hour tier,
   * and only the recent minutes one by one. SLOs holding minute counts (exact-counts mode,
   * timeslice budgets) read their old minutes exactly, per SLO. Same result as `warmAll`
   * except that a tiered SLO whose newest data is older than its minute tier pro-rates sums
   * that start inside the hour-only part (as for any sum beyond the minute tier).
   */
  async warmTiered(store: Store, slos: readonly Slo[], now: number): Promise<{ rows: number; hourRows: number }> {
    const nowMinute = Math.floor(now / 60_000);
    const tiered = slos.filter((s) => this.bySlo.get(s.name) instanceof TieredCounts);
    const oldest = Math.min(...slos.map((s) => nowMinute - (this.bySlo.get(s.name)?.capacityMinutes ?? 0)));
    if (!Number.isFinite(oldest)) return { rows: 0, hourRows: 0 };
    if (tiered.length === 0) return { rows: await this.warmAll(store, oldest), hourRows: 0 };
    // Whole hours before the longest minute tier come per hour; everything after, per minute.
    const exactFrom = Math.max(oldest, Math.floor((nowMinute - Math.max(...tiered.map(exactMinutesFor)) + 1) / 60) * 60);
    let hourRows = 0;
    let rows = 0;
    for await (const chunk of store.readHourlyCounts(oldest, exactFrom, { chunkSize: 10_000 })) {
      for (const row of chunk) {
        const counts = this.bySlo.get(row.slo);
        if (counts instanceof TieredCounts) counts.addHour(row.hour, row.firstMinute, row.lastMinute, row.good, row.total);
        hourRows++;
      }
    }
    for (const slo of slos) {
      const counts = this.bySlo.get(slo.name);
      if (!counts || counts instanceof TieredCounts) continue;
      for (const row of await store.readCounts(slo.name, nowMinute - counts.capacityMinutes, exactFrom)) {
        counts.add(row.minute, row.good, row.total);
        rows++;
      }
    }
    return { rows: rows + (await this.warmAll(store, exactFrom)), hourRows };
  }

  /** Loads everything since `fromMinute` in one streaming read (cheaper than per-SLO at scale). */
  async warmAll(store: Store, fromMinute: number): Promise<number> {
    let rows = 0;
    for await (const chunk of store.readAllCountsSince(fromMinute, { chunkSize: 10_000 })) {
      for (const row of chunk) {
        this.bySlo.get(row.slo)?.add(row.minute, row.good, row.total);
        rows++;
      }
    }
    return rows;
  }

  /** Replaces one SLO's minutes in [from, to) with the store's values (late data from another replica). */
  async syncRange(store: Store, slo: string, fromMinute: number, toMinuteExclusive: number): Promise<void> {
    const counts = this.bySlo.get(slo);
    if (!counts) return;
    for (const row of await store.readCounts(slo, fromMinute, toMinuteExclusive)) this.setMinute(counts, row.minute, row.good, row.total);
  }

  /** Replaces minutes >= fromMinute with the store's values: picks up other replicas' ingests. */
  async syncRecent(store: Store, fromMinute: number): Promise<number> {
    let rows = 0;
    for await (const chunk of store.readAllCountsSince(fromMinute, { chunkSize: 10_000 })) {
      for (const row of chunk) {
        const counts = this.bySlo.get(row.slo);
        if (counts) this.setMinute(counts, row.minute, row.good, row.total);
        rows++;
      }
    }
    return rows;
  }
}
