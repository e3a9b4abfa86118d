/**
 * IncidentRepository over kysely (tables from migration 0004-incidents). An incident is saved
 * whole as JSON with its filter columns; a change and its timeline entries are written in one
 * transaction, guarded by the version the caller loaded (optimistic concurrency). The same
 * transaction appends an `incident.changed` event to the event log, so the server-sent stream
 * announces every change that committed and none that did not.
 */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { ConflictError, NotFoundError } from '../../errors/index.js';
import type { Incident, IncidentChange, TimelineEntry } from '../../incidents/model.js';
import type { IncidentQuery, IncidentRepository } from '../../incidents/repository.js';
import { incidentChangedEvent, timelinePinnedEvent } from '../../incidents/events.js';
import { appendEventsIn, type LockEventLog } from './events.js';
import type { StoreSchema } from './schema.js';

export type IncidentSchema = {
  incidents: {
    id: string;
    title: string;
    severity: string;
    status: string;
    page_id: string | null;
    declared_at: number;
    resolved_at: number | null;
    version: number;
    doc: string;
  };
  incident_timeline: {
    id: string;
    incident_id: string;
    seq: number;
    at: number;
    kind: string;
    actor: string;
    message: string;
    pinned: number;
    data: string;
  };
  id_sequences: { name: string; value: number };
};

type Db = Kysely<IncidentSchema>;
type TimelineRow = Selectable<IncidentSchema['incident_timeline']>;

/** The next number of a named sequence (1, 2, ...), atomic across connections and replicas. */
export async function nextSequence(db: Kysely<any>, name: string): Promise<number> {
  const result = await sql<{ value: number | string }>`insert into id_sequences (name, value) values (${name}, 1)
    on conflict (name) do update set value = id_sequences.value + 1 returning value`.execute(db);
  return Number(result.rows[0]!.value);
}

/** True for a UNIQUE or PRIMARY KEY violation on either dialect. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || (typeof code === 'string' && /^SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)$/.test(code));
}

function seqOf(entry: TimelineEntry): number {
  return Number(entry.id.slice(entry.id.lastIndexOf('/') + 1));
}

function toEntry(row: TimelineRow): TimelineEntry {
  return {
    id: row.id,
    incidentId: row.incident_id,
    at: Number(row.at),
    kind: row.kind as TimelineEntry['kind'],
    actor: row.actor,
    message: row.message,
    pinned: Number(row.pinned) === 1,
    data: JSON.parse(row.data) as TimelineEntry['data'],
  };
}

function row(incident: Incident): IncidentSchema['incidents'] {
  return {
    id: incident.id,
    title: incident.title,
    severity: incident.severity,
    status: incident.status,
    page_id: incident.source.type === 'page' ? incident.source.pageId : null,
    declared_at: incident.declaredAt,
    resolved_at: incident.resolvedAt,
    version: incident.version,
    doc: JSON.stringify(incident),
  };
}

export function createIncidentRepository(base: Kysely<any>, lockEventLog: LockEventLog): IncidentRepository {
  const db = base.withTables<IncidentSchema>() as unknown as Db;
  // The event log is another table of the same database; one transaction writes both.
  const announce = (trx: Transaction<IncidentSchema>, event: { type: string; payload: unknown }, at: number) =>
    appendEventsIn(trx as unknown as Transaction<StoreSchema>, [event], at, lockEventLog);
  return {
    async saveChange(change: IncidentChange, expectedVersion: number | null) {
      const { incident } = change;
      await db.transaction().execute(async (trx) => {
        if (expectedVersion === null) {
          try {
            await trx.insertInto('incidents').values(row(incident)).execute();
          } catch (err: unknown) {
            if (!isUniqueViolation(err)) throw err;
            const fromPage = incident.source.type === 'page' ? ` or one was already declared from page ${incident.source.pageId}` : '';
            throw new ConflictError(`incident ${incident.id} already exists${fromPage}; reload it and try again`, { cause: err });
          }
        } else {
          const result = await trx.updateTable('incidents').set(row(incident)).where('id', '=', incident.id).where('version', '=', expectedVersion).executeTakeFirst();
          if (Number(result.numUpdatedRows) !== 1) {
            throw new ConflictError(`incident ${incident.id} was changed by someone else (expected version ${expectedVersion}); reload it and apply your change again`);
          }
        }
        if (change.entries.length > 0) {
          await trx.insertInto('incident_timeline').values(change.entries.map((e) => ({
            id: e.id, incident_id: e.incidentId, seq: seqOf(e), at: e.at, kind: e.kind, actor: e.actor, message: e.message, pinned: e.pinned ? 1 : 0, data: JSON.stringify(e.data),
          }))).execute();
        }
        const lastAt = change.entries.reduce((latest, e) => Math.max(latest, e.at), incident.declaredAt);
        await announce(trx, incidentChangedEvent(change), lastAt);
      });
    },
    async get(id) {
      const found = await db.selectFrom('incidents').select('doc').where('id', '=', id).executeTakeFirst();
      return found ? (JSON.parse(found.doc) as Incident) : null;
    },
    async list(query: IncidentQuery) {
      let q = db.selectFrom('incidents').select('doc');
      if (query.openOnly) q = q.where('status', '!=', 'resolved');
      else if (query.status && query.status.length > 0) q = q.where('status', 'in', query.status);
      if (query.declaredSince !== undefined) q = q.where('declared_at', '>=', query.declaredSince);
      if (query.before !== undefined) q = q.where('declared_at', '<', query.before);
      const limit = Math.max(1, Math.min(query.limit ?? 100, 1000));
      const rows = await q.orderBy('declared_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
      return rows.map((r) => JSON.parse(r.doc) as Incident);
    },
    async timeline(incidentId) {
      const rows = await db.selectFrom('incident_timeline').selectAll().where('incident_id', '=', incidentId).orderBy('at').orderBy('seq').execute();
      return rows.map(toEntry);
    },
    async setPinned(entryId, pinned, at) {
      return db.transaction().execute(async (trx) => {
        const result = await trx.updateTable('incident_timeline').set({ pinned: pinned ? 1 : 0 }).where('id', '=', entryId).executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) throw new NotFoundError(`no timeline entry "${entryId}"; list the incident's timeline for entry ids`);
        const entry = toEntry(await trx.selectFrom('incident_timeline').selectAll().where('id', '=', entryId).executeTakeFirstOrThrow());
        const owner = await trx.selectFrom('incidents').select(['id', 'version', 'status', 'severity']).where('id', '=', entry.incidentId).executeTakeFirstOrThrow();
        await announce(trx, timelinePinnedEvent({ ...owner, version: Number(owner.version), status: owner.status as Incident['status'] }, entry), at);
        return entry;
      });
    },
    async findByPage(pageId) {
      const found = await db.selectFrom('incidents').select('doc').where('page_id', '=', pageId).executeTakeFirst();
      return found ? (JSON.parse(found.doc) as Incident) : null;
    },
    async nextId() {
      return `INC-${await nextSequence(db, 'incident')}`;
    },
  };
}
