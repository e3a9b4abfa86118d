/** Read-side services the routes call; implemented over the evaluator and the store. */
import type { AlertsQuery, AlertsResponse, ConfigStatus, GateDecision, SloDetailAnswer, SloListEntry, SloSummary } from '../schemas/read.js';
import type { StoredEvent } from '../../store/store.js';

export interface EventSubscription {
  close(): void;
}

export interface EventSource {
  /** Events after `afterId` from the durable log, then live ones, in id order. */
  readAfter(afterId: number, limit: number): Promise<StoredEvent[]>;
  lastEventId(): Promise<number>;
  /** Called for each new event published on this replica (and, via polling, others'). */
  subscribe(listener: (event: StoredEvent) => void): EventSubscription;
}

export interface ReadServices {
  slos: {
    /** Plain SLOs only. */
    list(): Promise<SloSummary[]>;
    /** Plain SLOs with each composite after its components (GET /api/v1/slos). */
    listWithComposites(): Promise<SloListEntry[]>;
    /** A plain SLO or a composite by name. */
    get(name: string, points: number): Promise<SloDetailAnswer>;
  };
  alerts: { query(query: AlertsQuery): Promise<AlertsResponse> };
  gate: { decide(service: string, changeLabels: string[]): Promise<GateDecision> };
  config: { status(): ConfigStatus };
  events: EventSource;
  /** Absent until a remote_write mapper is configured. */
  remoteWrite?: { ingest(body: Buffer): Promise<{ samples: number; matched: number }> };
}
