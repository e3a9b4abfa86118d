import { UnavailableError } from '../errors/index.js';
import type { DeliveryFailureReason } from './notification.js';

/** A receiver's answer that is not a success; `retryable` drives the channel policy. */
export class DeliveryError extends UnavailableError {
  readonly reason: DeliveryFailureReason;
  readonly retryable: boolean;
  constructor(reason: DeliveryFailureReason, retryable: boolean, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
    this.retryable = retryable;
  }
}

export function isRetryableDelivery(err: unknown): boolean {
  return !(err instanceof DeliveryError) || err.retryable;
}
