/** On-call endpoints beyond the basic reads: people, fairness preview, overrides, swaps, load report. */
import type { PersonOverLimit, VerdictSummary } from '../../../src/oncall/fairness/proposed.js';
import type { PersonLoad, ScheduleLoad } from '../../../src/oncall/load/report.js';
import { request } from './client.js';

export type { PersonLoad, PersonOverLimit, ScheduleLoad };

/** The preview's verdict, the same for overrides and swaps: who is over the limit and by how much. */
export type FairnessVerdict = VerdictSummary;

/** The verdict a save answers with (a refused save is a 409 instead). */
export interface SavedVerdict {
  accepted: boolean;
  message: string;
}

/** A person of the on-call config as GET /api/v1/people gives it (no contact details). */
export interface PersonSummary {
  id: string;
  name: string;
  timeZone: string;
}

/** One side of a swap: `person`'s own time from..to, which the other person takes. */
export interface SwapSide {
  person: string;
  from: number;
  to: number;
}

export interface FairnessException {
  approvedBy: string;
  reason: string;
  until: number;
}

export interface StoredChange {
  id: string;
  schedule: string;
  change: Record<string, unknown>;
  createdBy: string;
  reason: string | null;
  createdAt: number;
}

export interface LoadReport {
  range: { from: number; to: number };
  people: PersonLoad[];
  schedules: ScheduleLoad[];
  pageData: { available: boolean; note: string };
}

const enc = encodeURIComponent;

export const onCallApi = {
  /** The verdict on a proposed override (a person covering from..to), before saving it. */
  fairness: (schedule: string, person: string, from: number, to: number) =>
    request<{ schedule: string; verdict: FairnessVerdict | null }>('GET', `/api/v1/schedules/${enc(schedule)}/fairness?person=${enc(person)}&from=${from}&to=${to}`),
  /** The verdict on a proposed swap (first.person's time goes to second.person and back), before saving it. */
  swapFairness: (schedule: string, first: SwapSide, second: SwapSide) =>
    request<{ schedule: string; verdict: FairnessVerdict | null }>(
      'GET',
      `/api/v1/schedules/${enc(schedule)}/fairness?person=${enc(first.person)}&from=${first.from}&to=${first.to}&with=${enc(second.person)}&withFrom=${second.from}&withTo=${second.to}`,
    ),
  createOverride: (schedule: string, body: { person: string; from: number; to: number; reason?: string; exception?: FairnessException }) =>
    request<{ change: StoredChange; verdict: SavedVerdict }>('POST', `/api/v1/schedules/${enc(schedule)}/overrides`, body),
  createSwap: (schedule: string, body: { first: SwapSide; second: SwapSide; reason?: string; exception?: FairnessException }) =>
    request<{ change: StoredChange; verdict: SavedVerdict }>('POST', `/api/v1/schedules/${enc(schedule)}/swaps`, body),
  people: () => request<{ people: PersonSummary[] }>('GET', '/api/v1/people'),
  changes: (schedule: string) => request<{ changes: StoredChange[] }>('GET', `/api/v1/schedules/${enc(schedule)}/overrides`),
  deleteChange: (schedule: string, id: string) => request<{ deleted: string }>('DELETE', `/api/v1/schedules/${enc(schedule)}/overrides/${enc(id)}`),
  load: (from: number, to: number) => request<LoadReport>('GET', `/api/v1/oncall/load?from=${from}&to=${to}`),
};
