/**
 * PagingStore over kysely, shared by SQLite and PostgreSQL. Row locks (`FOR UPDATE`,
 * `SKIP LOCKED`) are PostgreSQL-only; SQLite has one writer at a time, so its transactions
 * are already serial. Claims are atomic conditional updates on both dialects, so even two
 * processes on one SQLite file cannot both claim a delivery.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Page, TimelineEntry, TimerReason } from '../../oncall/escalation/index.js';
import type {
  DeliveryResultUpdate,
  DeliveryStatus,
  FollowUp,
  NewDelivery,
  NewFollowUp,
  PageDetail,
  PageFilter,
  PagingStore,
  PagingTx,
  StoredDelivery,
  StoredTimelineEntry,
  StoredTimer,
} from '../paging.js';
import type { StoreDialect } from '../store.js';

// A type alias (not an interface) so it satisfies kysely's withTables constraint.
export type PagingSchema = {
  pages: {
    id: string;
    dedup_key: string;
    open_key: string | null;
    status: string;
    policy: string;
    state: string;
    created_at: number;
    updated_at: number;
    acknowledged_at: number | null;
    resolved_at: number | null;
    actionable: number | null;
  };
  page_timeline: { id: Generated; page_id: string; at: number; kind: string; message: string; actor: string | null };
  page_timers: { id: string; page_id: string; at: number; reason: string; state: string };
  page_deliveries: {
    id: Generated;
    idempotency_key: string;
    page_id: string;
    kind: string;
    cycle: number;
    person_id: string;
    contact_method_id: string;
    due_at: number;
    status: string;
    attempts: number;
    last_error: string | null;
    claimed_by: string | null;
    claimed_at: number | null;
    finished_at: number | null;
    delivered_via: string | null;
    plan: string;
  };
  follow_ups: { id: Generated; page_id: string; priority: string; title: string; detail: string; status: string; created_at: number };
  paging_cursors: { name: string; position: number };
};

type Generated = import('kysely').Generated<number>;
type Db = Kysely<PagingSchema>;
type DeliveryRow = import('kysely').Selectable<PagingSchema['page_deliveries']>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function createPagingStore(base: Kysely<any>, dialect: StoreDialect): PagingStore {
  const db = base.withTables<PagingSchema>() as unknown as Db;
  const pg = dialect === 'postgres';
  return {
    transaction: (fn) => db.transaction().execute((trx) => fn(pagingTx(trx, pg))),
    async listPages(filter: PageFilter = {}) {
      let q = db.selectFrom('pages').select('state').orderBy('created_at', 'desc').orderBy('id').limit(Math.max(1, Math.min(filter.limit ?? 100, 1000)));
      if (filter.status) q = q.where('status', '=', filter.status);
      return (await q.execute()).map((r) => JSON.parse(r.state) as Page);
    },
    async getPage(id): Promise<PageDetail | null> {
      const row = await db.selectFrom('pages').select('state').where('id', '=', id).executeTakeFirst();
      if (!row) return null;
      const timeline = await db.selectFrom('page_timeline').selectAll().where('page_id', '=', id).orderBy('id').execute();
      return { page: JSON.parse(row.state) as Page, timeline: timeline.map(toTimelineEntry), deliveries: await listDeliveries(db, id) };
    },
    async dueTimers(now, limit = 100): Promise<StoredTimer[]> {
      const rows = await db.selectFrom('page_timers').selectAll().where('state', '=', 'pending').where('at', '<=', now).orderBy('at').limit(limit).execute();
      return rows.map((r) => ({ id: r.id, pageId: r.page_id, at: Number(r.at), reason: r.reason as TimerReason, state: 'pending' }));
    },
    async claimDueDeliveries(now, claimant, limit) {
      return db.transaction().execute(async (trx) => {
        let due = trx.selectFrom('page_deliveries').select('id').where('status', '=', 'pending').where('due_at', '<=', now).orderBy('due_at').orderBy('id').limit(limit);
        if (pg) due = due.forUpdate().skipLocked();
        const ids = (await due.execute()).map((r) => Number(r.id));
        if (ids.length === 0) return [];
        // The status condition makes the claim atomic even without row locks (SQLite, or a
        // PostgreSQL row another claimant updated between the select and this update).
        const rows = await trx
          .updateTable('page_deliveries')
          .set({ status: 'sending', claimed_by: claimant, claimed_at: now })
          .where('id', 'in', ids)
          .where('status', '=', 'pending')
          .returningAll()
          .execute();
        return rows.map(toDelivery).sort((a, b) => a.dueAt - b.dueAt || a.id - b.id);
      });
    },
    async finishDelivery(id, claimant, result: DeliveryResultUpdate, timeline: readonly TimelineEntry[], now) {
      return db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('page_deliveries')
          .set({ status: result.status, attempts: result.attempts, last_error: result.lastError, delivered_via: result.deliveredVia, finished_at: now })
          .where('id', '=', id)
          .where('status', '=', 'sending')
          .where('claimed_by', '=', claimant)
          .returning(['page_id'])
          .executeTakeFirst();
        if (!updated) return false;
        await insertTimeline(trx, updated.page_id, timeline);
        return true;
      });
    },
    async releaseStaleClaims(claimedBefore) {
      const result = await db
        .updateTable('page_deliveries')
        .set({ status: 'pending', claimed_by: null, claimed_at: null })
        .where('status', '=', 'sending')
        .where('claimed_at', '<', claimedBefore)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    listDeliveries: (pageId) => listDeliveries(db, pageId),
    async listFollowUps(): Promise<FollowUp[]> {
      const rows = await db.selectFrom('follow_ups').selectAll().orderBy('id', 'desc').execute();
      return rows.map((r) => ({ id: Number(r.id), pageId: r.page_id, priority: 'highest', title: r.title, detail: r.detail, status: 'open', createdAt: Number(r.created_at) }));
    },
    async cursor(name) {
      const row = await db.selectFrom('paging_cursors').select('position').where('name', '=', name).executeTakeFirst();
      return row ? Number(row.position) : null;
    },
  };
}

function pagingTx(trx: Transaction<PagingSchema>, pg: boolean): PagingTx {
  const pageQuery = () => {
    const q = trx.selectFrom('pages').select('state');
    return pg ? q.forUpdate() : q;
  };
  return {
    async lockPage(id) {
      const row = await pageQuery().where('id', '=', id).executeTakeFirst();
      return row ? (JSON.parse(row.state) as Page) : null;
    },
    async lockOpenPage(dedupKey) {
      const row = await pageQuery().where('open_key', '=', dedupKey).executeTakeFirst();
      return row ? (JSON.parse(row.state) as Page) : null;
    },
    async savePage(page: Page, now) {
      const columns = {
        dedup_key: page.dedupKey,
        open_key: page.status === 'resolved' ? null : page.dedupKey,
        status: page.status,
        policy: page.policy,
        state: JSON.stringify(page),
        updated_at: now,
        acknowledged_at: page.acknowledgedAt,
        resolved_at: page.resolvedAt,
        actionable: page.actionable === null ? null : page.actionable ? 1 : 0,
      };
      await trx
        .insertInto('pages')
        .values({ id: page.id, created_at: page.triggeredAt, ...columns })
        .onConflict((oc) => oc.column('id').doUpdateSet(columns))
        .execute();
    },
    addTimeline: (pageId, entries) => insertTimeline(trx, pageId, entries),
    async scheduleTimer(pageId, timer) {
      await trx
        .insertInto('page_timers')
        .values({ id: timer.id, page_id: pageId, at: timer.at, reason: timer.reason, state: 'pending' })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    },
    async cancelTimers(pageId) {
      const r = await trx.updateTable('page_timers').set({ state: 'cancelled' }).where('page_id', '=', pageId).where('state', '=', 'pending').executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
    async markTimerFired(timerId) {
      const r = await trx.updateTable('page_timers').set({ state: 'fired' }).where('id', '=', timerId).where('state', '=', 'pending').executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async insertDeliveries(deliveries: readonly NewDelivery[]) {
      let inserted = 0;
      for (const { kind, plan } of deliveries) {
        const row = await trx
          .insertInto('page_deliveries')
          .values({
            idempotency_key: plan.idempotencyKey,
            page_id: plan.pageId,
            kind,
            cycle: plan.cycle,
            person_id: plan.personId,
            contact_method_id: plan.contactMethodId,
            due_at: plan.dueAt,
            status: 'pending',
            attempts: 0,
            last_error: null,
            claimed_by: null,
            claimed_at: null,
            finished_at: null,
            delivered_via: null,
            plan: JSON.stringify(plan),
          })
          .onConflict((oc) => oc.column('idempotency_key').doNothing())
          .returning('id')
          .executeTakeFirst();
        if (row) inserted++;
      }
      return inserted;
    },
    async cancelDeliveries(pageId, reason, now) {
      const r = await trx
        .updateTable('page_deliveries')
        .set({ status: 'skipped', last_error: reason, finished_at: now })
        .where('page_id', '=', pageId)
        .where('kind', '=', 'page')
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
    async deliveredRecipients(pageId, cycle) {
      const rows = await trx
        .selectFrom('page_deliveries')
        .select(['person_id', 'contact_method_id', 'id'])
        .where('page_id', '=', pageId)
        .where('cycle', '=', cycle)
        .where('kind', '=', 'page')
        .where('status', '=', 'delivered')
        .orderBy('id')
        .execute();
      const seen = new Map<string, string>();
      for (const r of rows) if (!seen.has(r.person_id)) seen.set(r.person_id, r.contact_method_id);
      return [...seen].map(([personId, contactMethodId]) => ({ personId, contactMethodId }));
    },
    async createFollowUp(f: NewFollowUp) {
      await trx.insertInto('follow_ups').values({ page_id: f.pageId, priority: f.priority, title: f.title, detail: f.detail, status: 'open', created_at: f.createdAt }).execute();
    },
    async lockCursor(name) {
      await trx.insertInto('paging_cursors').values({ name, position: 0 }).onConflict((oc) => oc.column('name').doNothing()).execute();
      let q = trx.selectFrom('paging_cursors').select('position').where('name', '=', name);
      if (pg) q = q.forUpdate();
      return Number((await q.executeTakeFirstOrThrow()).position);
    },
    async setCursor(name, position) {
      await trx.updateTable('paging_cursors').set({ position }).where('name', '=', name).execute();
    },
  };
}

async function insertTimeline(trx: Transaction<PagingSchema>, pageId: string, entries: readonly TimelineEntry[]): Promise<void> {
  for (const e of entries) {
    await trx.insertInto('page_timeline').values({ page_id: pageId, at: e.at, kind: e.kind, message: e.message, actor: e.actor ?? null }).execute();
  }
}

async function listDeliveries(db: Db, pageId: string): Promise<StoredDelivery[]> {
  const rows = await db.selectFrom('page_deliveries').selectAll().where('page_id', '=', pageId).orderBy('id').execute();
  return rows.map(toDelivery);
}

function toTimelineEntry(r: import('kysely').Selectable<PagingSchema['page_timeline']>): StoredTimelineEntry {
  const entry: StoredTimelineEntry = { id: Number(r.id), pageId: r.page_id, at: Number(r.at), kind: r.kind as TimelineEntry['kind'], message: r.message };
  if (r.actor !== null) entry.actor = r.actor;
  return entry;
}

function toDelivery(r: DeliveryRow): StoredDelivery {
  return {
    id: Number(r.id),
    kind: r.kind as StoredDelivery['kind'],
    plan: JSON.parse(r.plan) as StoredDelivery['plan'],
    idempotencyKey: r.idempotency_key,
    pageId: r.page_id,
    personId: r.person_id,
    contactMethodId: r.contact_method_id,
    dueAt: Number(r.due_at),
    status: r.status as DeliveryStatus,
    attempts: r.attempts,
    lastError: r.last_error,
    claimedBy: r.claimed_by,
    claimedAt: r.claimed_at === null ? null : Number(r.claimed_at),
    finishedAt: r.finished_at === null ? null : Number(r.finished_at),
    deliveredVia: r.delivered_via,
  };
}
