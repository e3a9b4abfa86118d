/**
 * The continuous evaluation loop. Every replica re-syncs recent minutes from the store each
 * tick (so reads are fresh everywhere); only the replica holding the `evaluator` lease in the
 * database evaluates alert conditions and records transitions, so two replicas on one
 * PostgreSQL never double-evaluate. State lives in the store: a restarted replica loads the
 * firing alerts and does not re-fire them.
 */
import type { AlertKind, Slo } from '../slo/model.js';
import type { AlertState, SloSamples, Store } from '../store/store.js';
import { transitionsFor } from './conditions.js';
import type { CountsCache } from './counts-cache.js';
import type { EventFeed } from './event-feed.js';

export const EVALUATOR_LEASE = 'evaluator';

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
  readonly intervalMs: number;
  /** No-data alerts count from here: an SLO silent since this process started still alerts. */
  private readonly watchingSinceMs: number;

  constructor(private readonly options: EvaluatorOptions) {
    this.intervalMs = options.intervalMs ?? 30_000;
    this.watchingSinceMs = options.now();
  }

  /** Warms the counts from the store; call before serving reads. */
  async warm(): Promise<number> {
    const slos = this.options.slos();
    this.options.counts.reconcile(slos);
    const oldest = Math.min(...slos.map((s) => Math.floor(this.options.now() / 60_000) - (this.options.counts.get(s.name)?.capacityMinutes ?? 0)));
    return Number.isFinite(oldest) ? this.options.counts.warmAll(this.options.store, oldest) : 0;
  }

  /** After a config reload: drop removed SLOs, warm added ones. */
  async reconcile(): Promise<void> {
    const added = this.options.counts.reconcile(this.options.slos());
    if (added.length > 0) await this.options.counts.warm(this.options.store, added, this.options.now());
  }

  onCommitted(batches: readonly SloSamples[]): void {
    this.options.counts.apply(batches);
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
    await counts.syncRecent(store, nowMinute - (this.options.syncMinutes ?? 15));
    // Three missed ticks lose the lease; a crashed leader is replaced within ~3 intervals.
    const ttl = Math.max(this.intervalMs * 3, 3_000);
    const leader = await store.tryAcquireLease(EVALUATOR_LEASE, this.options.holder, ttl, at);
    if (!leader) {
      this.options.observeDuration?.((performance.now() - startedAt) / 1000, 0);
      return { leader, evaluated: 0, transitions: 0 };
    }
    const result = await this.evaluateAll(at);
    this.options.observeDuration?.((performance.now() - startedAt) / 1000, result.evaluated);
    return { leader, ...result };
  }

  /** Evaluates every SLO at `at` and records the transitions (exposed for benchmarks). */
  async evaluateAll(at: number): Promise<{ evaluated: number; transitions: number }> {
    const { store, counts } = this.options;
    const statesBySlo = groupStates(await store.getAlertStates());
    const transitions = [];
    let evaluated = 0;
    for (const slo of this.options.slos()) {
      const sloCounts = counts.get(slo.name);
      // PromQL SLIs are evaluated by the Prometheus query source, not from pushed counts.
      if (!sloCounts || slo.sli.prometheus) continue;
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
