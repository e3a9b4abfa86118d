/**
 * Failures the channel policy reports in sloop's own types, so no caller ever needs to know
 * cockatiel's error classes (the adapter is the one place that may change with cockatiel 4).
 */
import { UnavailableError, describeError } from '../errors/index.js';

export class AttemptTimeoutError extends UnavailableError {
  readonly timeoutMs: number;
  constructor(channel: string, timeoutMs: number) {
    super(`${channel}: no answer within ${timeoutMs} ms; check that the receiver is reachable or raise timeoutMs`);
    this.timeoutMs = timeoutMs;
  }
}

export class CircuitOpenError extends UnavailableError {
  constructor(channel: string, options?: { cause?: unknown }) {
    super(
      `${channel}: circuit breaker is open after repeated failures, so the call was not attempted; ` +
        'it is retried automatically once the receiver recovers',
      options,
    );
  }
}

export class RetryBudgetExhaustedError extends UnavailableError {
  constructor(channel: string, lastError: unknown) {
    super(
      `${channel}: failed (${describeError(lastError)}) and the retry budget is spent, so it was not retried; ` +
        'the receiver is failing for many calls at once',
      { cause: lastError },
    );
  }
}

export class CallAbortedError extends UnavailableError {
  constructor(channel: string) {
    super(`${channel}: the call was cancelled by its caller before it finished`);
  }
}
