/**
 * Alert history and current state. Each transition is inserted with ON CONFLICT DO NOTHING
 * on (slo, kind, event, at); only a transition that was actually new updates the state and
 * produces an event, which makes re-recording after a crash or by a second replica harmless.
 */
import type { Kysely } from 'kysely';
import { InputError, type FieldProblem } from '../../errors/index.js';
import {
  ALERT_TRANSITION_EVENT,
  type AlertState,
  type AlertTransition,
  type AlertTransitionFilter,
  type RecordTransitionsOptions,
  type RecordTransitionsResult,
  type StoredAlertTransition,
} from '../store.js';
import { appendEventsIn, type LockEventLog } from './events.js';
import type { StoreSchema } from './schema.js';
import type { AlertKind } from '../../slo/model.js';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 10_000;

function transitionProblems(transitions: AlertTransition[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  transitions.forEach((t, i) => {
    const at = `transitions[${i}]`;
    if (typeof t.slo !== 'string' || t.slo.length === 0) problems.push({ path: `${at}.slo`, message: 'must be a non-empty SLO name' });
    if (typeof t.kind !== 'string' || t.kind.length === 0) problems.push({ path: `${at}.kind`, message: 'must be an alert kind' });
    if (t.event !== 'fired' && t.event !== 'resolved') problems.push({ path: `${at}.event`, message: "must be 'fired' or 'resolved'" });
    if (!Number.isSafeInteger(t.at)) problems.push({ path: `${at}.at`, message: 'must be epoch milliseconds' });
    for (const [window, rate] of Object.entries(t.burnRates ?? {})) {
      if (!Number.isFinite(rate)) problems.push({ path: `${at}.burnRates.${window}`, message: 'must be a finite number; omit windows without data' });
    }
  });
  return problems;
}

export async function recordAlertTransitions(
  db: Kysely<StoreSchema>,
  transitions: AlertTransition[],
  opts: RecordTransitionsOptions,
  lockEventLog: LockEventLog,
): Promise<RecordTransitionsResult> {
  const problems = transitionProblems(transitions);
  if (problems.length > 0) {
    throw new InputError(`invalid alert transitions (${problems.map((p) => p.path).join(', ')}); nothing was recorded`, problems);
  }
  return db.transaction().execute(async (trx) => {
    const recorded: StoredAlertTransition[] = [];
    for (const t of transitions) {
      const details = t.details ?? {};
      const row = {
        slo: t.slo,
        kind: t.kind,
        event: t.event,
        at: t.at,
        burn_rates: JSON.stringify(t.burnRates ?? {}),
        details: JSON.stringify(details),
      };
      const inserted = await trx
        .insertInto('alert_transitions')
        .values(row)
        .onConflict((oc) => oc.columns(['slo', 'kind', 'event', 'at']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) continue;
      await trx
        .insertInto('alert_states')
        .values({ slo: t.slo, kind: t.kind, firing: t.event === 'fired' ? 1 : 0, since: t.at, burn_rates: row.burn_rates, details: row.details })
        .onConflict((oc) =>
          oc
            .columns(['slo', 'kind'])
            .doUpdateSet((eb) => ({
              firing: eb.ref('excluded.firing'),
              since: eb.ref('excluded.since'),
              burn_rates: eb.ref('excluded.burn_rates'),
              details: eb.ref('excluded.details'),
            }))
            .where((eb) => eb('alert_states.since', '<=', eb.ref('excluded.since'))),
        )
        .execute();
      recorded.push({ id: Number(inserted.id), slo: t.slo, kind: t.kind, event: t.event, at: t.at, burnRates: t.burnRates ?? {}, details });
    }
    if (opts.appendEvents !== false && recorded.length > 0) {
      const events = recorded.map((t) => ({ type: ALERT_TRANSITION_EVENT, payload: t }));
      await appendEventsIn(trx, events, opts.now ?? recorded[recorded.length - 1]!.at, lockEventLog);
    }
    return { recorded };
  });
}

export async function getAlertStates(db: Kysely<StoreSchema>): Promise<AlertState[]> {
  const rows = await db.selectFrom('alert_states').selectAll().orderBy('slo').orderBy('kind').execute();
  return rows.map((r) => ({
    slo: r.slo,
    kind: r.kind as AlertKind,
    firing: Number(r.firing) === 1,
    since: r.since,
    burnRates: JSON.parse(r.burn_rates) as Record<string, number>,
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
}

export async function listAlertTransitions(db: Kysely<StoreSchema>, filter: AlertTransitionFilter = {}): Promise<StoredAlertTransition[]> {
  let query = db.selectFrom('alert_transitions').selectAll();
  if (filter.slo !== undefined) query = query.where('slo', '=', filter.slo);
  if (filter.kind !== undefined) query = query.where('kind', '=', filter.kind);
  if (filter.event !== undefined) query = query.where('event', '=', filter.event);
  if (filter.since !== undefined) query = query.where('at', '>=', filter.since);
  if (filter.until !== undefined) query = query.where('at', '<', filter.until);
  const limit = Math.max(1, Math.min(filter.limit ?? DEFAULT_LIMIT, MAX_LIMIT));
  const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    id: Number(r.id),
    slo: r.slo,
    kind: r.kind as AlertKind,
    event: r.event as 'fired' | 'resolved',
    at: r.at,
    burnRates: JSON.parse(r.burn_rates) as Record<string, number>,
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
}
