/**
 * StatusStorage over kysely (tables from migration 0005-status). JSON lists are TEXT, times
 * are epoch ms; ids come from `status_sequences` (`MW-1`, `SUB-1`, ...), so they are short
 * enough to read out on a call and unique across replicas.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { ComponentStatus } from '../../incidents/model.js';
import { STATUS_RANK } from '../../statuspage/component-status.js';
import type { MaintenanceWindow } from '../../statuspage/maintenance.js';
import type { ComponentOverride, StatusStorage, StoredSubscription } from '../../statuspage/service/storage.js';

type MaintenanceTable = {
  id: string;
  title: string;
  description: string;
  components: string;
  starts_at: number;
  ends_at: number;
  announce_at: number;
  created_by: string;
  created_at: number;
  cancelled_at: number | null;
  cancelled_by: string | null;
};

type SubscriptionsTable = {
  id: string;
  kind: string;
  target: string;
  components: string;
  state: string;
  confirm_token_hash: string | null;
  confirm_expires_at: number | null;
  unsubscribe_token_hash: string;
  signing_secret: string | null;
  created_at: number;
  confirmed_at: number | null;
  unsubscribed_at: number | null;
};

// Type aliases (not interfaces) so they satisfy kysely's withTables constraint.
type StatusSchema = {
  status_maintenance: MaintenanceTable;
  status_subscriptions: SubscriptionsTable;
  status_component_overrides: { component: string; status: string; reason: string; set_by: string; set_at: number };
  status_notifications: { key: string; subscription_id: string; at: number };
  status_sequences: { name: string; value: number };
};

type Db = Kysely<StatusSchema>;

export function createStatusStorage(base: Kysely<any>): StatusStorage {
  const db = base.withTables<StatusSchema>() as unknown as Db;
  const nextId = async (sequence: string, prefix: string): Promise<string> => {
    const row = await sql<{ value: number | string }>`
      insert into status_sequences (name, value) values (${sequence}, 1)
      on conflict (name) do update set value = status_sequences.value + 1
      returning value`.execute(db);
    return `${prefix}-${Number(row.rows[0]!.value)}`;
  };
  return {
    maintenance: {
      async save(w) {
        const row = toMaintenanceRow(w);
        await db.insertInto('status_maintenance').values(row)
          .onConflict((oc) => oc.column('id').doUpdateSet({ ...row, id: undefined })).execute();
      },
      async get(id) {
        const row = await db.selectFrom('status_maintenance').selectAll().where('id', '=', id).where('cancelled_at', 'is', null).executeTakeFirst();
        return row ? toMaintenance(row) : null;
      },
      async list({ endsAfter }) {
        const rows = await db.selectFrom('status_maintenance').selectAll().where('ends_at', '>', endsAfter).where('cancelled_at', 'is', null).orderBy('starts_at').orderBy('id').execute();
        return rows.map(toMaintenance);
      },
      async delete(id) {
        await db.deleteFrom('status_maintenance').where('id', '=', id).execute();
      },
      async cancel(id, opts) {
        const result = await db.updateTable('status_maintenance').set({ cancelled_at: opts.now, cancelled_by: opts.by })
          .where('id', '=', id).where('cancelled_at', 'is', null).executeTakeFirst();
        return Number(result.numUpdatedRows) > 0;
      },
      nextId: () => nextId('maintenance', 'MW'),
    },
    subscriptions: {
      async save(sub) {
        const row = toSubscriptionRow(sub);
        await db.insertInto('status_subscriptions').values(row)
          .onConflict((oc) => oc.column('id').doUpdateSet({ ...row, id: undefined })).execute();
      },
      async get(id) {
        const row = await db.selectFrom('status_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
        return row ? toSubscription(row) : null;
      },
      async findByTarget(kind, target) {
        const row = await db.selectFrom('status_subscriptions').selectAll().where('kind', '=', kind).where('target', '=', target)
          .orderBy('created_at', 'desc').executeTakeFirst();
        return row ? toSubscription(row) : null;
      },
      async listActive() {
        const rows = await db.selectFrom('status_subscriptions').selectAll().where('state', '=', 'active').orderBy('created_at').orderBy('id').execute();
        return rows.map(toSubscription);
      },
      nextId: () => nextId('subscription', 'SUB'),
    },
    overrides: {
      async list() {
        const rows = await db.selectFrom('status_component_overrides').selectAll().orderBy('component').execute();
        return rows.map((r): ComponentOverride => ({ component: r.component, status: r.status as ComponentStatus, reason: r.reason, setBy: r.set_by, setAt: Number(r.set_at) }));
      },
      async set(o) {
        const row = { component: o.component, status: o.status, reason: o.reason, set_by: o.setBy, set_at: o.setAt };
        await db.insertInto('status_component_overrides').values(row)
          .onConflict((oc) => oc.column('component').doUpdateSet({ status: o.status, reason: o.reason, set_by: o.setBy, set_at: o.setAt })).execute();
      },
      async clear(component) {
        const result = await db.deleteFrom('status_component_overrides').where('component', '=', component).executeTakeFirst();
        return Number(result.numDeletedRows) > 0;
      },
    },
    async claimNotification(key, subscriptionId, now) {
      const row = await db.insertInto('status_notifications').values({ key, subscription_id: subscriptionId, at: now })
        .onConflict((oc) => oc.columns(['key', 'subscription_id']).doNothing()).returning('key').executeTakeFirst();
      return row !== undefined;
    },
    async announceComponentStatus(component, status, opts = {}) {
      // Registers live beside the id sequences: one integer (the status rank) per component.
      const name = `component-status:${component}`;
      const value = STATUS_RANK[status];
      const result = opts.baseline
        ? await sql`insert into status_sequences (name, value) values (${name}, ${value})
            on conflict (name) do update set value = excluded.value returning name`.execute(db)
        : await sql`insert into status_sequences (name, value) values (${name}, ${value})
            on conflict (name) do update set value = excluded.value where status_sequences.value <> excluded.value returning name`.execute(db);
      return result.rows.length > 0;
    },
  };
}

function toMaintenanceRow(w: MaintenanceWindow): MaintenanceTable {
  return {
    id: w.id, title: w.title, description: w.description, components: JSON.stringify(w.components),
    starts_at: w.startsAt, ends_at: w.endsAt, announce_at: w.announceAt, created_by: w.createdBy, created_at: w.createdAt,
    cancelled_at: null, cancelled_by: null,
  };
}

function toMaintenance(r: Selectable<MaintenanceTable>): MaintenanceWindow {
  return {
    id: r.id, title: r.title, description: r.description, components: JSON.parse(r.components) as string[],
    startsAt: Number(r.starts_at), endsAt: Number(r.ends_at), announceAt: Number(r.announce_at), createdBy: r.created_by, createdAt: Number(r.created_at),
  };
}

function toSubscriptionRow(s: StoredSubscription): SubscriptionsTable {
  return {
    id: s.id, kind: s.kind, target: s.target, components: JSON.stringify(s.components), state: s.state,
    confirm_token_hash: s.confirmTokenHash, confirm_expires_at: s.confirmExpiresAt, unsubscribe_token_hash: s.unsubscribeTokenHash,
    signing_secret: s.signingSecret, created_at: s.createdAt, confirmed_at: s.confirmedAt, unsubscribed_at: s.unsubscribedAt,
  };
}

const orNull = (v: number | string | null): number | null => (v === null ? null : Number(v));

function toSubscription(r: Selectable<SubscriptionsTable>): StoredSubscription {
  return {
    id: r.id, kind: r.kind as StoredSubscription['kind'], target: r.target, components: JSON.parse(r.components) as string[],
    state: r.state as StoredSubscription['state'], confirmTokenHash: r.confirm_token_hash, confirmExpiresAt: orNull(r.confirm_expires_at),
    unsubscribeTokenHash: r.unsubscribe_token_hash, signingSecret: r.signing_secret, createdAt: Number(r.created_at),
    confirmedAt: orNull(r.confirmed_at), unsubscribedAt: orNull(r.unsubscribed_at),
  };
}
