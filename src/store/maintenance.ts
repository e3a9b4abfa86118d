/**
 * Periodic clean-up the server runs under a lease (once across replicas), e.g. hourly:
 * counts older than each SLO's retention (window + margin), and expired idempotency keys.
 * Counts of SLOs that left the configuration age out with the longest retention.
 */
import type { Store } from './store.js';

export interface PruneStoreOptions {
  now: number;
  /** Minutes of counts to keep per configured SLO (its window plus a margin). */
  retentionMinutesBySlo: ReadonlyMap<string, number>;
  /** Retention for SLOs not in the map (removed from config); default: the longest in the map. */
  defaultRetentionMinutes?: number;
}

export interface PruneStoreResult {
  countsDeleted: number;
  idempotencyKeysDeleted: number;
}

export async function pruneStore(store: Store, opts: PruneStoreOptions): Promise<PruneStoreResult> {
  const nowMinute = Math.floor(opts.now / 60_000);
  const longest = Math.max(0, ...opts.retentionMinutesBySlo.values());
  const fallback = opts.defaultRetentionMinutes ?? longest;
  let countsDeleted = 0;
  if (fallback > 0) countsDeleted += await store.pruneCounts(nowMinute - Math.max(fallback, longest));
  for (const [slo, minutes] of opts.retentionMinutesBySlo) {
    if (minutes < Math.max(fallback, longest)) countsDeleted += await store.pruneCounts(nowMinute - minutes, { slo });
  }
  const idempotencyKeysDeleted = await store.pruneIdempotencyKeys(opts.now);
  return { countsDeleted, idempotencyKeysDeleted };
}
