/**
 * Delivers to a person's contact methods in order until one succeeds. Each failure is returned
 * as a record for the page's timeline, so "Slack failed (breaker open), email delivered" is
 * visible to whoever reviews the page.
 */
import type { DeliveryFailure, DeliverySuccess, Notification, Notifier } from './notification.js';

export interface FallbackOutcome {
  delivered: DeliverySuccess | null;
  /** In the order tried; empty when the first method worked. */
  failures: DeliveryFailure[];
}

export async function deliverWithFallback(contactMethods: readonly Notifier[], notification: Notification, signal?: AbortSignal): Promise<FallbackOutcome> {
  const failures: DeliveryFailure[] = [];
  for (const notifier of contactMethods) {
    if (signal?.aborted) break;
    const result = await notifier.send(notification, signal);
    if (result.ok) return { delivered: result, failures };
    failures.push(result);
  }
  return { delivered: null, failures };
}

/** One line per failure, for timeline entries. */
export function describeFailures(failures: readonly DeliveryFailure[]): string[] {
  return failures.map((f) => `${f.message} [${f.reason}, ${f.attempts} attempt(s), ${f.durationMs} ms]`);
}
