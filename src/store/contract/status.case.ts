import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { StoredSubscription } from '../../statuspage/service/storage.js';
import { BASE_MS as T, type ContractContext } from './context.js';

const H = 3_600_000;
/** The PostgreSQL harness does not empty tables between tests; unique names isolate them. */
const unique = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

function subscription(id: string, over: Partial<StoredSubscription> = {}): StoredSubscription {
  return {
    id, kind: 'email', target: `${unique('reader')}@example.com`, components: ['login'], state: 'pending',
    confirmTokenHash: 'a'.repeat(64), confirmExpiresAt: T + 48 * H, unsubscribeTokenHash: 'b'.repeat(64), signingSecret: null,
    createdAt: T, confirmedAt: null, unsubscribedAt: null, ...over,
  };
}

export function statusContract(ctx: ContractContext): void {
  it('keeps maintenance windows, lists those ending after a time, and hides cancelled ones', async () => {
    const store = ctx.store();
    const id = await store.status.maintenance.nextId();
    const later = await store.status.maintenance.nextId();
    expect(id).toMatch(/^MW-\d+$/);
    expect(Number(later.slice(3))).toBe(Number(id.slice(3)) + 1);
    const window = { id, title: 'DB upgrade', description: 'Read-only for 10 minutes', components: ['checkout', 'api'], startsAt: T + H, endsAt: T + 2 * H, announceAt: T, createdBy: 'frank', createdAt: T - H };
    await store.status.maintenance.save(window);
    await store.status.maintenance.save({ ...window, id: later, startsAt: T - 3 * H, endsAt: T - 2 * H });
    const reopened = await ctx.reopen();
    expect(await reopened.status.maintenance.get(id)).toEqual(window);
    const listed = (await reopened.status.maintenance.list({ endsAfter: T })).filter((w) => [id, later].includes(w.id));
    expect(listed).toEqual([window]);
    expect(await reopened.status.maintenance.cancel(id, { now: T, by: 'frank' })).toBe(true);
    expect(await reopened.status.maintenance.cancel(id, { now: T, by: 'frank' })).toBe(false);
    expect(await reopened.status.maintenance.get(id)).toBeNull();
    expect((await reopened.status.maintenance.list({ endsAfter: 0 })).map((w) => w.id)).not.toContain(id);
  });

  it('saves subscriptions, finds them by target, and lists only active ones', async () => {
    const store = ctx.store();
    const pending = subscription(await store.status.subscriptions.nextId());
    const hook = subscription(await store.status.subscriptions.nextId(), { kind: 'webhook', target: `https://hooks.example.com/${unique('h')}`, state: 'active', confirmTokenHash: null, confirmExpiresAt: null, signingSecret: 'whsec', confirmedAt: T, components: [] });
    await store.status.subscriptions.save(pending);
    await store.status.subscriptions.save(hook);
    const reopened = await ctx.reopen();
    expect(await reopened.status.subscriptions.get(pending.id)).toEqual(pending);
    expect(await reopened.status.subscriptions.findByTarget('email', pending.target)).toEqual(pending);
    expect(await reopened.status.subscriptions.findByTarget('webhook', pending.target)).toBeNull();
    let active = (await reopened.status.subscriptions.listActive()).map((s) => s.id);
    expect(active).toContain(hook.id);
    expect(active).not.toContain(pending.id);
    await reopened.status.subscriptions.save({ ...pending, state: 'active', confirmTokenHash: null, confirmExpiresAt: null, confirmedAt: T + H });
    active = (await reopened.status.subscriptions.listActive()).map((s) => s.id);
    expect(active).toEqual(expect.arrayContaining([pending.id, hook.id]));
    expect((await reopened.status.subscriptions.get(pending.id))?.confirmedAt).toBe(T + H);
  });

  it('sets, replaces and clears component overrides', async () => {
    const store = ctx.store();
    const component = unique('login');
    await store.status.overrides.set({ component, status: 'partial_outage', reason: 'EU only', setBy: 'erin', setAt: T });
    await store.status.overrides.set({ component, status: 'major_outage', reason: 'everywhere', setBy: 'erin', setAt: T + H });
    const reopened = await ctx.reopen();
    expect((await reopened.status.overrides.list()).filter((o) => o.component === component)).toEqual([{ component, status: 'major_outage', reason: 'everywhere', setBy: 'erin', setAt: T + H }]);
    expect(await reopened.status.overrides.clear(component)).toBe(true);
    expect(await reopened.status.overrides.clear(component)).toBe(false);
    expect((await reopened.status.overrides.list()).some((o) => o.component === component)).toBe(false);
  });

  it('lets exactly one of two store instances announce a component status change', async () => {
    const component = unique('login');
    const other = await ctx.openAnother();
    await ctx.store().status.announceComponentStatus(component, 'operational', { baseline: true });
    const moved = await Promise.all([ctx.store().status.announceComponentStatus(component, 'major_outage'), other.status.announceComponentStatus(component, 'major_outage')]);
    expect(moved.filter(Boolean)).toHaveLength(1);
    expect(await other.status.announceComponentStatus(component, 'major_outage')).toBe(false);
    expect(await other.status.announceComponentStatus(component, 'operational')).toBe(true);
    // A baseline sets the register without counting as an announcement by anyone else.
    expect(await ctx.store().status.announceComponentStatus(component, 'partial_outage', { baseline: true })).toBe(true);
    expect(await other.status.announceComponentStatus(component, 'partial_outage')).toBe(false);
    expect(await other.status.announceComponentStatus(unique('new'), 'operational')).toBe(true);
  });

  it('lets exactly one of two store instances claim a notification', async () => {
    const key = unique('component:login:major_outage');
    const other = await ctx.openAnother();
    const claims = await Promise.all([ctx.store().status.claimNotification(key, 'SUB-1', T), other.status.claimNotification(key, 'SUB-1', T)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await other.status.claimNotification(key, 'SUB-2', T)).toBe(true);
  });
}
