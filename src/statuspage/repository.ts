/**
 * Storage seams for the status page (types only; kysely implementations come next).
 * Incidents come from IncidentRepository; per-day SLI counts are sums over the store's SLI
 * minute counts (`dailyCountsFromMinutes` over a MinuteCountsView, or one GROUP BY day query).
 */
import type { MaintenanceWindow } from './maintenance.js';
import type { Subscription } from './subscribers.js';

export interface MaintenanceRepository {
  save(window: MaintenanceWindow): Promise<void>;
  get(id: string): Promise<MaintenanceWindow | null>;
  /** Windows that end after `endsAfter` (upcoming, running and recently completed). */
  list(query: { endsAfter: number }): Promise<MaintenanceWindow[]>;
  delete(id: string): Promise<void>;
  nextId(): Promise<string>;
}

export interface SubscriptionRepository {
  save(sub: Subscription): Promise<void>;
  get(id: string): Promise<Subscription | null>;
  /** An existing subscription for the same kind and target, so subscribing twice re-sends instead of duplicating. */
  findByTarget(kind: Subscription['kind'], target: string): Promise<Subscription | null>;
  listActive(): Promise<Subscription[]>;
  nextId(): Promise<string>;
}
