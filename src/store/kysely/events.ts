/**
 * The durable event log. Readers resume with "events after id X", which is only safe if ids
 * become visible in order. SQLite has one writer at a time, so they do. On PostgreSQL a
 * sequence hands out ids at insert time, and a transaction that took id 7 may commit after
 * one that took id 8; a reader at 8 would then skip 7 forever. `lockEventLog` (a
 * transaction-scoped advisory lock on PostgreSQL) serialises appenders until commit, which
 * is cheap because events are rare (alert transitions, not samples).
 */
import type { Kysely, Transaction } from 'kysely';
import { InputError } from '../../errors/index.js';
import type { NewEvent, StoredEvent } from '../store.js';
import type { StoreSchema } from './schema.js';

export type LockEventLog = (trx: Transaction<StoreSchema>) => Promise<void>;

const MAX_READ = 10_000;

export async function appendEventsIn(
  trx: Transaction<StoreSchema>,
  events: NewEvent[],
  now: number,
  lockEventLog: LockEventLog,
): Promise<number[]> {
  if (events.length === 0) return [];
  const rows = events.map((e, i) => {
    if (typeof e.type !== 'string' || e.type.length === 0) {
      throw new InputError('every event needs a type; set `type` and append again', [{ path: `events[${i}].type`, message: 'must be a non-empty string' }]);
    }
    return { type: e.type, payload: JSON.stringify(e.payload ?? null), at: now };
  });
  await lockEventLog(trx);
  const ids: number[] = [];
  // One row per statement keeps the id order equal to the input order on both dialects.
  for (const row of rows) {
    const inserted = await trx.insertInto('events').values(row).returning('id').executeTakeFirstOrThrow();
    ids.push(Number(inserted.id));
  }
  return ids;
}

export async function appendEvents(db: Kysely<StoreSchema>, events: NewEvent[], now: number, lockEventLog: LockEventLog): Promise<number[]> {
  if (events.length === 0) return [];
  return db.transaction().execute((trx) => appendEventsIn(trx, events, now, lockEventLog));
}

export async function readEventsAfter(db: Kysely<StoreSchema>, afterId: number, limit = 1000): Promise<StoredEvent[]> {
  const rows = await db
    .selectFrom('events')
    .select(['id', 'type', 'payload', 'at'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(Math.max(1, Math.min(limit, MAX_READ)))
    .execute();
  return rows.map((r) => ({ id: Number(r.id), type: r.type, payload: JSON.parse(r.payload) as unknown, at: r.at }));
}

export async function lastEventId(db: Kysely<StoreSchema>): Promise<number> {
  const row = await db.selectFrom('events').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row ? Number(row.id) : 0;
}
