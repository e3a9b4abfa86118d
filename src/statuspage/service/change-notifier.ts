/**
 * Tells subscribers about status changes: compares each fresh model with the last one it saw
 * (changes.ts), picks the active subscribers of the affected components, claims each
 * (change, subscriber) pair in the store, and sends only what it claimed, so a change is
 * delivered once even with several replicas or overlapping checks. A failed delivery is
 * reported to `onError` and not retried later (the channel policy already retried it).
 */
import type { DeliveryResult } from '../../notify/notification.js';
import type { StatusPageModel } from '../model.js';
import { subscribersFor } from '../subscribers.js';
import { snapshotOf, statusChanges, type StatusChange, type StatusSnapshot } from './changes.js';
import type { StatusModelSource } from './status-page-service.js';
import type { StatusStorage, StoredSubscription } from './storage.js';
import type { SubscriberDelivery } from './subscriber-delivery.js';
import { changeEmail, changeWebhookBody } from './subscriber-messages.js';
import { subscriptionUrls, unsubscribeSecret } from './subscription-links.js';

export interface ChangeNotifierDeps {
  source: StatusModelSource;
  storage: StatusStorage;
  delivery: SubscriberDelivery;
  now: () => number;
  baseUrl: () => string;
  linkKey: () => Promise<string>;
  onError?(err: unknown): void;
}

export interface CheckOutcome {
  changes: StatusChange[];
  delivered: DeliveryResult[];
}

export class ChangeNotifier {
  readonly #deps: ChangeNotifierDeps;
  #snapshot: StatusSnapshot | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  #timer: NodeJS.Timeout | null = null;

  constructor(deps: ChangeNotifierDeps) {
    this.#deps = deps;
  }

  /** Records the current page as the baseline (if none yet), so the next change is news. */
  async baseline(): Promise<void> {
    await this.#serial(async () => {
      if (this.#snapshot === null) await this.#takeBaseline(await this.#deps.source.model({ fresh: true }));
    });
  }

  async #takeBaseline(model: StatusPageModel): Promise<void> {
    this.#snapshot = snapshotOf(model);
    for (const [component, status] of Object.entries(this.#snapshot.components)) {
      await this.#deps.storage.announceComponentStatus(component, status, { baseline: true });
    }
  }

  /** Rebuilds the page and notifies subscribers of what changed since the last check. */
  check(): Promise<CheckOutcome> {
    return this.#serial(async () => {
      const model = await this.#deps.source.model({ fresh: true });
      if (this.#snapshot === null) {
        await this.#takeBaseline(model);
        return { changes: [], delivered: [] };
      }
      const changes = statusChanges(this.#snapshot, model);
      this.#snapshot = snapshotOf(model);
      const delivered: DeliveryResult[] = [];
      if (changes.length === 0) return { changes, delivered };
      const subs = await this.#deps.storage.subscriptions.listActive();
      const page = { title: model.title, url: `${this.#deps.baseUrl()}/status`, overall: model.overall };
      for (const change of changes) {
        // Another replica that saw the same component change first announces it.
        if (change.kind === 'component' && !(await this.#deps.storage.announceComponentStatus(change.components[0]!, change.status!))) continue;
        for (const sub of subscribersFor(subs, change.components) as StoredSubscription[]) {
          if (!(await this.#deps.storage.claimNotification(change.key, sub.id, this.#deps.now()))) continue;
          const result = await this.#send(sub, change, page);
          if (!result.ok) this.#deps.onError?.(new Error(`status notification ${change.key} to ${sub.id}: ${result.message}`));
          delivered.push(result);
        }
      }
      return { changes, delivered };
    });
  }

  /** Checks every `intervalMs` for changes made elsewhere (incident updates, time passing into a maintenance window). */
  start(intervalMs: number): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => {
      this.check().catch((err: unknown) => this.#deps.onError?.(err));
    }, intervalMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#queue.catch(() => {});
  }

  async #send(sub: StoredSubscription, change: StatusChange, page: { title: string; url: string; overall: { status: string; label: string } }): Promise<DeliveryResult> {
    const urls = subscriptionUrls(this.#deps.baseUrl(), sub.id, { unsubscribe: unsubscribeSecret(await this.#deps.linkKey(), sub.id) });
    const key = `${change.key}/${sub.id}`;
    if (sub.kind === 'webhook') return this.#deps.delivery.webhook(sub.target, sub.signingSecret, changeWebhookBody(change, page, urls.unsubscribe), key);
    return this.#deps.delivery.email(sub.target, changeEmail(change, page, urls.unsubscribe), key);
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work, work);
    this.#queue = run.catch(() => {});
    return run;
  }
}
