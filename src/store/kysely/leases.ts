/**
 * Leases: one row per named piece of work. Acquisition is a single upsert whose DO UPDATE
 * only applies when the row is ours or expired, so concurrent callers on PostgreSQL are
 * serialised by the row lock and exactly one gets a row back from RETURNING. Times come from
 * the callers, so replicas' clocks must roughly agree (NTP); keep ttlMs well above the skew.
 */
import type { Kysely } from 'kysely';
import { InputError } from '../../errors/index.js';
import type { LeaseInfo } from '../store.js';
import type { StoreSchema } from './schema.js';

function validate(name: string, holder: string, ttlMs: number): void {
  if (typeof name !== 'string' || name.length === 0) throw new InputError('a lease needs a name', [{ path: 'name', message: 'must be non-empty' }]);
  if (typeof holder !== 'string' || holder.length === 0) throw new InputError('a lease needs a holder id', [{ path: 'holder', message: 'must be non-empty' }]);
  if (!Number.isSafeInteger(ttlMs) || ttlMs <= 0) throw new InputError('a lease ttl must be a positive whole number of milliseconds', [{ path: 'ttlMs', message: 'must be > 0' }]);
}

export async function tryAcquireLease(db: Kysely<StoreSchema>, name: string, holder: string, ttlMs: number, now: number): Promise<boolean> {
  validate(name, holder, ttlMs);
  const row = await db
    .insertInto('leases')
    .values({ name, holder, expires_at: now + ttlMs, acquired_at: now })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet((eb) => ({
          holder: eb.ref('excluded.holder'),
          expires_at: eb.ref('excluded.expires_at'),
          acquired_at: eb
            .case()
            .when('leases.holder', '=', eb.ref('excluded.holder'))
            .then(eb.ref('leases.acquired_at'))
            .else(eb.ref('excluded.acquired_at'))
            .end(),
        }))
        .where((eb) => eb.or([eb('leases.holder', '=', eb.ref('excluded.holder')), eb('leases.expires_at', '<=', now)])),
    )
    .returning('holder')
    .executeTakeFirst();
  return row !== undefined;
}

export async function releaseLease(db: Kysely<StoreSchema>, name: string, holder: string): Promise<void> {
  await db.deleteFrom('leases').where('name', '=', name).where('holder', '=', holder).execute();
}

export async function getLease(db: Kysely<StoreSchema>, name: string): Promise<LeaseInfo | null> {
  const row = await db.selectFrom('leases').select(['name', 'holder', 'expires_at']).where('name', '=', name).executeTakeFirst();
  return row ? { name: row.name, holder: row.holder, expiresAt: row.expires_at } : null;
}
