/**
 * The continuous evaluation loop. Every replica re-syncs recent minutes from the store each
 * tick (so reads are fresh everywhere); only the replica holding the `evaluator` lease in the
 * database evaluates alert conditions and records transitions, so two replicas on one
 * PostgreSQL never double-evaluate. State lives in the store: a restarted replica loads the
 * firing alerts and does not re-fire them.
 */
import type { AlertKind, Slo } from '../slo/model.js';
import { SERIES_STATE_TTL_MS, type AlertState, type SloSamples, type Store } from '../store/store.js';
import { transitionsFor } from './conditions.js';
import { countsCapacityFor } from '../slo/math/capacity.js';
import { isPulledSlo, pullPrometheusCounts } from './prometheus-pull.js';
import type { PrometheusQuerySource } from '../sources/prometheus/index.js';
import type { CountsCache } from './counts-cache.js';
import type { EventFeed } from './event-feed.js';

export const EVALUATOR_LEASE = 'evaluator';

/**
 * Event a replica appends after committing samples older than the per-tick re-sync covers, so
 * the other replicas re-read exactly those minutes. Payload: LateDataEvent. Internal: the SSE
 * stream does not forward it.
 */
export const LATE_DATA_EVENT = 'sli.late';

export interface LateDataEvent {
  holder: string;
  ranges: Array<{ slo: string; fromMinute: number; toMinute: number }>;
}

export const DEFAULT_SYNC_MINUTES = 15;
const LATE_FLUSH_MS = 1000;

export interface EvaluatorOptions {
  store: Store;
  counts: CountsCache;
  feed: EventFeed;
  slos(): readonly Slo[];
  now(): number;
  /** Unique per process, e.g. `${hostname}:${pid}:${random}`. */
  holder: string;
  intervalMs?: number;
  /** Minutes re-read from the store each tick (other replicas' recent ingests). Default 15. */
  syncMinutes?: number;
  /** How often the lease holder prunes counts beyond each SLO's window and old idempotency keys. Default 1 h. */
  pruneIntervalMs?: number;
  /** Pulls counts of PromQL SLOs before each evaluation (lease holder only). */
  prometheus?: { source: PrometheusQuerySource; lagMs?: number };
  observeDuration?(seconds: number, evaluated: number): void;
  onError?(err: unknown): void;
}

export interface TickResult {
  leader: boolean;
  evaluated: number;
  transitions: number;
}

export class Evaluator {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<TickResult> | null = null;
  private stopped = false;
  private readonly pendingLate = new Map<string, LateDataEvent['ranges'][number]>();
  private lateTimer: NodeJS.Timeout | null = null;
  private lastPruneAt = Number.NEGATIVE_INFINITY;
  readonly intervalMs: number;
  /** Minutes re-read each tick; at least enough to cover a few intervals. */
  private readonly syncMinutes: number;
  /** No-data alerts count from here: an SLO silent since this process started still alerts. */
  private readonly watchingSinceMs: number;

  constructor(private readonly options: EvaluatorOptions) {
    this.intervalMs = options.intervalMs ?? 30_000;
    this.watchingSinceMs = options.now();
    this.syncMinutes = Math.max(options.syncMinutes ?? DEFAULT_SYNC_MINUTES, 2 * Math.ceil(this.intervalMs / 60_000) + 5);
  }

  /**
   * Warms the counts from the store; call before serving reads. Returns the rows read (an
   * hourly row stands for up to 60 minutes): tiered counts take old minutes summed per hour.
   */
  async warm(): Promise<number> {
    const slos = this.options.slos();
    this.options.counts.reconcile(slos);
    const { rows, hourRows } = await this.options.counts.warmTiered(this.options.store, slos, this.options.now());
    return rows + hourRows;
  }

  /** After a config reload: drop removed SLOs, warm added ones. */
  async reconcile(): Promise<void> {
    const added = this.options.counts.reconcile(this.options.slos());
    if (added.length > 0) await this.options.counts.warm(this.options.store, added, this.options.now());
  }

  get holder(): string {
    return this.options.holder;
  }

  /**
   * Applies committed samples to this replica's counts. Samples older than the per-tick
   * re-sync window are announced on the event log so the other replicas re-read them;
   * announcements are coalesced per SLO and flushed at most once a second, so a client that
   * always pushes late does not write one event per request.
   */
  onCommitted(batches: readonly SloSamples[]): void {
    this.options.counts.apply(batches);
    // Announce everything the NEXT tick's re-sync might miss: the tick runs up to one
    // interval later (plus slack), when its window has moved on by that much.
    const slackMinutes = Math.ceil(this.intervalMs / 60_000) + 2;
    const oldestSynced = Math.floor(this.options.now() / 60_000) - this.syncMinutes + slackMinutes;
    for (const batch of batches) {
      for (const s of batch.samples) {
        if (s.minute >= oldestSynced) continue;
        const range = this.pendingLate.get(batch.slo);
        if (!range) this.pendingLate.set(batch.slo, { slo: batch.slo, fromMinute: s.minute, toMinute: s.minute + 1 });
        else {
          range.fromMinute = Math.min(range.fromMinute, s.minute);
          range.toMinute = Math.max(range.toMinute, s.minute + 1);
        }
      }
    }
    if (this.pendingLate.size > 0 && !this.lateTimer) {
      this.lateTimer = setTimeout(() => void this.flushLate(), LATE_FLUSH_MS);
      this.lateTimer.unref();
    }
  }

  /** Appends the pending late-data announcement (also called on stop). */
  async flushLate(): Promise<void> {
    if (this.lateTimer) clearTimeout(this.lateTimer);
    this.lateTimer = null;
    if (this.pendingLate.size === 0) return;
    const payload: LateDataEvent = { holder: this.options.holder, ranges: [...this.pendingLate.values()] };
    this.pendingLate.clear();
    // The samples are committed already; if this fails, other replicas see those minutes
    // after their next restart or reload.
    await this.options.store.appendEvents([{ type: LATE_DATA_EVENT, payload }], this.options.now()).catch((err: unknown) => this.options.onError?.(err));
  }

  /** Feed listener: re-reads minutes another replica announced as late data. */
  async onEvent(event: { type: string; payload: unknown }): Promise<void> {
    if (event.type !== LATE_DATA_EVENT) return;
    const payload = event.payload as LateDataEvent;
    if (payload.holder === this.options.holder) return;
    for (const r of payload.ranges) await this.options.counts.syncRange(this.options.store, r.slo, r.fromMinute, r.toMinute);
  }

  start(): void {
    this.stopped = false;
    const loop = (): void => {
      this.timer = setTimeout(() => {
        void this.tick()
          .catch((err: unknown) => this.options.onError?.(err))
          .finally(() => {
            if (!this.stopped) loop();
          });
      }, this.intervalMs);
      this.timer.unref();
    };
    void this.tick().catch((err: unknown) => this.options.onError?.(err));
    loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
    await this.flushLate();
    await this.options.store.releaseLease(EVALUATOR_LEASE, this.options.holder).catch(() => undefined);
  }

  /** One evaluation cycle; ticks never overlap (a call during a tick waits for it). */
  tick(): Promise<TickResult> {
    if (this.running) return this.running;
    this.running = this.runTick().finally(() => (this.running = null));
    return this.running;
  }

  private async runTick(): Promise<TickResult> {
    const { store, counts, now } = this.options;
    const startedAt = performance.now();
    const at = now();
    const nowMinute = Math.floor(at / 60_000);
    await counts.syncRecent(store, nowMinute - this.syncMinutes);
    // Late data announced by other replicas since the last poll.
    await this.options.feed.nudge();
    // Three missed ticks lose the lease; a crashed leader is replaced within ~3 intervals.
    const ttl = Math.max(this.intervalMs * 3, 3_000);
    const leader = await store.tryAcquireLease(EVALUATOR_LEASE, this.options.holder, ttl, at);
    if (!leader) {
      this.options.observeDuration?.((performance.now() - startedAt) / 1000, 0);
      return { leader, evaluated: 0, transitions: 0 };
    }
    if (this.options.prometheus) {
      await pullPrometheusCounts(this.options.slos(), at, {
        ...this.options.prometheus,
        store,
        onCommitted: (batches) => this.options.counts.apply(batches),
        onError: (err) => this.options.onError?.(err),
      });
    }
    const result = await this.evaluateAll(at);
    if (at - this.lastPruneAt >= (this.options.pruneIntervalMs ?? 60 * 60_000)) {
      this.lastPruneAt = at;
      await this.prune(at).catch((err: unknown) => this.options.onError?.(err));
    }
    this.options.observeDuration?.((performance.now() - startedAt) / 1000, result.evaluated);
    return { leader, ...result };
  }

  /**
   * Deletes counts older than each SLO's capacity (window + alert windows + margin),
   * expired idempotency keys and remote_write series state unused for SERIES_STATE_TTL_MS. Counts of SLOs no longer in the config are kept (a config
   * mistake must not delete history); delete them with the store if wanted.
   */
  async prune(at: number): Promise<{ counts: number; keys: number; series: number }> {
    const nowMinute = Math.floor(at / 60_000);
    let counts = 0;
    for (const slo of this.options.slos()) {
      counts += await this.options.store.pruneCounts(nowMinute - countsCapacityFor(slo), { slo: slo.name });
    }
    const keys = await this.options.store.pruneIdempotencyKeys(at);
    // remote_write series silent this long restart from a baseline anyway (see increases.ts).
    const series = await this.options.store.pruneSeriesState(at - SERIES_STATE_TTL_MS);
    return { counts, keys, series };
  }

  /** Evaluates every SLO at `at` and records the transitions (exposed for benchmarks). */
  async evaluateAll(at: number): Promise<{ evaluated: number; transitions: number }> {
    const { store, counts } = this.options;
    const statesBySlo = groupStates(await store.getAlertStates());
    const transitions = [];
    let evaluated = 0;
    for (const slo of this.options.slos()) {
      const sloCounts = counts.get(slo.name);
      // PromQL SLIs count only when their counts are pulled from Prometheus.
      if (!sloCounts || (slo.sli.prometheus && !(this.options.prometheus && isPulledSlo(slo)))) continue;
      evaluated++;
      transitions.push(...transitionsFor(slo, sloCounts, at, statesBySlo.get(slo.name), this.watchingSinceMs));
    }
    if (transitions.length > 0) {
      await store.recordAlertTransitions(transitions, { appendEvents: true, now: at });
      await this.options.feed.nudge();
    }
    return { evaluated, transitions: transitions.length };
  }
}

function groupStates(states: readonly AlertState[]): Map<string, Map<AlertKind, AlertState>> {
  const out = new Map<string, Map<AlertKind, AlertState>>();
  for (const s of states) {
    let bySlo = out.get(s.slo);
    if (!bySlo) out.set(s.slo, (bySlo = new Map()));
    bySlo.set(s.kind, s);
  }
  return out;
}
