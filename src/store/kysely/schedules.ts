/**
 * ScheduleStore over kysely (tables from migration 0003-schedules). Shares the dialect-neutral
 * query style of the other stores; ids are the auto-increment integer as a string.
 */
import type { Generated, Kysely, Selectable, Transaction } from 'kysely';
import { SCHEDULE_CHANGED_EVENT, type ScheduleChangedPayload } from '../../oncall/schedule/events.js';
import { appendEventsIn, type LockEventLog } from './events.js';
import type { StoreSchema } from './schema.js';
import { InputError, type FieldProblem } from '../../errors/index.js';
import type { ScheduleChange } from '../../oncall/schedule/model.js';
import type {
  NewFairnessException,
  NewScheduleChange,
  ScheduleChangeFilter,
  ScheduleStore,
  StoredFairnessException,
  StoredScheduleChange,
} from '../schedule-store.js';

type ScheduleChangesTable = {
  id: Generated<number>;
  schedule: string;
  kind: string;
  person: string;
  start_at: number;
  end_at: number;
  other_person: string | null;
  other_start_at: number | null;
  other_end_at: number | null;
  span_start: number;
  span_end: number;
  created_by: string;
  reason: string | null;
  created_at: number;
  deleted_at: number | null;
  deleted_by: string | null;
};

type FairnessExceptionsTable = {
  id: Generated<number>;
  schedule: string;
  person: string;
  approved_by: string;
  reason: string;
  until_at: number;
  max_share: number | null;
  change_id: number | null;
  created_at: number;
};

type ScheduleSchema = {
  schedule_changes: ScheduleChangesTable;
  fairness_exceptions: FairnessExceptionsTable;
  server_secrets: { name: string; value: string; created_at: number };
  /** Owned by the paging store (migration 0002-paging); only read here for the load report. */
  page_deliveries: { page_id: string; person_id: string; kind: string; status: string; due_at: number };
};

type Db = Kysely<ScheduleSchema>;

export function createScheduleStore(base: Kysely<any>, lockEventLog: LockEventLog): ScheduleStore {
  const db = base.withTables<ScheduleSchema>() as unknown as Db;
  // Announced in the change's transaction, so the event exists exactly when the change does.
  const announce = (trx: Transaction<ScheduleSchema>, payload: ScheduleChangedPayload, at: number) =>
    appendEventsIn(trx as unknown as Transaction<StoreSchema>, [{ type: SCHEDULE_CHANGED_EVENT, payload }], at, lockEventLog);
  return {
    async createChange(input, opts) {
      checkChange(input, opts.exceptions ?? []);
      return db.transaction().execute(async (trx) => {
        const sides = input.kind === 'override' ? [input] : [input.first, input.second];
        const first = input.kind === 'override' ? input : input.first;
        const row = await trx.insertInto('schedule_changes').values({
          schedule: input.schedule,
          kind: input.kind,
          person: first.person,
          start_at: first.start,
          end_at: first.end,
          other_person: input.kind === 'swap' ? input.second.person : null,
          other_start_at: input.kind === 'swap' ? input.second.start : null,
          other_end_at: input.kind === 'swap' ? input.second.end : null,
          span_start: Math.min(...sides.map((s) => s.start)),
          span_end: Math.max(...sides.map((s) => s.end)),
          created_by: input.createdBy,
          reason: input.reason ?? null,
          created_at: opts.now,
        }).returningAll().executeTakeFirstOrThrow();
        const exceptions: StoredFairnessException[] = [];
        for (const e of opts.exceptions ?? []) {
          const ex = await trx.insertInto('fairness_exceptions').values({
            schedule: input.schedule, person: e.person, approved_by: e.approvedBy, reason: e.reason, until_at: e.until,
            max_share: e.maxShare ?? null, change_id: Number(row.id), created_at: opts.now,
          }).returningAll().executeTakeFirstOrThrow();
          exceptions.push(toException(ex));
        }
        const change = toChange(row);
        await announce(trx, { schedule: input.schedule, changeId: change.id, kind: input.kind, action: 'created' }, opts.now);
        return { change, exceptions };
      });
    },
    async listChanges(schedule: string, filter: ScheduleChangeFilter = {}) {
      let q = db.selectFrom('schedule_changes').selectAll().where('schedule', '=', schedule);
      if (filter.from !== undefined) q = q.where('span_end', '>', filter.from);
      if (filter.to !== undefined) q = q.where('span_start', '<', filter.to);
      if (!filter.includeDeleted) q = q.where('deleted_at', 'is', null);
      return (await q.orderBy('id').execute()).map(toChange);
    },
    async getChange(schedule: string, id: string) {
      const n = toId(id);
      if (n === undefined) return null;
      const row = await db.selectFrom('schedule_changes').selectAll().where('schedule', '=', schedule).where('id', '=', n).executeTakeFirst();
      return row ? toChange(row) : null;
    },
    async deleteChange(schedule, id, opts) {
      const n = toId(id);
      if (n === undefined) return false;
      return db.transaction().execute(async (trx) => {
        const deleted = await trx.updateTable('schedule_changes').set({ deleted_at: opts.now, deleted_by: opts.deletedBy })
          .where('schedule', '=', schedule).where('id', '=', n).where('deleted_at', 'is', null).returning(['kind']).executeTakeFirst();
        if (!deleted) return false;
        await announce(trx, { schedule, changeId: String(n), kind: deleted.kind as ScheduleChangedPayload['kind'], action: 'deleted' }, opts.now);
        return true;
      });
    },
    async listExceptions(filter = {}) {
      let q = db.selectFrom('fairness_exceptions').selectAll();
      if (filter.schedule !== undefined) q = q.where('schedule', '=', filter.schedule);
      if (filter.person !== undefined) q = q.where('person', '=', filter.person);
      return (await q.orderBy('id').execute()).map(toException);
    },
    async serverSecret(name, generate, now) {
      await db.insertInto('server_secrets').values({ name, value: generate(), created_at: now }).onConflict((oc) => oc.column('name').doNothing()).execute();
      const row = await db.selectFrom('server_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow();
      return row.value;
    },
    async pagesReceived(from, to) {
      const rows = await db.selectFrom('page_deliveries')
        .select(['page_id', 'person_id', (eb) => eb.fn.min('due_at').as('at')])
        .where('kind', '=', 'page').where('status', '!=', 'skipped')
        .groupBy(['page_id', 'person_id'])
        .having((eb) => eb.fn.min('due_at'), '>=', from)
        .having((eb) => eb.fn.min('due_at'), '<', to)
        .orderBy('at').orderBy('page_id').orderBy('person_id')
        .execute();
      return rows.map((r) => ({ pageId: r.page_id, person: r.person_id, at: Number(r.at) }));
    },
  };
}

function toId(id: string): number | undefined {
  return /^\d{1,15}$/.test(id) ? Number(id) : undefined;
}

function toChange(row: Selectable<ScheduleChangesTable>): StoredScheduleChange {
  const id = String(row.id);
  const first = { person: row.person, start: Number(row.start_at), end: Number(row.end_at) };
  const change: ScheduleChange = row.kind === 'swap'
    ? { kind: 'swap', id, first, second: { person: row.other_person ?? '', start: Number(row.other_start_at), end: Number(row.other_end_at) } }
    : { kind: 'override', id, ...first };
  return {
    id, schedule: row.schedule, change, createdBy: row.created_by, reason: row.reason, createdAt: Number(row.created_at),
    deletedAt: row.deleted_at === null ? null : Number(row.deleted_at), deletedBy: row.deleted_by,
  };
}

function toException(row: Selectable<FairnessExceptionsTable>): StoredFairnessException {
  return {
    id: String(row.id), schedule: row.schedule, person: row.person, approvedBy: row.approved_by, reason: row.reason,
    until: Number(row.until_at), ...(row.max_share !== null ? { maxShare: row.max_share } : {}),
    changeId: row.change_id === null ? null : String(row.change_id), createdAt: Number(row.created_at),
  };
}

function checkChange(input: NewScheduleChange, exceptions: readonly NewFairnessException[]): void {
  const problems: FieldProblem[] = [];
  const text = (value: unknown, path: string) => {
    if (typeof value !== 'string' || value.trim() === '') problems.push({ path, message: 'must be a non-empty string' });
  };
  const side = (s: { person: string; start: number; end: number }, prefix: string) => {
    text(s.person, `${prefix}person`);
    if (!Number.isFinite(s.start)) problems.push({ path: `${prefix}start`, message: 'must be a finite epoch ms' });
    if (!Number.isFinite(s.end)) problems.push({ path: `${prefix}end`, message: 'must be a finite epoch ms' });
    if (Number.isFinite(s.start) && Number.isFinite(s.end) && s.end <= s.start) problems.push({ path: `${prefix}end`, message: 'must be after start' });
  };
  text(input.schedule, 'schedule');
  text(input.createdBy, 'createdBy');
  if (input.kind === 'override') side(input, '');
  else {
    side(input.first, 'first.');
    side(input.second, 'second.');
  }
  exceptions.forEach((e, i) => {
    text(e.person, `exceptions[${i}].person`);
    text(e.approvedBy, `exceptions[${i}].approvedBy`);
    text(e.reason, `exceptions[${i}].reason`);
    if (!Number.isFinite(e.until)) problems.push({ path: `exceptions[${i}].until`, message: 'must be a finite epoch ms' });
  });
  if (problems.length > 0) throw new InputError(`invalid schedule change: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
}
