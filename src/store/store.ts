/**
 * The one storage seam of the sloop server. Everything the server keeps between restarts,
 * and everything several replicas must agree on, goes through `Store`:
 *
 * - SLI counts: good/total per (SLO, epoch minute), ingested additively and idempotently.
 * - Alert state and history: the current state per (SLO, alert kind) plus an append-only
 *   log of fired/resolved transitions.
 * - A durable event log (the on-call engine and `/api/v1/events/stream` consume it).
 * - API tokens (only a hash of the secret is stored) and the console sessions made from them
 *   (only a hash of the session id).
 * - Leases, so work that must run once across replicas (evaluation ticks) is claimed in the
 *   database rather than assumed.
 *
 * Conventions: plain data in and out; times are epoch milliseconds (`at`, `now`, `...At`);
 * minutes are epoch minutes = Math.floor(ms / 60_000). Every method that depends on the time
 * takes an explicit `now`. Invalid input throws `InputError` (from src/errors) and changes
 * nothing.
 */
import type { AlertKind } from '../slo/model.js';
import type { PagingStore } from './paging.js';
import type { ScheduleStore } from './schedule-store.js';
import type { IncidentStore } from './incident-store.js';
import type { ConsoleSessionStore } from './session-store.js';
import type { StatusStorage } from '../statuspage/service/storage.js';

/** What a token may do. See `scopeAllows` in ./scopes.ts for how scopes imply each other. */
export type Scope = 'ingest' | 'read' | 'write' | 'admin';
export const SCOPES: readonly Scope[] = ['ingest', 'read', 'write', 'admin'];

// ---------------------------------------------------------------------------------------
// SLI counts

/** Good and total events observed during one epoch minute. 0 <= good <= total, finite. */
export interface MinuteCount {
  minute: number;
  good: number;
  total: number;
}

/** One SLO's samples in an ingest batch. Several samples may share a minute; they add up. */
export interface SloSamples {
  slo: string;
  samples: MinuteCount[];
}

export interface SloMinuteCount extends MinuteCount {
  slo: string;
}

export interface IngestOptions {
  /**
   * A retried batch with the same key is not applied twice. Keys are global to the store:
   * the server should namespace them (for example `${tokenId}:${key}`). They are kept for
   * `IDEMPOTENCY_KEY_TTL_MS` and then pruned by `pruneIdempotencyKeys`.
   */
  idempotencyKey?: string;
  now: number;
}

export interface IngestResult {
  /** Samples applied (for a duplicate: the number the original batch applied). */
  accepted: number;
  /** True when the idempotency key was seen within its TTL; nothing was changed. */
  duplicate: boolean;
}

/** Good and total of one SLO summed over the minutes of one epoch hour (= Math.floor(minute / 60)). */
export interface SloHourCount {
  slo: string;
  hour: number;
  /** The oldest and newest minute with a row in this hour (within the range read). */
  firstMinute: number;
  lastMinute: number;
  good: number;
  total: number;
}

/** The last sample of a remote-written counter series: epoch ms and cumulative value. */
export interface SeriesPoint {
  at: number;
  value: number;
}

/**
 * Counts whose increase depends on persisted per-series state (remote_write counters). The
 * store locks the series rows, calls `compute` with their last points inside the transaction
 * that adds the counts, and saves the new last points in that same transaction.
 */
export interface SeriesIngest {
  /** Series ids (for example a hash of the labels), at most 255 characters each. */
  seriesIds: readonly string[];
  /**
   * Pure and synchronous: given the last point of each series (absent: never seen or
   * pruned), returns the counts to add and the new last points. It may be called again if
   * the store retries, so it must not change anything outside its result.
   */
  compute(previous: ReadonlyMap<string, SeriesPoint>): { counts: SloMinuteCount[]; next: ReadonlyMap<string, SeriesPoint> };
}

export interface SeriesIngestResult {
  /** The counts that were added (grouped per SLO), for updating in-memory state after commit. */
  applied: SloSamples[];
}

/** Series state not advanced for this long is deleted by `pruneSeriesState`. */
export const SERIES_STATE_TTL_MS = 6 * 60 * 60 * 1000;

/** How long an idempotency key is remembered. Retries later than this count again. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

// ---------------------------------------------------------------------------------------
// Alerts

/** Burn rate per window, keyed by a window label such as `1h` or `5m`. Stored as JSON. */
export type BurnRates = Record<string, number>;

export type AlertEventKind = 'fired' | 'resolved';

export interface AlertTransition {
  slo: string;
  kind: AlertKind;
  event: AlertEventKind;
  /** When the condition started (fired) or ended (resolved), epoch ms. */
  at: number;
  burnRates: BurnRates;
  /** Anything else worth keeping (thresholds, severity, budget remaining). JSON-serialisable. */
  details?: Record<string, unknown>;
}

export interface StoredAlertTransition extends AlertTransition {
  id: number;
  details: Record<string, unknown>;
}

export interface AlertState {
  slo: string;
  kind: AlertKind;
  /** True after a `fired` transition, false after a `resolved` one. */
  firing: boolean;
  /** `at` of the transition that set this state. */
  since: number;
  burnRates: BurnRates;
  details: Record<string, unknown>;
}

export interface AlertTransitionFilter {
  slo?: string;
  kind?: AlertKind;
  event?: AlertEventKind;
  /** Inclusive lower bound on `at`. */
  since?: number;
  /** Exclusive upper bound on `at`. */
  until?: number;
  /** Default 100, at most 10,000. */
  limit?: number;
}

export interface RecordTransitionsOptions {
  /**
   * Also append one `ALERT_TRANSITION_EVENT` per newly recorded transition to the event log,
   * in the same transaction, so a consumer can never miss one. Default true.
   */
  appendEvents?: boolean;
  /** Timestamp for the appended events; defaults to the `at` of the last recorded transition. */
  now?: number;
}

export interface RecordTransitionsResult {
  /** Transitions that were new; re-recorded ones are skipped and not counted. */
  recorded: StoredAlertTransition[];
}

/** Event type appended by `recordAlertTransitions`; payload is a `StoredAlertTransition`. */
export const ALERT_TRANSITION_EVENT = 'alert.transition';

// ---------------------------------------------------------------------------------------
// Event log

export interface NewEvent {
  type: string;
  /** JSON-serialisable. */
  payload: unknown;
}

export interface StoredEvent {
  /** Strictly increasing in commit order: a reader resuming after `id` misses nothing. */
  id: number;
  type: string;
  payload: unknown;
  at: number;
}

// ---------------------------------------------------------------------------------------
// Tokens

export interface CreateTokenInput {
  name: string;
  scopes: Scope[];
  now: number;
}

/** A token as listed: never includes the secret or its hash. */
export interface TokenInfo {
  /** The public id, also embedded in the token string `sloop_<id>_<secret>`. */
  id: string;
  name: string;
  scopes: Scope[];
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export interface CreatedToken {
  /** The plaintext token. Shown once; only its hash is stored. */
  token: string;
  info: TokenInfo;
}

export interface VerifiedToken {
  id: string;
  name: string;
  scopes: Scope[];
}

// ---------------------------------------------------------------------------------------
// Leases

export interface LeaseInfo {
  name: string;
  holder: string;
  expiresAt: number;
}

// ---------------------------------------------------------------------------------------

export type StoreDialect = 'sqlite' | 'postgres';

export interface OpenStoreOptions {
  /**
   * `postgres://...` or `postgresql://...` selects PostgreSQL. Undefined or '' selects the
   * embedded SQLite file; any other scheme is rejected with InputError.
   */
  url?: string;
  /** Directory of the embedded SQLite file `<dataDir>/sloop.db`; created if missing. */
  dataDir?: string;
  /**
   * SQLite only: `full` (default) fsyncs the WAL on every commit, so an acknowledged write
   * survives power loss; `normal` survives a crash of the process but not of the machine.
   */
  sqliteSynchronous?: 'full' | 'normal';
  /** PostgreSQL only: pool size (default 10). */
  poolSize?: number;
}

/** Open with `openStore(opts)` from ./open-store.ts (re-exported by ./index.ts). */
export interface Store {
  readonly dialect: StoreDialect;
  /** Where the data lives, safe to log (no password). */
  readonly location: string;

  // SLI counts ---------------------------------------------------------------------------
  /**
   * Adds every sample to its (slo, minute) row in one transaction together with the
   * idempotency record. Resolves only after the commit. Concurrent calls may share one
   * transaction (group commit: one fsync for many requests); each keeps its own key and
   * result. Throws InputError (nothing stored) if any sample is invalid: non-integer or
   * negative minute, negative or non-finite counts, good > total, empty SLO name.
   */
  ingestSamples(batches: SloSamples[], opts: IngestOptions): Promise<IngestResult>;
  /** Counts for one SLO with fromMinute <= minute < toMinuteExclusive, ascending by minute. */
  readCounts(slo: string, fromMinute: number, toMinuteExclusive: number): Promise<MinuteCount[]>;
  /**
   * Every count with minute >= fromMinute, in chunks, for warming the in-memory engine at
   * start without holding all rows twice, or for catching up on recent minutes (cheap: it
   * reads only rows >= fromMinute). Ordered by minute ascending; the order of SLOs within
   * a minute is unspecified.
   */
  readAllCountsSince(fromMinute: number, opts?: { chunkSize?: number }): AsyncIterable<SloMinuteCount[]>;
  /**
   * Counts with fromMinute <= minute < toMinuteExclusive summed per SLO and epoch hour in SQL
   * (`GROUP BY slo_id, minute / 60`), in chunks, each SLO's hours ascending (SLOs in no
   * particular order): warms hour-resolution counts with 1/60 of the rows. Hours cut by the
   * range hold only the minutes inside it.
   */
  readHourlyCounts(fromMinute: number, toMinuteExclusive: number, opts?: { chunkSize?: number }): AsyncIterable<SloHourCount[]>;
  /**
   * remote_write counters: locks the series' persisted last points, computes the increases
   * against them (`ingest.compute`) and adds the counts and the new last points in one
   * transaction (shared with concurrent ingests, as in `ingestSamples`). Replicas computing
   * increases for the same series serialise on its row, so every interval is counted once.
   * Throws InputError (nothing stored) if `compute` returns an invalid count.
   */
  ingestSeries(ingest: SeriesIngest, opts: { now: number }): Promise<SeriesIngestResult>;
  /** Deletes series state whose last point is older than `beforeAt` (epoch ms). Returns rows deleted. */
  pruneSeriesState(beforeAt: number): Promise<number>;
  /**
   * Deletes counts with minute < beforeMinute (for one SLO if given). Returns rows deleted.
   * `pruneStore` in ./maintenance.ts applies per-SLO retention and prunes idempotency keys.
   */
  pruneCounts(beforeMinute: number, opts?: { slo?: string }): Promise<number>;
  /** The latest minute holding data for this SLO, or null when there is none. */
  lastIngestMinute(slo: string): Promise<number | null>;
  /** Forgets idempotency keys older than IDEMPOTENCY_KEY_TTL_MS. Returns keys deleted. */
  pruneIdempotencyKeys(now: number): Promise<number>;

  // Alerts -------------------------------------------------------------------------------
  /**
   * Appends the transitions to the history and updates the current state, atomically.
   * Idempotent: a transition equal in (slo, kind, event, at) to a recorded one is skipped.
   * The state only moves forward: a transition older than the current state's `since`
   * is kept in the history but does not change the state.
   */
  recordAlertTransitions(
    transitions: AlertTransition[],
    opts?: RecordTransitionsOptions,
  ): Promise<RecordTransitionsResult>;
  getAlertStates(): Promise<AlertState[]>;
  /** Newest first. */
  listAlertTransitions(filter?: AlertTransitionFilter): Promise<StoredAlertTransition[]>;

  // Event log ----------------------------------------------------------------------------
  /** Appends in order, in one transaction; returns the new ids. */
  appendEvents(events: NewEvent[], now: number): Promise<number[]>;
  /** Events with id > afterId, ascending, at most `limit` (default 1000). */
  readEventsAfter(afterId: number, limit?: number): Promise<StoredEvent[]>;
  /** The highest event id, or 0 when the log is empty (where a new live reader starts). */
  lastEventId(): Promise<number>;

  // Tokens -------------------------------------------------------------------------------
  createToken(input: CreateTokenInput): Promise<CreatedToken>;
  /**
   * The token's identity if the plaintext is a valid, unrevoked token; otherwise null.
   * Constant-time comparison of the secret hash. Records `lastUsedAt` (at most once a minute).
   */
  verifyToken(plaintext: string, now: number): Promise<VerifiedToken | null>;
  /** All tokens, newest first, including revoked ones; never the secret. */
  listTokens(): Promise<TokenInfo[]>;
  /** Returns false when no such (unrevoked) token exists. */
  revokeToken(id: string, now: number): Promise<boolean>;

  // Leases -------------------------------------------------------------------------------
  /**
   * Acquires or renews the lease `name` for `holder` until now + ttlMs. Succeeds when the
   * lease is free, expired, or already held by `holder`. Atomic across processes.
   */
  tryAcquireLease(name: string, holder: string, ttlMs: number, now: number): Promise<boolean>;
  /** Releases the lease if `holder` holds it; otherwise does nothing. */
  releaseLease(name: string, holder: string): Promise<void>;
  /** The lease row if any; it may be expired (compare `expiresAt` with now). */
  getLease(name: string): Promise<LeaseInfo | null>;

  // Paging -------------------------------------------------------------------------------
  /** Durable pages, escalation timers, deliveries and follow-ups (see ./paging.ts). */
  readonly paging: PagingStore;

  // Schedules ----------------------------------------------------------------------------
  /** Runtime overrides, swaps and recorded fairness exceptions (see ./schedule-store.ts). */
  readonly schedules: ScheduleStore;

  // Status page --------------------------------------------------------------------------
  /** Maintenance windows, subscriptions, component overrides, notification claims (see ../statuspage/service/storage.ts). */
  readonly status: StatusStorage;

  // Incidents ----------------------------------------------------------------------------
  /** Incidents with their timelines, postmortems and action items (see ./incident-store.ts). */
  readonly incidents: IncidentStore;

  // Console sessions ----------------------------------------------------------------------
  /** Web console log-in sessions, by hash of the cookie, with the token they came from (see ./session-store.ts). */
  readonly sessions: ConsoleSessionStore;

  /** Closes the database handle or pool. The store is unusable afterwards. */
  close(): Promise<void>;
}
