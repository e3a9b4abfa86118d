/**
 * The single cockatiel adapter: every outbound channel call runs through `createChannelPolicy`.
 * Composition, outermost first: retry (exponential backoff with decorrelated jitter, limited by
 * a retry budget) -> circuit breaker (consecutive failures) -> aggressive timeout per attempt,
 * whose AbortSignal reaches the call so the socket is really closed.
 *
 * cockatiel 3.2.1's retry delay ignores abort signals, so `execute` races the whole pipeline
 * with the caller's signal and refuses to start an attempt once that signal has fired.
 */
import {
  ConsecutiveBreaker,
  ExponentialBackoff,
  TimeoutStrategy,
  circuitBreaker,
  decorrelatedJitterGenerator,
  handleWhen,
  isBrokenCircuitError,
  retry,
  timeout,
  wrap,
  type IBackoff,
  type IBackoffFactory,
  type IRetryBackoffContext,
} from 'cockatiel';
import { AttemptTimeoutError, CallAbortedError, CircuitOpenError, RetryBudgetExhaustedError } from './errors.js';
import type { RetryBudget } from './retry-budget.js';

export interface ChannelPolicyOptions {
  /** Used in error messages, e.g. `slack hooks.slack.com`. */
  name: string;
  timeoutMs: number;
  /** Total attempts including the first; 1 disables retries. */
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
  breaker: { consecutiveFailures: number; halfOpenAfterMs: number };
  /** Shared across channels when given; retries stop when it is empty. */
  retryBudget?: RetryBudget;
  /** Errors retrying cannot fix (e.g. HTTP 400). They still count for the breaker. */
  isRetryable?: (err: unknown) => boolean;
}

export const CHANNEL_POLICY_DEFAULTS = {
  timeoutMs: 10_000,
  maxAttempts: 3,
  initialDelayMs: 200,
  maxDelayMs: 5_000,
  breaker: { consecutiveFailures: 5, halfOpenAfterMs: 30_000 },
} as const;

export type CircuitStateName = 'closed' | 'open' | 'halfOpen' | 'isolated';

export interface ChannelPolicy {
  readonly name: string;
  /** Runs `fn` with timeout, retries and breaker; throws sloop errors from ./errors.ts or fn's own. */
  execute<T>(fn: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T>;
  circuitState(): CircuitStateName;
}

const STATE_NAMES: Record<number, CircuitStateName> = { 0: 'closed', 1: 'open', 2: 'halfOpen', 3: 'isolated' };

export function createChannelPolicy(options: ChannelPolicyOptions): ChannelPolicy {
  validate(options);
  const { name, retryBudget } = options;
  const isRetryable = options.isRetryable ?? (() => true);

  const attemptTimeout = timeout(options.timeoutMs, TimeoutStrategy.Aggressive);
  const breaker = circuitBreaker(
    // A call its own caller cancelled says nothing about the receiver's health.
    handleWhen((err) => !(err instanceof CallAbortedError) && err.name !== 'AbortError'),
    {
      halfOpenAfter: options.breaker.halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(options.breaker.consecutiveFailures),
    },
  );
  const backoff = new ExponentialBackoff({
    generator: decorrelatedJitterGenerator,
    initialDelay: options.initialDelayMs,
    maxDelay: options.maxDelayMs,
  });

  return {
    name,
    circuitState: () => STATE_NAMES[breaker.state] ?? 'closed',
    async execute<T>(fn: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
      if (signal?.aborted) throw new CallAbortedError(name);
      const caller = signal ?? new AbortController().signal;
      retryBudget?.recordCall();
      const retryPolicy = retry(
        handleWhen((err) => !caller.aborted && !isBrokenCircuitError(err) && isRetryable(err)),
        {
          maxAttempts: options.maxAttempts - 1,
          backoff: retryBudget ? budgeted(backoff, retryBudget, name) : backoff,
        },
      );
      const pipeline = wrap(retryPolicy, breaker, attemptTimeout);
      const run = pipeline.execute(({ signal: attemptSignal }) => {
        // A retry delay may end after the caller gave up: never start another attempt then.
        if (caller.aborted) throw new CallAbortedError(name);
        return fn(attemptSignal).catch((err: unknown) => {
          // A call that honours the signal rejects before cockatiel's own timeout error does.
          if (attemptSignal.aborted && !caller.aborted) throw new AttemptTimeoutError(name, options.timeoutMs);
          throw err;
        });
      }, caller);
      try {
        return await raceAbort(run, caller, name);
      } catch (err: unknown) {
        throw translate(err, options, caller);
      }
    },
  };
}

function translate(err: unknown, options: ChannelPolicyOptions, caller: AbortSignal): unknown {
  if (caller.aborted) return err instanceof CallAbortedError ? err : new CallAbortedError(options.name);
  if (isBrokenCircuitError(err)) return new CircuitOpenError(options.name, { cause: err });
  if (isTaskCancelledError(err)) return new AttemptTimeoutError(options.name, options.timeoutMs);
  return err;
}

function raceAbort<T>(run: Promise<T>, signal: AbortSignal, name: string): Promise<T> {
  // The pipeline may still settle after we stopped waiting; it must not become unhandled.
  run.catch(() => undefined);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new CallAbortedError(name));
    signal.addEventListener('abort', onAbort, { once: true });
    run.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * cockatiel 3.2.1's own `isTaskCancelledError` tests for the bulkhead marker (a bug), so check
 * the timeout marker directly.
 */
function isTaskCancelledError(err: unknown): boolean {
  return err instanceof Error && 'isTaskCancelledError' in err;
}

type RetryContext = IRetryBackoffContext<unknown>;

/** Wraps a backoff so each retry first takes a token; an empty budget ends the retries. */
function budgeted(inner: IBackoffFactory<RetryContext>, budget: RetryBudget, name: string): IBackoffFactory<RetryContext> {
  return {
    next(context: RetryContext): IBackoff<RetryContext> {
      if (!budget.tryAcquireRetry()) {
        const last = 'error' in context.result ? context.result.error : new Error('unexpected result');
        // A timeout or open breaker reads better than cockatiel's own error in the message.
        throw new RetryBudgetExhaustedError(name, isTaskCancelledError(last) ? `timed out` : last);
      }
      const step = inner.next(context);
      return { duration: step.duration, next: (ctx: RetryContext) => budgeted(step, budget, name).next(ctx) };
    },
  };
}

function validate(o: ChannelPolicyOptions): void {
  const positive = (v: number, field: string) => {
    if (!(Number.isFinite(v) && v > 0)) throw new RangeError(`channel policy ${o.name}: ${field} must be a positive number, got ${v}`);
  };
  positive(o.timeoutMs, 'timeoutMs');
  positive(o.maxAttempts, 'maxAttempts');
  positive(o.maxDelayMs, 'maxDelayMs');
  positive(o.breaker.consecutiveFailures, 'breaker.consecutiveFailures');
  positive(o.breaker.halfOpenAfterMs, 'breaker.halfOpenAfterMs');
  if (!(o.initialDelayMs >= 0)) throw new RangeError(`channel policy ${o.name}: initialDelayMs must be >= 0`);
}
