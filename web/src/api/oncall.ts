/** On-call endpoints beyond the basic reads: fairness preview, overrides, swaps, load report. */
import type { PersonLoad, ScheduleLoad } from '../../../src/oncall/load/report.js';
import { request } from './client.js';

export type { PersonLoad, ScheduleLoad };

export interface FairnessVerdict {
  accepted: boolean;
  message: string;
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
  createOverride: (schedule: string, body: { person: string; from: number; to: number; reason?: string; exception?: FairnessException }) =>
    request<{ change: StoredChange; verdict: FairnessVerdict }>('POST', `/api/v1/schedules/${enc(schedule)}/overrides`, body),
  createSwap: (
    schedule: string,
    body: { first: { person: string; from: number; to: number }; second: { person: string; from: number; to: number }; reason?: string; exception?: FairnessException },
  ) => request<{ change: StoredChange; verdict: FairnessVerdict }>('POST', `/api/v1/schedules/${enc(schedule)}/swaps`, body),
  changes: (schedule: string) => request<{ changes: StoredChange[] }>('GET', `/api/v1/schedules/${enc(schedule)}/overrides`),
  deleteChange: (schedule: string, id: string) => request<{ deleted: string }>('DELETE', `/api/v1/schedules/${enc(schedule)}/overrides/${enc(id)}`),
  load: (from: number, to: number) => request<LoadReport>('GET', `/api/v1/oncall/load?from=${from}&to=${to}`),
};
