/**
 * Status page tables: maintenance windows (cancelled ones kept, marked), subscriptions (only
 * token hashes; the webhook signing secret in clear because HMAC needs it), hand-set
 * component overrides, per-subscriber notification claims (the primary key makes "notify
 * once" hold across replicas) and named integer registers (`status_sequences`: the id
 * sequences, and the component status last announced to subscribers).
 */
import type { Kysely, Migration } from 'kysely';
import type { StoreDialect } from '../store.js';

export function statusMigration(_dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('status_maintenance')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('components', 'text', (c) => c.notNull())
        .addColumn('starts_at', 'bigint', (c) => c.notNull())
        .addColumn('ends_at', 'bigint', (c) => c.notNull())
        .addColumn('announce_at', 'bigint', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('cancelled_at', 'bigint')
        .addColumn('cancelled_by', 'text')
        .execute();
      await db.schema.createIndex('status_maintenance_ends_idx').on('status_maintenance').column('ends_at').execute();

      await db.schema
        .createTable('status_subscriptions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('components', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('confirm_token_hash', 'text')
        .addColumn('confirm_expires_at', 'bigint')
        .addColumn('unsubscribe_token_hash', 'text', (c) => c.notNull())
        .addColumn('signing_secret', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('confirmed_at', 'bigint')
        .addColumn('unsubscribed_at', 'bigint')
        .execute();
      await db.schema.createIndex('status_subscriptions_target_idx').on('status_subscriptions').columns(['kind', 'target']).execute();

      await db.schema
        .createTable('status_component_overrides')
        .addColumn('component', 'text', (c) => c.primaryKey())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('set_by', 'text', (c) => c.notNull())
        .addColumn('set_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('status_notifications')
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('subscription_id', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('status_notifications_pk', ['key', 'subscription_id'])
        .execute();

      await db.schema
        .createTable('status_sequences')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'bigint', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of ['status_sequences', 'status_notifications', 'status_component_overrides', 'status_subscriptions', 'status_maintenance']) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}
