import { describe, expect, it } from 'vitest';
import { createChannelPolicy, type ChannelPolicyOptions } from './channel-policy.js';
import { AttemptTimeoutError, CallAbortedError, CircuitOpenError, RetryBudgetExhaustedError } from './errors.js';
import { RetryBudget } from './retry-budget.js';

const fast: ChannelPolicyOptions = {
  name: 'test channel',
  timeoutMs: 200,
  maxAttempts: 3,
  initialDelayMs: 1,
  maxDelayMs: 5,
  breaker: { consecutiveFailures: 3, halfOpenAfterMs: 40 },
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function flaky(failures: number) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    fn: async () => {
      calls += 1;
      if (calls <= failures) throw new Error(`failure ${calls}`);
      return 'ok';
    },
  };
}

describe('createChannelPolicy', () => {
  it('retries a failing call and returns the first success', async () => {
    const policy = createChannelPolicy(fast);
    const target = flaky(2);
    await expect(policy.execute(target.fn)).resolves.toBe('ok');
    expect(target.calls).toBe(3);
  });

  it('gives up after maxAttempts and throws the last error', async () => {
    const policy = createChannelPolicy({ ...fast, breaker: { consecutiveFailures: 10, halfOpenAfterMs: 40 } });
    const target = flaky(99);
    await expect(policy.execute(target.fn)).rejects.toThrow('failure 3');
    expect(target.calls).toBe(3);
  });

  it('does not retry errors marked as not retryable', async () => {
    const policy = createChannelPolicy({ ...fast, isRetryable: () => false });
    const target = flaky(99);
    await expect(policy.execute(target.fn)).rejects.toThrow('failure 1');
    expect(target.calls).toBe(1);
  });

  it('opens the breaker after N consecutive failures, fails fast, and half-opens later', async () => {
    const policy = createChannelPolicy({ ...fast, maxAttempts: 1 });
    const target = flaky(3);
    for (let i = 0; i < 3; i++) await expect(policy.execute(target.fn)).rejects.toThrow(/failure/);
    expect(policy.circuitState()).toBe('open');
    await expect(policy.execute(target.fn)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(target.calls).toBe(3);
    await sleep(60);
    await expect(policy.execute(target.fn)).resolves.toBe('ok');
    expect(policy.circuitState()).toBe('closed');
    expect(target.calls).toBe(4);
  });

  it('reopens the breaker when the half-open trial call fails', async () => {
    const policy = createChannelPolicy({ ...fast, maxAttempts: 1, breaker: { consecutiveFailures: 2, halfOpenAfterMs: 30 } });
    const target = flaky(99);
    for (let i = 0; i < 2; i++) await expect(policy.execute(target.fn)).rejects.toThrow(/failure/);
    await sleep(45);
    await expect(policy.execute(target.fn)).rejects.toThrow('failure 3');
    expect(policy.circuitState()).toBe('open');
    await expect(policy.execute(target.fn)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(target.calls).toBe(3);
  });

  it('does not retry while the breaker is open', async () => {
    const policy = createChannelPolicy({ ...fast, maxAttempts: 5, breaker: { consecutiveFailures: 2, halfOpenAfterMs: 10_000 } });
    const target = flaky(99);
    await expect(policy.execute(target.fn)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(target.calls).toBe(2);
  });

  it('stops retrying when the retry budget is empty', async () => {
    const budget = new RetryBudget({ ratio: 0, minRetriesPerSecond: 0.1, windowMs: 10_000 });
    const policy = createChannelPolicy({ ...fast, maxAttempts: 5, retryBudget: budget, breaker: { consecutiveFailures: 50, halfOpenAfterMs: 40 } });
    const target = flaky(99);
    const err = await policy.execute(target.fn).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetryBudgetExhaustedError);
    expect((err as Error).message).toContain('failure 2');
    // One floor retry was spent, so the first call got exactly one retry and the next none.
    expect(target.calls).toBe(2);
    await expect(policy.execute(target.fn)).rejects.toBeInstanceOf(RetryBudgetExhaustedError);
    expect(target.calls).toBe(3);
  });

  it('aborts a hanging call after timeoutMs and passes the abort to the call', async () => {
    const policy = createChannelPolicy({ ...fast, timeoutMs: 30, maxAttempts: 1 });
    let sawAbort = false;
    const started = Date.now();
    const hang = (signal: AbortSignal) =>
      new Promise<string>((_, reject) => {
        signal.addEventListener('abort', () => {
          sawAbort = true;
          reject(new Error('aborted'));
        });
      });
    await expect(policy.execute(hang)).rejects.toBeInstanceOf(AttemptTimeoutError);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(sawAbort).toBe(true);
  });

  it('retries after a timed-out attempt and returns the later success', async () => {
    const policy = createChannelPolicy({ ...fast, timeoutMs: 30 });
    let calls = 0;
    const hangOnce = (signal: AbortSignal) =>
      new Promise<string>((resolve, reject) => {
        calls += 1;
        if (calls > 1) return resolve('ok');
        signal.addEventListener('abort', () => reject(new Error('aborted')));
      });
    await expect(policy.execute(hangOnce)).resolves.toBe('ok');
    expect(calls).toBe(2);
  });

  it('stops waiting and starts no further attempt when the caller aborts during a retry delay', async () => {
    const policy = createChannelPolicy({ ...fast, initialDelayMs: 600, maxDelayMs: 600, maxAttempts: 3 });
    const target = flaky(99);
    const caller = new AbortController();
    const pending = policy.execute(target.fn, caller.signal);
    setTimeout(() => caller.abort(), 20);
    const started = Date.now();
    await expect(pending).rejects.toBeInstanceOf(CallAbortedError);
    expect(Date.now() - started).toBeLessThan(400);
    await sleep(900);
    expect(target.calls).toBe(1);
  });

  it('rejects nonsensical settings with the field name', () => {
    expect(() => createChannelPolicy({ ...fast, timeoutMs: 0 })).toThrow(/timeoutMs must be a positive number/);
  });
});
