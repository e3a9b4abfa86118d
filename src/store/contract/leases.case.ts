import { expect, it } from 'vitest';
import { BASE_MS as T, type ContractContext } from './context.js';

export function leasesContract(ctx: ContractContext): void {
  it('grants a free lease and refuses another holder until it expires', async () => {
    const store = ctx.store();
    expect(await store.tryAcquireLease('evaluate', 'replica-a', 30_000, T)).toBe(true);
    expect(await store.tryAcquireLease('evaluate', 'replica-b', 30_000, T + 29_999)).toBe(false);
    expect(await store.getLease('evaluate')).toEqual({ name: 'evaluate', holder: 'replica-a', expiresAt: T + 30_000 });
    expect(await store.tryAcquireLease('evaluate', 'replica-b', 30_000, T + 30_000)).toBe(true);
    expect(await store.tryAcquireLease('evaluate', 'replica-a', 30_000, T + 30_001)).toBe(false);
    expect((await store.getLease('evaluate'))?.holder).toBe('replica-b');
  });

  it('renews for the holder, extending the expiry', async () => {
    const store = ctx.store();
    await store.tryAcquireLease('evaluate', 'replica-a', 30_000, T);
    expect(await store.tryAcquireLease('evaluate', 'replica-a', 30_000, T + 20_000)).toBe(true);
    expect(await store.tryAcquireLease('evaluate', 'replica-b', 30_000, T + 40_000)).toBe(false);
    expect((await store.getLease('evaluate'))?.expiresAt).toBe(T + 50_000);
  });

  it('lets another holder in right after a release, and ignores a release by a non-holder', async () => {
    const store = ctx.store();
    await store.tryAcquireLease('evaluate', 'replica-a', 30_000, T);
    await store.releaseLease('evaluate', 'replica-b');
    expect(await store.tryAcquireLease('evaluate', 'replica-b', 30_000, T + 1)).toBe(false);
    await store.releaseLease('evaluate', 'replica-a');
    expect(await store.getLease('evaluate')).toBeNull();
    expect(await store.tryAcquireLease('evaluate', 'replica-b', 30_000, T + 2)).toBe(true);
  });

  it('keeps differently named leases independent', async () => {
    const store = ctx.store();
    expect(await store.tryAcquireLease('evaluate', 'a', 1000, T)).toBe(true);
    expect(await store.tryAcquireLease('escalate', 'b', 1000, T)).toBe(true);
  });

  it('grants each round to exactly one of two store instances racing for it', async () => {
    const stores = [ctx.store(), await ctx.openAnother()];
    for (let round = 0; round < 20; round++) {
      const now = T + round * 10_000;
      const results = await Promise.all(
        ['a1', 'b1', 'a2', 'b2'].map((holder, i) => stores[i % 2]!.tryAcquireLease('tick', holder, 10_000, now)),
      );
      expect(results.filter(Boolean), `round ${round}`).toHaveLength(1);
    }
  });
}
