/**
 * What the status page keeps between restarts, as one storage seam (implemented over kysely
 * in src/store/kysely/status.ts, migration 0005-status). Maintenance windows and
 * subscriptions follow the domain's repository interfaces; hand-set component overrides and
 * the "already notified" claims are the server's own.
 */
import type { ComponentStatus } from '../../incidents/model.js';
import type { MaintenanceRepository, SubscriptionRepository } from '../repository.js';
import type { Subscription } from '../subscribers.js';

/** A component status set by hand by the Communications lead, outside any one incident. */
export interface ComponentOverride {
  component: string;
  status: ComponentStatus;
  /** Public text shown nowhere yet; kept for the audit trail. */
  reason: string;
  setBy: string;
  setAt: number;
}

export interface StatusMaintenanceStore extends MaintenanceRepository {
  /** Marks a window cancelled (kept for the record); false when there is no such open window. */
  cancel(id: string, opts: { now: number; by: string }): Promise<boolean>;
}

export interface StoredSubscription extends Subscription {
  /** HMAC key for webhook deliveries (shown once to the subscriber); null for email. */
  signingSecret: string | null;
}

export interface StatusSubscriptionStore extends Omit<SubscriptionRepository, 'save' | 'get' | 'findByTarget' | 'listActive'> {
  save(sub: StoredSubscription): Promise<void>;
  get(id: string): Promise<StoredSubscription | null>;
  findByTarget(kind: Subscription['kind'], target: string): Promise<StoredSubscription | null>;
  listActive(): Promise<StoredSubscription[]>;
}

export interface ComponentOverrideStore {
  list(): Promise<ComponentOverride[]>;
  set(override: ComponentOverride): Promise<void>;
  /** Back to the derived status; false when none was set. */
  clear(component: string): Promise<boolean>;
}

export interface StatusStorage {
  maintenance: StatusMaintenanceStore;
  subscriptions: StatusSubscriptionStore;
  overrides: ComponentOverrideStore;
  /**
   * Records that notification `key` was sent to subscriber `subscriptionId`; true only for the
   * first caller, so replicas and retries never send the same change twice.
   */
  claimNotification(key: string, subscriptionId: string, now: number): Promise<boolean>;
  /**
   * The component status last announced to subscribers, shared by replicas. Moves it to
   * `status` and answers true only for the caller that moved it (false when it already was
   * `status`), so one replica announces each component change. `baseline` sets it without
   * announcing anything (at start, to the status the server sees).
   */
  announceComponentStatus(component: string, status: ComponentStatus, opts?: { baseline?: boolean }): Promise<boolean>;
}
