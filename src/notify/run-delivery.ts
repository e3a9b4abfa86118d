/** Shared by every channel: runs one delivery through its policy and turns any error into a DeliveryFailure. */
import { describeError } from '../errors/index.js';
import { AttemptTimeoutError, CallAbortedError, CircuitOpenError, RetryBudgetExhaustedError, type ChannelPolicy } from '../reliability/index.js';
import { DeliveryError } from './delivery-error.js';
import type { ChannelType, DeliveryFailureReason, DeliveryResult } from './notification.js';

export async function runDelivery(
  channel: ChannelType,
  destination: string,
  policy: ChannelPolicy,
  attempt: (signal: AbortSignal) => Promise<void>,
  signal?: AbortSignal,
): Promise<DeliveryResult> {
  const started = performance.now();
  let attempts = 0;
  const outcome = () => ({ channel, destination, attempts, durationMs: Math.round(performance.now() - started) });
  try {
    await policy.execute((attemptSignal) => {
      attempts += 1;
      return attempt(attemptSignal);
    }, signal);
    return { ok: true, ...outcome() };
  } catch (err: unknown) {
    return { ok: false, ...outcome(), reason: reasonOf(err), message: `${channel} to ${destination}: ${describeError(err)}` };
  }
}

function reasonOf(err: unknown): DeliveryFailureReason {
  if (err instanceof RetryBudgetExhaustedError) return 'retryBudget';
  if (err instanceof CircuitOpenError) return 'circuitOpen';
  if (err instanceof AttemptTimeoutError) return 'timeout';
  if (err instanceof CallAbortedError) return 'aborted';
  if (err instanceof DeliveryError) return err.reason;
  return 'unreachable';
}
