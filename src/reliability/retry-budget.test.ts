import { describe, expect, it } from 'vitest';
import { RetryBudget } from './retry-budget.js';

function clockAt(start: number) {
  const clock = { now: start, fn: () => clock.now };
  return clock;
}

describe('RetryBudget', () => {
  it('allows only the floor of retries when there were no calls', () => {
    const clock = clockAt(1_000_000);
    const budget = new RetryBudget({ ratio: 0.1, minRetriesPerSecond: 0.2, windowMs: 10_000, clock: clock.fn });
    expect(budget.available()).toBe(2);
    expect(budget.tryAcquireRetry()).toBe(true);
    expect(budget.tryAcquireRetry()).toBe(true);
    expect(budget.tryAcquireRetry()).toBe(false);
    expect(budget.snapshot().rejected).toBe(1);
  });

  it('earns one retry per ten calls at a 10% ratio', () => {
    const clock = clockAt(5_000_000);
    const budget = new RetryBudget({ ratio: 0.1, minRetriesPerSecond: 0, windowMs: 10_000, clock: clock.fn });
    for (let i = 0; i < 25; i++) budget.recordCall();
    expect(budget.available()).toBe(2);
    expect(budget.tryAcquireRetry()).toBe(true);
    expect(budget.tryAcquireRetry()).toBe(true);
    expect(budget.tryAcquireRetry()).toBe(false);
  });

  it('forgets calls and retries that fall out of the window', () => {
    const clock = clockAt(9_000_000);
    const budget = new RetryBudget({ ratio: 0.5, minRetriesPerSecond: 0, windowMs: 2_000, clock: clock.fn });
    for (let i = 0; i < 4; i++) budget.recordCall();
    expect(budget.tryAcquireRetry()).toBe(true);
    expect(budget.available()).toBe(1);
    clock.now += 2_000;
    expect(budget.snapshot()).toMatchObject({ calls: 0, retries: 0, available: 0 });
  });

  it('rejects a window shorter than one second', () => {
    expect(() => new RetryBudget({ windowMs: 500 })).toThrow(/at least 1000 ms/);
  });
});
