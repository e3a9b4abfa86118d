/** PostmortemRepository over kysely: the postmortem as JSON plus its filter columns, versioned saves. */
import type { Kysely } from 'kysely';
import { ConflictError } from '../../errors/index.js';
import type { Postmortem } from '../../postmortems/model.js';
import type { PostmortemRepository } from '../../postmortems/repository.js';
import { isUniqueViolation, nextSequence } from './incidents.js';

type PostmortemSchema = {
  postmortems: { id: string; incident_id: string; state: string; due_at: number; created_at: number; version: number; doc: string };
  id_sequences: { name: string; value: number };
};

export function createPostmortemRepository(base: Kysely<any>): PostmortemRepository {
  const db = base.withTables<PostmortemSchema>() as unknown as Kysely<PostmortemSchema>;
  const parse = (r: { doc: string } | undefined): Postmortem | null => (r ? (JSON.parse(r.doc) as Postmortem) : null);
  return {
    async save(pm) {
      const values = { id: pm.id, incident_id: pm.incidentId, state: pm.state, due_at: pm.dueAt, created_at: pm.createdAt, version: pm.version, doc: JSON.stringify(pm) };
      if (pm.version === 1) {
        try {
          await db.insertInto('postmortems').values(values).execute();
        } catch (err: unknown) {
          if (!isUniqueViolation(err)) throw err;
          throw new ConflictError(`incident ${pm.incidentId} already has a postmortem; open it instead of creating another`, { cause: err });
        }
        return;
      }
      const result = await db.updateTable('postmortems').set(values).where('id', '=', pm.id).where('version', '=', pm.version - 1).executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw new ConflictError(`postmortem ${pm.id} was changed by someone else; reload it and apply your change again`);
    },
    get: async (id) => parse(await db.selectFrom('postmortems').select('doc').where('id', '=', id).executeTakeFirst()),
    findByIncident: async (incidentId) => parse(await db.selectFrom('postmortems').select('doc').where('incident_id', '=', incidentId).executeTakeFirst()),
    async list(query) {
      let q = db.selectFrom('postmortems').select('doc');
      if (query.state && query.state.length > 0) q = q.where('state', 'in', query.state);
      if (query.dueBefore !== undefined) q = q.where('due_at', '<', query.dueBefore);
      const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(Math.max(1, Math.min(query.limit ?? 100, 1000))).execute();
      return rows.map((r) => JSON.parse(r.doc) as Postmortem);
    },
    nextId: async () => `PM-${await nextSequence(db, 'postmortem')}`,
  };
}
