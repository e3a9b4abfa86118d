/** API token rows: create, verify, list, revoke. See token-format.ts for the format and hashing. */
import type { Kysely } from 'kysely';
import { InputError } from '../../errors/index.js';
import { isScope } from '../scopes.js';
import type { CreateTokenInput, CreatedToken, Scope, TokenInfo, VerifiedToken } from '../store.js';
import type { ApiTokensTable, StoreSchema } from './schema.js';
import { generateToken, parseToken, secretMatches } from './token-format.js';

/** Writing lastUsedAt on every request would turn every read into a write; once a minute is enough. */
const LAST_USED_RESOLUTION_MS = 60_000;

function toInfo(row: ApiTokensTable): TokenInfo {
  return {
    id: row.id,
    name: row.name,
    scopes: JSON.parse(row.scopes) as Scope[],
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

function validate(input: CreateTokenInput): Scope[] {
  if (typeof input.name !== 'string' || input.name.trim().length === 0 || input.name.length > 200) {
    throw new InputError('a token needs a name of 1 to 200 characters; pass --name', [{ path: 'name', message: 'must be 1 to 200 characters' }]);
  }
  const scopes = Array.isArray(input.scopes) ? input.scopes : [];
  const bad = scopes.filter((s) => !isScope(s));
  if (scopes.length === 0 || bad.length > 0) {
    throw new InputError('a token needs at least one scope out of ingest, read, write, admin', [
      { path: 'scopes', message: bad.length > 0 ? `unknown scope(s): ${bad.join(', ')}` : 'must not be empty' },
    ]);
  }
  return [...new Set(scopes)];
}

export async function createToken(db: Kysely<StoreSchema>, input: CreateTokenInput): Promise<CreatedToken> {
  const scopes = validate(input);
  const generated = generateToken();
  const row: ApiTokensTable = {
    id: generated.id,
    name: input.name.trim(),
    scopes: JSON.stringify(scopes),
    secret_hash: generated.secretHash,
    created_at: input.now,
    last_used_at: null,
    revoked_at: null,
  };
  await db.insertInto('api_tokens').values(row).execute();
  return { token: generated.token, info: toInfo(row) };
}

export async function verifyToken(db: Kysely<StoreSchema>, plaintext: string, now: number): Promise<VerifiedToken | null> {
  const parsed = typeof plaintext === 'string' ? parseToken(plaintext) : null;
  if (!parsed) return null;
  const row = await db.selectFrom('api_tokens').selectAll().where('id', '=', parsed.id).executeTakeFirst();
  if (!row || row.revoked_at !== null || !secretMatches(parsed.secret, row.secret_hash)) return null;
  await recordTokenUse(db, row, now);
  return { id: row.id, name: row.name, scopes: JSON.parse(row.scopes) as Scope[] };
}

/** Sets lastUsedAt unless it was set within the last minute (console sessions share this). */
export async function recordTokenUse(db: Kysely<StoreSchema>, row: Pick<ApiTokensTable, 'id' | 'last_used_at'>, now: number): Promise<void> {
  if (row.last_used_at === null || row.last_used_at <= now - LAST_USED_RESOLUTION_MS) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
  }
}

export async function listTokens(db: Kysely<StoreSchema>): Promise<TokenInfo[]> {
  const rows = await db.selectFrom('api_tokens').selectAll().orderBy('created_at', 'desc').orderBy('id').execute();
  return rows.map(toInfo);
}

export async function revokeToken(db: Kysely<StoreSchema>, id: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
