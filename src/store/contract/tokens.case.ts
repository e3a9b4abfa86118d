import { expect, it } from 'vitest';
import { InputError } from '../../errors/index.js';
import type { Scope } from '../store.js';
import { BASE_MS as T, type ContractContext } from './context.js';

export function tokensContract(ctx: ContractContext): void {
  it('creates a token shown once and verifies it to its id, name and scopes', async () => {
    const store = ctx.store();
    const created = await store.createToken({ name: 'ci pipeline', scopes: ['ingest', 'read'], now: T });
    expect(created.token).toMatch(/^sloop_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(created.token).toContain(created.info.id);
    expect(created.info).toEqual({ id: created.info.id, name: 'ci pipeline', scopes: ['ingest', 'read'], createdAt: T, lastUsedAt: null, revokedAt: null });
    expect(await store.verifyToken(created.token, T + 1)).toEqual({ id: created.info.id, name: 'ci pipeline', scopes: ['ingest', 'read'] });
  });

  it('lists tokens without their secret, newest first, and records last use', async () => {
    const store = ctx.store();
    const first = await store.createToken({ name: 'one', scopes: ['read'], now: T });
    const second = await store.createToken({ name: 'two', scopes: ['admin'], now: T + 1 });
    await store.verifyToken(first.token, T + 120_000);
    const listed = await store.listTokens();
    expect(listed.map((t) => t.name)).toEqual(['two', 'one']);
    expect(listed[1]!.lastUsedAt).toBe(T + 120_000);
    const secret = (token: string) => token.split('_').slice(2).join('_');
    const serialised = JSON.stringify(listed);
    expect(serialised).not.toContain(secret(first.token));
    expect(serialised).not.toContain(secret(second.token));
    expect(Object.keys(listed[0]!).sort()).toEqual(['createdAt', 'id', 'lastUsedAt', 'name', 'revokedAt', 'scopes']);
  });

  it('rejects a wrong secret, an unknown id and a malformed token', async () => {
    const store = ctx.store();
    const { token, info } = await store.createToken({ name: 'x', scopes: ['read'], now: T });
    const lastChar = token.at(-1) === 'A' ? 'B' : 'A';
    expect(await store.verifyToken(token.slice(0, -1) + lastChar, T)).toBeNull();
    expect(await store.verifyToken(token.replace(info.id, '0123456789abcdef'), T)).toBeNull();
    expect(await store.verifyToken('sloop_nothex_secret', T)).toBeNull();
    expect(await store.verifyToken('', T)).toBeNull();
    expect((await store.listTokens())[0]!.lastUsedAt).toBeNull();
  });

  it('stops verifying a revoked token and keeps it listed as revoked', async () => {
    const store = ctx.store();
    const { token, info } = await store.createToken({ name: 'x', scopes: ['write'], now: T });
    expect(await store.revokeToken(info.id, T + 10)).toBe(true);
    expect(await store.verifyToken(token, T + 11)).toBeNull();
    expect(await store.revokeToken(info.id, T + 12)).toBe(false);
    expect(await store.revokeToken('0000000000000000', T + 12)).toBe(false);
    expect((await store.listTokens())[0]!.revokedAt).toBe(T + 10);
  });

  it('refuses a token without a name or with unknown or no scopes', async () => {
    const store = ctx.store();
    await expect(store.createToken({ name: ' ', scopes: ['read'], now: T })).rejects.toBeInstanceOf(InputError);
    await expect(store.createToken({ name: 'x', scopes: [], now: T })).rejects.toBeInstanceOf(InputError);
    await expect(store.createToken({ name: 'x', scopes: ['root' as Scope], now: T })).rejects.toBeInstanceOf(InputError);
    expect(await store.listTokens()).toEqual([]);
  });
}
