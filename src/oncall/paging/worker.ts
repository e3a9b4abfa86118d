/**
 * The paging worker loop. Each tick it (1) consumes alert transitions if it holds the consumer
 * lease, (2) fires due escalation timers, (3) returns stale delivery claims to pending and
 * (4) claims due deliveries and sends them without blocking the next tick, so one hanging
 * receiver cannot hold up other pages.
 *
 * Exactly-once per step: a delivery row exists once (unique idempotency key), is claimed
 * (pending -> sending) before it is sent and marked after. The one at-least-once window: a
 * crash after the receiver accepted but before the mark. The claim then goes stale and the
 * delivery is sent again, once, with the same Idempotency-Key header so receivers can dedupe.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { deliverPlanned, type PlannedDeliveryContext, type PlannedDeliveryOutcome } from '../../notify/index.js';
import type { StoredDelivery } from '../../store/paging.js';
import type { TimelineEntry } from '../escalation/index.js';
import type { PagingEngine } from './engine.js';

export interface PagingWorkerOptions {
  engine: PagingEngine;
  delivery: PlannedDeliveryContext;
  /** Tick interval; default 1000 ms. Tests use small values. */
  intervalMs?: number;
  /** A `sending` claim older than this is assumed dead and retried; default 5 minutes. */
  staleClaimMs?: number;
  /** Deliveries sent concurrently by this worker; default 64. */
  maxInFlight?: number;
  /** Release every claim at start: right for SQLite, where this process is the only worker. */
  releaseAllClaimsAtStart?: boolean;
  holder?: string;
  onError?(err: unknown): void;
  /** Called after each delivery is recorded (tests and the benchmark observe latency here). */
  onDelivered?(delivery: StoredDelivery, outcome: PlannedDeliveryOutcome): void;
}

export const CONSUMER_LEASE = 'paging.consumer';
const CONSUME_BATCH = 100;

export class PagingWorker {
  readonly holder: string;
  readonly #o: PagingWorkerOptions;
  readonly #inFlight = new Set<Promise<void>>();
  #timer: NodeJS.Timeout | null = null;
  #running = false;
  #ticking: Promise<void> | null = null;
  #again = false;

  constructor(options: PagingWorkerOptions) {
    this.#o = options;
    this.holder = options.holder ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  }

  async start(): Promise<void> {
    const { engine } = this.#o;
    await engine.initCursor();
    if (this.#o.releaseAllClaimsAtStart) await engine.store.paging.releaseStaleClaims(Number.MAX_SAFE_INTEGER);
    this.#running = true;
    this.#schedule(0);
  }

  /** Runs a tick soon (after an alert arrived or a page was acted on) instead of at the next interval. */
  kick(): void {
    if (!this.#running) return;
    if (this.#ticking) this.#again = true;
    else this.#schedule(0);
  }

  /** Stops ticking and waits for deliveries being sent to be recorded. */
  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#ticking;
    await Promise.allSettled([...this.#inFlight]);
    await this.#o.engine.store.releaseLease(CONSUMER_LEASE, this.holder).catch(() => {});
  }

  /** One pass; exposed so tests can drive the worker step by step. */
  async tick(): Promise<void> {
    const { engine } = this.#o;
    const now = engine.now();
    const interval = this.#o.intervalMs ?? 1000;
    // One batch per tick, then send: a burst of alerts must not starve the deliveries it created.
    if (await engine.store.tryAcquireLease(CONSUMER_LEASE, this.holder, Math.max(10_000, interval * 10), now)) {
      if ((await engine.consumeEvents(CONSUME_BATCH)) === CONSUME_BATCH) this.#again = true;
    }
    await this.#dispatchDue();
    if ((await engine.fireDueTimers()) > 0) await this.#dispatchDue();
    await engine.store.paging.releaseStaleClaims(now - (this.#o.staleClaimMs ?? 5 * 60_000));
  }

  /** Resolves when every delivery claimed so far has been recorded. */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  #schedule(delayMs: number): void {
    if (!this.#running) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#ticking = this.tick()
        .catch((err: unknown) => this.#o.onError?.(err))
        .finally(() => {
          this.#ticking = null;
          const again = this.#again;
          this.#again = false;
          this.#schedule(again ? 0 : (this.#o.intervalMs ?? 1000));
        });
    }, delayMs);
  }

  async #dispatchDue(): Promise<void> {
    const { engine } = this.#o;
    const free = (this.#o.maxInFlight ?? 64) - this.#inFlight.size;
    if (free <= 0) return;
    const claimed = await engine.store.paging.claimDueDeliveries(engine.now(), this.holder, free);
    for (const delivery of claimed) {
      const sending: Promise<void> = this.#send(delivery)
        .catch((err: unknown) => this.#o.onError?.(err))
        .finally(() => {
          this.#inFlight.delete(sending);
          if (this.#running) this.kick();
        });
      this.#inFlight.add(sending);
    }
  }

  async #send(delivery: StoredDelivery): Promise<void> {
    const { engine } = this.#o;
    const detail = await engine.store.paging.getPage(delivery.pageId);
    const now = engine.now();
    let outcome: PlannedDeliveryOutcome;
    if (!detail) {
      outcome = { status: 'skipped', delivered: null, failures: [], timeline: [] };
    } else {
      try {
        outcome = await deliverPlanned(detail.page, delivery.plan, this.#o.delivery, now, { announcement: delivery.kind === 'announce' });
      } catch (err: unknown) {
        const message = err instanceof Error ? err.message : String(err);
        const entry: TimelineEntry = { at: now, kind: 'deliveryFailed', message: `Delivery to ${delivery.personId} failed unexpectedly: ${message}` };
        outcome = { status: 'failed', delivered: null, failures: [], timeline: [entry] };
      }
    }
    const attempts = outcome.failures.reduce((n, f) => n + f.attempts, 0) + (outcome.delivered?.attempts ?? 0);
    const lastError = outcome.failures.map((f) => f.message).join('; ') || (outcome.status === 'skipped' ? 'not sent: the page no longer wants it' : null);
    const deliveredVia = outcome.delivered ? `${outcome.delivered.channel} ${outcome.delivered.destination}` : null;
    await engine.store.paging.finishDelivery(delivery.id, this.holder, { status: outcome.status, attempts, lastError, deliveredVia }, outcome.timeline, engine.now());
    this.#o.onDelivered?.(delivery, outcome);
  }
}
