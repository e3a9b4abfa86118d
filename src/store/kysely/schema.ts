/**
 * Row types of the tables, as kysely sees them. JSON columns are TEXT in both dialects (one
 * portable schema); times are epoch ms in BIGINT columns, minutes are epoch minutes in
 * INTEGER columns. The PostgreSQL pool parses BIGINT to number (see postgres/open-postgres.ts).
 */
import type { Generated } from 'kysely';

/** SLO names get a small integer id so each count row stores 1-3 bytes instead of the name. */
export interface SlosTable {
  id: Generated<number>;
  name: string;
}

export interface SliCountsTable {
  slo_id: number;
  minute: number;
  good: number;
  total: number;
}

export interface IdempotencyKeysTable {
  key: string;
  created_at: number;
  accepted: number;
}

export interface AlertStatesTable {
  slo: string;
  kind: string;
  firing: number;
  since: number;
  burn_rates: string;
  details: string;
}

export interface AlertTransitionsTable {
  id: Generated<number>;
  slo: string;
  kind: string;
  event: string;
  at: number;
  burn_rates: string;
  details: string;
}

export interface EventsTable {
  id: Generated<number>;
  type: string;
  payload: string;
  at: number;
}

export interface ApiTokensTable {
  id: string;
  name: string;
  scopes: string;
  secret_hash: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface LeasesTable {
  name: string;
  holder: string;
  expires_at: number;
  acquired_at: number;
}

/** Last point of each remote-written counter series (migration 0006); null until first saved. */
export interface RemoteWriteSeriesTable {
  id: string;
  last_at: number | null;
  last_value: number | null;
}

export interface StoreSchema {
  slos: SlosTable;
  sli_counts: SliCountsTable;
  idempotency_keys: IdempotencyKeysTable;
  alert_states: AlertStatesTable;
  alert_transitions: AlertTransitionsTable;
  events: EventsTable;
  api_tokens: ApiTokensTable;
  leases: LeasesTable;
  remote_write_series: RemoteWriteSeriesTable;
}
