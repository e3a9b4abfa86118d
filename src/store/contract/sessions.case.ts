import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { InputError } from '../../errors/index.js';
import { BASE_MS as T, type ContractContext } from './context.js';

const HOUR = 60 * 60 * 1000;
const hashOf = (id: string) => createHash('sha256').update(id).digest('hex');
const opts = (now: number, maxPerToken = 10) => ({ now, maxPerToken });

export function sessionsContract(ctx: ContractContext): void {
  it('stores a console session by hash and reads it back with its token, from any instance and after a reopen', async () => {
    const store = ctx.store();
    const { info } = await store.createToken({ name: 'alice', scopes: ['write'], now: T });
    await store.sessions.create({ idHash: hashOf('cookie-1'), tokenId: info.id, expiresAt: T + HOUR }, opts(T));
    const expected = { idHash: hashOf('cookie-1'), tokenId: info.id, createdAt: T, expiresAt: T + HOUR, token: { id: info.id, name: 'alice', scopes: ['write'] } };
    expect(await store.sessions.get(hashOf('cookie-1'), T + 1)).toEqual(expected);
    const other = await ctx.openAnother();
    expect(await other.sessions.get(hashOf('cookie-1'), T + 2)).toEqual(expected);
    expect(await (await ctx.reopen()).sessions.get(hashOf('cookie-1'), T + 3)).toEqual(expected);
    expect(await other.sessions.get(hashOf('cookie-2'), T + 2)).toBeNull();
    expect(await other.sessions.get('not-a-hash', T + 2)).toBeNull();
  });

  it('records the token as used when its session is read, at most once a minute', async () => {
    const store = ctx.store();
    const { info } = await store.createToken({ name: 'alice', scopes: ['read'], now: T });
    await store.sessions.create({ idHash: hashOf('c'), tokenId: info.id, expiresAt: T + HOUR }, opts(T));
    await store.sessions.get(hashOf('c'), T + 1_000);
    await store.sessions.get(hashOf('c'), T + 2_000);
    expect((await store.listTokens())[0]!.lastUsedAt).toBe(T + 1_000);
  });

  it('refuses an expired session and prunes expired rows', async () => {
    const store = ctx.store();
    const { info } = await store.createToken({ name: 'alice', scopes: ['read'], now: T });
    await store.sessions.create({ idHash: hashOf('short'), tokenId: info.id, expiresAt: T + 1_000 }, opts(T));
    await store.sessions.create({ idHash: hashOf('long'), tokenId: info.id, expiresAt: T + HOUR }, opts(T));
    expect(await store.sessions.get(hashOf('short'), T + 999)).not.toBeNull();
    expect(await store.sessions.get(hashOf('short'), T + 1_000)).toBeNull();
    expect(await store.sessions.deleteExpired(T + 1_000)).toBe(1);
    expect(await store.sessions.deleteExpired(T + 1_000)).toBe(0);
    expect(await store.sessions.get(hashOf('long'), T + 1_000)).not.toBeNull();
    // A log-in prunes too: the long session is gone from the table once past its expiry.
    await store.sessions.create({ idHash: hashOf('later'), tokenId: info.id, expiresAt: T + 3 * HOUR }, opts(T + 2 * HOUR));
    expect(await store.sessions.delete(hashOf('long'))).toBe(false);
  });

  it('reports a revoked token as null and deletes a session once', async () => {
    const store = ctx.store();
    const { info } = await store.createToken({ name: 'alice', scopes: ['read'], now: T });
    await store.sessions.create({ idHash: hashOf('c'), tokenId: info.id, expiresAt: T + HOUR }, opts(T));
    await store.revokeToken(info.id, T + 10);
    expect(await store.sessions.get(hashOf('c'), T + 11)).toMatchObject({ tokenId: info.id, token: null });
    expect(await store.sessions.delete(hashOf('c'))).toBe(true);
    expect(await store.sessions.delete(hashOf('c'))).toBe(false);
    expect(await store.sessions.get(hashOf('c'), T + 12)).toBeNull();
  });

  it('keeps at most maxPerToken sessions per token, dropping the oldest', async () => {
    const store = ctx.store();
    const alice = (await store.createToken({ name: 'alice', scopes: ['read'], now: T })).info.id;
    const bob = (await store.createToken({ name: 'bob', scopes: ['read'], now: T })).info.id;
    await store.sessions.create({ idHash: hashOf('bob'), tokenId: bob, expiresAt: T + HOUR }, opts(T, 2));
    for (let i = 0; i < 3; i++) await store.sessions.create({ idHash: hashOf(`alice-${i}`), tokenId: alice, expiresAt: T + HOUR }, opts(T + i, 2));
    const live = async (id: string) => (await store.sessions.get(hashOf(id), T + 10)) !== null;
    expect([await live('alice-0'), await live('alice-1'), await live('alice-2'), await live('bob')]).toEqual([false, true, true, true]);
  });

  it('refuses a malformed hash, an unknown token, a duplicate and a session that is already expired', async () => {
    const store = ctx.store();
    const { info } = await store.createToken({ name: 'alice', scopes: ['read'], now: T });
    await expect(store.sessions.create({ idHash: 'plaintext-cookie', tokenId: info.id, expiresAt: T + HOUR }, opts(T))).rejects.toBeInstanceOf(InputError);
    await expect(store.sessions.create({ idHash: hashOf('x'), tokenId: '0123456789abcdef', expiresAt: T + HOUR }, opts(T))).rejects.toBeInstanceOf(InputError);
    await expect(store.sessions.create({ idHash: hashOf('x'), tokenId: info.id, expiresAt: T }, opts(T))).rejects.toBeInstanceOf(InputError);
    await store.sessions.create({ idHash: hashOf('x'), tokenId: info.id, expiresAt: T + HOUR }, opts(T));
    await expect(store.sessions.create({ idHash: hashOf('x'), tokenId: info.id, expiresAt: T + 2 * HOUR }, opts(T + 1))).rejects.toBeInstanceOf(InputError);
    expect(await store.sessions.get(hashOf('x'), T + 2)).toMatchObject({ createdAt: T, expiresAt: T + HOUR });
  });
}
