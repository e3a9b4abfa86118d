/** ActionRepository over kysely: the item as JSON plus the columns the list filters use, versioned saves. */
import type { Kysely } from 'kysely';
import type { ActionItem } from '../../actions/model.js';
import type { ActionQuery, ActionRepository } from '../../actions/repository.js';
import { ConflictError } from '../../errors/index.js';
import { isUniqueViolation, nextSequence } from './incidents.js';

type ActionSchema = {
  action_items: {
    id: string;
    owner: string;
    status: string;
    priority: string;
    source: string;
    incident_id: string | null;
    postmortem_id: string | null;
    page_id: string | null;
    due_at: number;
    created_at: number;
    version: number;
    doc: string;
  };
  id_sequences: { name: string; value: number };
};

export function createActionRepository(base: Kysely<any>): ActionRepository {
  const db = base.withTables<ActionSchema>() as unknown as Kysely<ActionSchema>;
  const parse = (r: { doc: string } | undefined): ActionItem | null => (r ? (JSON.parse(r.doc) as ActionItem) : null);
  return {
    async save(item) {
      const values = {
        id: item.id, owner: item.owner, status: item.status, priority: item.priority, source: item.source, incident_id: item.incidentId,
        postmortem_id: item.postmortemId, page_id: item.pageId, due_at: item.dueAt, created_at: item.createdAt, version: item.version, doc: JSON.stringify(item),
      };
      if (item.version === 1) {
        try {
          await db.insertInto('action_items').values(values).execute();
        } catch (err: unknown) {
          if (!isUniqueViolation(err)) throw err;
          throw new ConflictError(`action item ${item.id}${item.pageId ? ` or the follow-up of page ${item.pageId}` : ''} already exists`, { cause: err });
        }
        return;
      }
      const result = await db.updateTable('action_items').set(values).where('id', '=', item.id).where('version', '=', item.version - 1).executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw new ConflictError(`action item ${item.id} was changed by someone else; reload it and apply your change again`);
    },
    get: async (id) => parse(await db.selectFrom('action_items').select('doc').where('id', '=', id).executeTakeFirst()),
    findByPage: async (pageId) => parse(await db.selectFrom('action_items').select('doc').where('page_id', '=', pageId).executeTakeFirst()),
    async list(query: ActionQuery) {
      let q = db.selectFrom('action_items').select('doc');
      if (query.incidentIds !== undefined) {
        if (query.incidentIds.length === 0) return [];
        q = q.where('incident_id', 'in', query.incidentIds);
      }
      if (query.postmortemId !== undefined) q = q.where('postmortem_id', '=', query.postmortemId);
      if (query.owner !== undefined) q = q.where('owner', '=', query.owner);
      if (query.status && query.status.length > 0) q = q.where('status', 'in', query.status);
      if (query.overdueAt !== undefined) q = q.where('status', 'in', ['open', 'in_progress']).where('due_at', '<', query.overdueAt);
      if (query.source !== undefined) q = q.where('source', '=', query.source);
      if (query.createdSince !== undefined) q = q.where('created_at', '>=', query.createdSince);
      const rows = await q.orderBy('due_at').orderBy('id').limit(10_000).execute();
      return rows.map((r) => JSON.parse(r.doc) as ActionItem);
    },
    nextId: async () => `AI-${await nextSequence(db, 'action')}`,
  };
}
