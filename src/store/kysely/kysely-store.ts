/**
 * The single Store implementation, over kysely. The dialects differ only in how the
 * connection is opened (sqlite/, postgres/) and in `lockEventLog`; every query is shared.
 */
import type { Kysely } from 'kysely';
import type {
  AlertState,
  AlertTransition,
  AlertTransitionFilter,
  CreateTokenInput,
  CreatedToken,
  IngestOptions,
  IngestResult,
  LeaseInfo,
  MinuteCount,
  NewEvent,
  RecordTransitionsOptions,
  RecordTransitionsResult,
  SeriesIngest,
  SeriesIngestResult,
  SloHourCount,
  SloMinuteCount,
  SloSamples,
  Store,
  StoreDialect,
  StoredAlertTransition,
  StoredEvent,
  TokenInfo,
  VerifiedToken,
} from '../store.js';
import * as alerts from './alerts.js';
import * as counts from './counts.js';
import { readHourlyCounts } from './hourly-counts.js';
import { pruneSeriesState } from './series-state.js';
import * as events from './events.js';
import { IngestQueue } from './ingest-queue.js';
import { SloIdCache } from './slo-ids.js';
import * as leases from './leases.js';
import { createPagingStore } from './paging.js';
import type { PagingStore } from '../paging.js';
import { createScheduleStore } from './schedules.js';
import { createStatusStorage } from './status.js';
import type { StatusStorage } from '../../statuspage/service/storage.js';
import type { ScheduleStore } from '../schedule-store.js';
import type { IncidentStore } from '../incident-store.js';
import { createActionRepository } from './actions.js';
import { createConsoleSessionStore } from './console-sessions.js';
import type { ConsoleSessionStore } from '../session-store.js';
import { createIncidentRepository } from './incidents.js';
import { createPostmortemRepository } from './postmortems.js';
import type { StoreSchema } from './schema.js';
import * as tokens from './tokens.js';

export interface KyselyStoreConfig {
  dialect: StoreDialect;
  location: string;
  lockEventLog: events.LockEventLog;
  /** Releases the connection; defaults to destroying the kysely instance. */
  close?: () => Promise<void>;
}

export class KyselyStore implements Store {
  readonly dialect: StoreDialect;
  readonly location: string;
  readonly #db: Kysely<StoreSchema>;
  readonly #lockEventLog: events.LockEventLog;
  readonly #close: () => Promise<void>;
  readonly #ingestQueue: IngestQueue;
  readonly #sloIds = new SloIdCache();
  /** Durable paging (pages, timers, deliveries); see ../paging.ts. */
  readonly paging: PagingStore;
  /** Overrides, swaps and fairness exceptions; see ../schedule-store.ts. */
  readonly schedules: ScheduleStore;
  /** Status page maintenance, subscriptions and overrides; see ../../statuspage/service/storage.ts. */
  readonly status: StatusStorage;
  /** Incidents, postmortems and action items; see ../incident-store.ts. */
  readonly incidents: IncidentStore;
  /** Console log-in sessions; see ../session-store.ts. */
  readonly sessions: ConsoleSessionStore;
  #closed = false;

  constructor(db: Kysely<StoreSchema>, config: KyselyStoreConfig) {
    this.#db = db;
    this.dialect = config.dialect;
    this.location = config.location;
    this.#lockEventLog = config.lockEventLog;
    this.#close = config.close ?? (() => db.destroy());
    this.#ingestQueue = new IngestQueue(db, config.dialect, this.#sloIds);
    this.paging = createPagingStore(db, config.dialect);
    this.schedules = createScheduleStore(db, config.lockEventLog);
    this.status = createStatusStorage(db);
    this.incidents = { incidents: createIncidentRepository(db, config.lockEventLog), postmortems: createPostmortemRepository(db), actions: createActionRepository(db) };
    this.sessions = createConsoleSessionStore(db);
  }

  ingestSamples(batches: SloSamples[], opts: IngestOptions): Promise<IngestResult> {
    return this.#ingestQueue.ingest(batches, opts);
  }
  readCounts(slo: string, fromMinute: number, toMinuteExclusive: number): Promise<MinuteCount[]> {
    return counts.readCounts(this.#db, slo, fromMinute, toMinuteExclusive);
  }
  readAllCountsSince(fromMinute: number, opts: { chunkSize?: number } = {}): AsyncIterable<SloMinuteCount[]> {
    return counts.readAllCountsSince(this.#db, this.#sloIds, fromMinute, opts.chunkSize);
  }
  readHourlyCounts(fromMinute: number, toMinuteExclusive: number, opts: { chunkSize?: number } = {}): AsyncIterable<SloHourCount[]> {
    return readHourlyCounts(this.#db, this.#sloIds, fromMinute, toMinuteExclusive, opts.chunkSize);
  }
  ingestSeries(ingest: SeriesIngest, _opts: { now: number }): Promise<SeriesIngestResult> {
    return this.#ingestQueue.ingestSeries(ingest);
  }
  pruneSeriesState(beforeAt: number): Promise<number> {
    return pruneSeriesState(this.#db, beforeAt);
  }
  pruneCounts(beforeMinute: number, opts: { slo?: string } = {}): Promise<number> {
    return counts.pruneCounts(this.#db, beforeMinute, opts.slo);
  }
  lastIngestMinute(slo: string): Promise<number | null> {
    return counts.lastIngestMinute(this.#db, slo);
  }
  pruneIdempotencyKeys(now: number): Promise<number> {
    return counts.pruneIdempotencyKeys(this.#db, now);
  }

  recordAlertTransitions(transitions: AlertTransition[], opts: RecordTransitionsOptions = {}): Promise<RecordTransitionsResult> {
    return alerts.recordAlertTransitions(this.#db, transitions, opts, this.#lockEventLog);
  }
  getAlertStates(): Promise<AlertState[]> {
    return alerts.getAlertStates(this.#db);
  }
  listAlertTransitions(filter?: AlertTransitionFilter): Promise<StoredAlertTransition[]> {
    return alerts.listAlertTransitions(this.#db, filter);
  }

  appendEvents(newEvents: NewEvent[], now: number): Promise<number[]> {
    return events.appendEvents(this.#db, newEvents, now, this.#lockEventLog);
  }
  readEventsAfter(afterId: number, limit?: number): Promise<StoredEvent[]> {
    return events.readEventsAfter(this.#db, afterId, limit);
  }
  lastEventId(): Promise<number> {
    return events.lastEventId(this.#db);
  }

  createToken(input: CreateTokenInput): Promise<CreatedToken> {
    return tokens.createToken(this.#db, input);
  }
  verifyToken(plaintext: string, now: number): Promise<VerifiedToken | null> {
    return tokens.verifyToken(this.#db, plaintext, now);
  }
  listTokens(): Promise<TokenInfo[]> {
    return tokens.listTokens(this.#db);
  }
  revokeToken(id: string, now: number): Promise<boolean> {
    return tokens.revokeToken(this.#db, id, now);
  }

  tryAcquireLease(name: string, holder: string, ttlMs: number, now: number): Promise<boolean> {
    return leases.tryAcquireLease(this.#db, name, holder, ttlMs, now);
  }
  releaseLease(name: string, holder: string): Promise<void> {
    return leases.releaseLease(this.#db, name, holder);
  }
  getLease(name: string): Promise<LeaseInfo | null> {
    return leases.getLease(this.#db, name);
  }

  /** Idempotent: closing twice is harmless. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#ingestQueue.idle();
    await this.#close();
  }
}
