/**
 * The durable paging engine: every change to a page (an alert firing or clearing, an
 * acknowledge or resolve, an escalation timer expiring) is one store transaction that locks
 * the page, runs the pure `decide()` and applies its result. Sending happens elsewhere (the
 * worker claims the deliveries written here), so a crash at any point leaves a consistent
 * database and the worker resumes from it.
 */
import { randomBytes } from 'node:crypto';
import { ConflictError, NotFoundError } from '../../errors/index.js';
import { ALERT_TRANSITION_EVENT, type Store, type StoredAlertTransition, type StoredEvent } from '../../store/store.js';
import type { PagingTx } from '../../store/paging.js';
import type { Slo } from '../../slo/model.js';
import { decide, type EscalationPolicy, type Page, type PageEvent } from '../escalation/index.js';
import { routeAlert } from '../routing/index.js';
import { applyDecision } from './apply.js';
import { buildDirectory } from './directory.js';
import type { AlertOutcome, IncomingAlert, PagingConfig, ScheduleChanges } from './model.js';
import { retryOnConflict } from './retry.js';
import { sloTransitionToAlert } from './slo-alerts.js';

export interface PagingEngineOptions {
  store: Store;
  config: () => PagingConfig;
  clock: () => number;
  scheduleChanges?: ScheduleChanges;
  sloByName?: (name: string) => Slo | undefined;
  newPageId?: () => string;
  /** Reports an alert transition that could not be applied and was skipped. */
  onError?(err: unknown): void;
}

export const EVENT_CURSOR = 'paging.alert-transitions';

export class PagingEngine {
  readonly #o: PagingEngineOptions;

  constructor(options: PagingEngineOptions) {
    this.#o = options;
  }

  get store(): Store {
    return this.#o.store;
  }

  now(): number {
    return this.#o.clock();
  }

  /** Routes an alert by its labels and opens, folds, acknowledges or closes its page. */
  handleAlert(input: IncomingAlert): Promise<AlertOutcome> {
    return retryOnConflict(() => this.#o.store.paging.transaction((tx) => this.handleAlertIn(tx, input, this.now())));
  }

  async handleAlertIn(tx: PagingTx, input: IncomingAlert, now: number): Promise<AlertOutcome> {
    const config = this.#o.config();
    const open = await tx.lockOpenPage(input.dedupKey);
    if (input.status !== 'firing') {
      if (!open) return { outcome: 'noOpenPage' };
      const event: PageEvent = input.status === 'resolved' ? { type: 'autoResolve', reason: `${input.alert.source} reported it resolved` } : { type: 'acknowledge', by: input.by ?? input.alert.source, via: input.alert.source };
      return this.#decideAndApply(tx, open, this.#policyOf(open, config), event, now, input.status === 'resolved' ? 'resolved' : 'acknowledged');
    }
    let policy: EscalationPolicy | undefined;
    if (open) policy = this.#policyOf(open, config);
    else {
      const route = routeAlert(input.alert.labels, config.routes);
      if (!route) return { outcome: 'unrouted', reason: 'no route matches the alert labels and there is no default route; add `- default: true` under routes' };
      policy = config.policies.find((p) => p.name === route.policy);
      if (!policy) return { outcome: 'unrouted', reason: `route names unknown escalation policy "${route.policy}"` };
    }
    const pageId = open?.id ?? this.#o.newPageId?.() ?? `pg_${randomBytes(8).toString('hex')}`;
    return this.#decideAndApply(tx, open, policy, { type: 'trigger', pageId, dedupKey: input.dedupKey, alert: input.alert }, now, open ? 'retriggered' : 'opened');
  }

  /** Acknowledge or resolve by a person (API, CLI, signed link). Throws NotFoundError for an unknown page. */
  async act(pageId: string, event: Extract<PageEvent, { type: 'acknowledge' | 'resolve' }>): Promise<Page> {
    return retryOnConflict(() =>
      this.#o.store.paging.transaction(async (tx) => {
        const page = await tx.lockPage(pageId);
        if (!page) throw new NotFoundError(`no page "${pageId}"; list pages with \`sloop page list\``);
        if (page.status === 'resolved') throw new ConflictError(`page ${pageId} is already resolved; nothing to ${event.type}`);
        const now = this.now();
        const decision = decide(page, this.#policyOf(page, this.#o.config()), event, now);
        return applyDecision(tx, decision, this.#policyOf(page, this.#o.config()), { directory: this.#directory(), now });
      }),
    );
  }

  /** Fires every escalation timer due at `now`, each in its own transaction, once. Returns how many fired. */
  async fireDueTimers(limit = 200): Promise<number> {
    const now = this.now();
    let fired = 0;
    for (const timer of await this.#o.store.paging.dueTimers(now, limit)) {
      const ran = await retryOnConflict(() =>
        this.#o.store.paging.transaction(async (tx) => {
          if (!(await tx.markTimerFired(timer.id))) return false;
          const page = await tx.lockPage(timer.pageId);
          if (!page) return false;
          const policy = this.#policyOf(page, this.#o.config());
          await applyDecision(tx, decide(page, policy, { type: 'timerFired', timerId: timer.id }, now), policy, { directory: this.#directory(), now });
          return true;
        }),
      );
      if (ran) fired++;
    }
    return fired;
  }

  /**
   * Starts the alert-transition cursor at the end of the event log if it has none, so a first
   * start does not page for old history. Call before the evaluator starts publishing.
   */
  async initCursor(): Promise<void> {
    if ((await this.#o.store.paging.cursor(EVENT_CURSOR)) !== null) return;
    const last = await this.#o.store.lastEventId();
    await this.#o.store.paging.transaction(async (tx) => {
      if ((await tx.lockCursor(EVENT_CURSOR)) === 0) await tx.setCursor(EVENT_CURSOR, last);
    });
  }

  /**
   * Consumes alert transitions after the persisted cursor. A batch of events and the cursor
   * move are one transaction, so an event pages exactly once even across crashes. If a batch
   * fails, its events are retried one transaction each, and an event that still fails (a bug,
   * not a conflict) is reported through `onError` and skipped so it cannot block paging for
   * everything after it. The caller must hold the consumer lease. Returns events consumed.
   */
  async consumeEvents(batch = 100): Promise<number> {
    const { store } = this.#o;
    const from = (await store.paging.cursor(EVENT_CURSOR)) ?? 0;
    const events = await store.readEventsAfter(from, batch);
    if (events.length === 0) return 0;
    const consume = (list: readonly StoredEvent[]) =>
      retryOnConflict(() =>
        store.paging.transaction(async (tx) => {
          const position = await tx.lockCursor(EVENT_CURSOR);
          let last = position;
          for (const event of list) {
            if (event.id <= position) continue;
            await this.#consumeIn(tx, event);
            last = event.id;
          }
          if (last > position) await tx.setCursor(EVENT_CURSOR, last);
        }),
      );
    try {
      await consume(events);
    } catch {
      for (const event of events) {
        try {
          await consume([event]);
        } catch (err: unknown) {
          this.#o.onError?.(err);
          await store.paging.transaction(async (tx) => {
            if ((await tx.lockCursor(EVENT_CURSOR)) < event.id) await tx.setCursor(EVENT_CURSOR, event.id);
          });
        }
      }
    }
    return events.length;
  }

  async #consumeIn(tx: PagingTx, event: StoredEvent): Promise<void> {
    if (event.type !== ALERT_TRANSITION_EVENT) return;
    const transition = event.payload as StoredAlertTransition;
    await this.handleAlertIn(tx, sloTransitionToAlert(transition, this.#o.sloByName?.(transition.slo)), this.now());
  }

  /** The policy a page escalates with; one removed from the config since stops at its last known shape. */
  #policyOf(page: Page, config: PagingConfig): EscalationPolicy {
    const policy = config.policies.find((p) => p.name === page.policy);
    if (policy) return policy;
    // The policy was removed by a config reload: keep the page consistent but page nobody new.
    return { name: page.policy, steps: [{ targets: [], waitMs: 60_000 }], repeat: 0, finalStep: null, ackTimeoutMs: null, origin: { file: '', line: 0, column: 0 } };
  }

  #directory() {
    return buildDirectory(this.#o.config(), this.#o.scheduleChanges);
  }

  async #decideAndApply(tx: PagingTx, page: Page | null, policy: EscalationPolicy, event: PageEvent, now: number, outcome: 'opened' | 'retriggered' | 'resolved' | 'acknowledged'): Promise<AlertOutcome> {
    const decision = decide(page, policy, event, now);
    if (decision.ignored !== undefined) return { outcome: 'ignored', pageId: decision.page.id, reason: decision.ignored };
    const saved = await applyDecision(tx, decision, policy, { directory: this.#directory(), now });
    return { outcome, pageId: saved.id };
  }
}
