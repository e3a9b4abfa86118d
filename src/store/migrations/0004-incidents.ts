/**
 * Incidents, their timelines, postmortems and action items. Like the paging tables, each
 * object is kept whole as JSON (`doc`: the domain's plain data, so a new optional field needs
 * no migration) next to the columns queries filter, sort or enforce uniqueness on:
 * - `incidents.page_id` is UNIQUE, so declaring twice from one page finds the first incident;
 * - `action_items.page_id` is UNIQUE, so a page follow-up becomes exactly one action item;
 * - `postmortems.incident_id` is UNIQUE: one postmortem per incident.
 * Timeline entries are rows of their own (append-only; only `pinned` changes). `id_sequences`
 * hands out the readable ids (INC-7, PM-3, AI-12), atomically across replicas.
 */
import type { Kysely, Migration } from 'kysely';
import type { StoreDialect } from '../store.js';

export function incidentsMigration(_dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('incidents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('page_id', 'text', (c) => c.unique())
        .addColumn('declared_at', 'bigint', (c) => c.notNull())
        .addColumn('resolved_at', 'bigint')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('doc', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('incidents_status_idx').on('incidents').columns(['status', 'declared_at']).execute();
      await db.schema.createIndex('incidents_declared_idx').on('incidents').column('declared_at').execute();

      await db.schema
        .createTable('incident_timeline')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('incident_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('pinned', 'integer', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('incident_timeline_incident_idx').on('incident_timeline').columns(['incident_id', 'at', 'seq']).execute();

      await db.schema
        .createTable('postmortems')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('incident_id', 'text', (c) => c.notNull().unique())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('due_at', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('doc', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('postmortems_state_due_idx').on('postmortems').columns(['state', 'due_at']).execute();

      await db.schema
        .createTable('action_items')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('priority', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('incident_id', 'text')
        .addColumn('postmortem_id', 'text')
        .addColumn('page_id', 'text', (c) => c.unique())
        .addColumn('due_at', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('doc', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('action_items_owner_idx').on('action_items').columns(['owner', 'status']).execute();
      await db.schema.createIndex('action_items_incident_idx').on('action_items').column('incident_id').execute();
      await db.schema.createIndex('action_items_status_due_idx').on('action_items').columns(['status', 'due_at']).execute();

      await db.schema
        .createTable('id_sequences')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'bigint', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of ['id_sequences', 'action_items', 'postmortems', 'incident_timeline', 'incidents']) await db.schema.dropTable(table).execute();
    },
  };
}
