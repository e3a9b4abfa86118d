import { expect, it } from 'vitest';
import { storeMigrations } from '../migrations/index.js';
import { BASE_MINUTE as M, BASE_MS as T, type ContractContext } from './context.js';

export function lifecycleContract(ctx: ContractContext): void {
  it('migrates an empty database to the latest version when opened', async () => {
    const expected = Object.keys(storeMigrations(ctx.store().dialect)).sort();
    expect(await ctx.appliedMigrations()).toEqual(expected);
    await ctx.reopen();
    expect(await ctx.appliedMigrations()).toEqual(expected);
  });

  it('keeps counts, alert state, events, tokens and leases across a reopen', async () => {
    const before = ctx.store();
    await before.ingestSamples([{ slo: 'login', samples: [{ minute: M, good: 3, total: 4 }] }], { now: T });
    await before.recordAlertTransitions([{ slo: 'login', kind: 'page', event: 'fired', at: T, burnRates: { '1h': 15 } }]);
    const { token } = await before.createToken({ name: 'x', scopes: ['read'], now: T });
    await before.tryAcquireLease('evaluate', 'a', 60_000, T);

    const after = await ctx.reopen();
    expect(await after.readCounts('login', M, M + 1)).toEqual([{ minute: M, good: 3, total: 4 }]);
    expect(await after.getAlertStates()).toMatchObject([{ slo: 'login', firing: true, since: T }]);
    expect(await after.readEventsAfter(0)).toHaveLength(1);
    expect(await after.verifyToken(token, T + 1)).not.toBeNull();
    expect(await after.tryAcquireLease('evaluate', 'b', 60_000, T + 1)).toBe(false);
  });

  it('closing a store twice is harmless', async () => {
    const store = ctx.store();
    await store.close();
    await store.close();
    await ctx.reopen();
  });
}
