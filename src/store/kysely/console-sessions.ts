/**
 * ConsoleSessionStore over kysely (table from migration 0007-console-sessions). Reads join the
 * token row, so one query answers both "is this session live" and "is its token still valid".
 */
import type { Kysely } from 'kysely';
import { InputError } from '../../errors/index.js';
import type { ConsoleSession, ConsoleSessionStore } from '../session-store.js';
import type { Scope } from '../store.js';
import type { StoreSchema } from './schema.js';
import { recordTokenUse } from './tokens.js';

type ConsoleSessionsTable = {
  id_hash: string;
  token_id: string;
  created_at: number;
  expires_at: number;
};

type Db = Kysely<StoreSchema & { console_sessions: ConsoleSessionsTable }>;

const HASH_PATTERN = /^[0-9a-f]{64}$/;

function checkHash(idHash: string): void {
  if (typeof idHash !== 'string' || !HASH_PATTERN.test(idHash)) {
    throw new InputError('a console session is stored by the SHA-256 hex digest of its id, never by the id itself', [{ path: 'idHash', message: 'must be 64 lowercase hex characters' }]);
  }
}

export function createConsoleSessionStore(base: Kysely<StoreSchema>): ConsoleSessionStore {
  const db: Db = base.withTables<{ console_sessions: ConsoleSessionsTable }>();
  return {
    async create(session, opts) {
      checkHash(session.idHash);
      if (!Number.isFinite(session.expiresAt) || session.expiresAt <= opts.now) {
        throw new InputError('a console session must expire after it is created', [{ path: 'expiresAt', message: 'must be later than now' }]);
      }
      if (!Number.isInteger(opts.maxPerToken) || opts.maxPerToken < 1) {
        throw new InputError('the per-token session cap must be a positive integer', [{ path: 'maxPerToken', message: 'must be >= 1' }]);
      }
      await db.transaction().execute(async (trx) => {
        const token = await trx.selectFrom('api_tokens').select('id').where('id', '=', session.tokenId).executeTakeFirst();
        if (!token) throw new InputError(`no API token ${session.tokenId}; a console session needs the token it was created from`, [{ path: 'tokenId', message: 'unknown token' }]);
        await trx.deleteFrom('console_sessions').where('expires_at', '<=', opts.now).execute();
        // Keep the newest maxPerToken - 1, so the new one makes maxPerToken.
        const keep = trx.selectFrom('console_sessions').select('id_hash').where('token_id', '=', session.tokenId)
          .orderBy('created_at', 'desc').orderBy('id_hash', 'desc').limit(opts.maxPerToken - 1);
        await trx.deleteFrom('console_sessions').where('token_id', '=', session.tokenId).where('id_hash', 'not in', keep).execute();
        const inserted = await trx.insertInto('console_sessions')
          .values({ id_hash: session.idHash, token_id: session.tokenId, created_at: opts.now, expires_at: session.expiresAt })
          .onConflict((oc) => oc.column('id_hash').doNothing())
          .returning('id_hash')
          .executeTakeFirst();
        if (!inserted) throw new InputError('a console session with this id already exists; generate a new random id', [{ path: 'idHash', message: 'already in use' }]);
      });
    },

    async get(idHash, now) {
      if (typeof idHash !== 'string' || !HASH_PATTERN.test(idHash)) return null;
      const row = await db.selectFrom('console_sessions as s')
        .leftJoin('api_tokens as t', 't.id', 's.token_id')
        .select(['s.id_hash', 's.token_id', 's.created_at', 's.expires_at', 't.id as t_id', 't.name', 't.scopes', 't.revoked_at', 't.last_used_at'])
        .where('s.id_hash', '=', idHash)
        .where('s.expires_at', '>', now)
        .executeTakeFirst();
      if (!row) return null;
      const valid = row.t_id !== null && row.revoked_at === null;
      if (valid) await recordTokenUse(base, { id: row.t_id!, last_used_at: row.last_used_at }, now);
      const session: ConsoleSession = {
        idHash: row.id_hash,
        tokenId: row.token_id,
        createdAt: Number(row.created_at),
        expiresAt: Number(row.expires_at),
        token: valid ? { id: row.t_id!, name: row.name!, scopes: JSON.parse(row.scopes!) as Scope[] } : null,
      };
      return session;
    },

    async delete(idHash) {
      if (typeof idHash !== 'string' || !HASH_PATTERN.test(idHash)) return false;
      const result = await db.deleteFrom('console_sessions').where('id_hash', '=', idHash).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async deleteExpired(now) {
      const result = await db.deleteFrom('console_sessions').where('expires_at', '<=', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
