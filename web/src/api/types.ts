/** The API shapes the console reads: the server's own zod output types, so a change breaks the build. */
export type { AlertsResponse, GateDecision, SloDetail, SloSummary } from '../../../src/server/schemas/read.js';
export type { CompositeDetail, CompositeSummary, SloDetailAnswer, SloListEntry } from '../../../src/server/schemas/read.js';


export type Scope = 'ingest' | 'read' | 'write' | 'admin';

export interface SessionInfo {
  name: string;
  scopes: Scope[];
  csrfToken: string | null;
  expiresAt: number | null;
}

export type { Page } from '../../../src/oncall/escalation/page.js';
import type { z } from 'zod';
import type { onCallResponse, scheduleListResponse, shiftsResponse } from '../../../src/server/schemas/schedules.js';
export type ScheduleSummary = z.output<typeof scheduleListResponse>['schedules'][number];
export type OnCallAnswer = z.output<typeof onCallResponse>;
export type Shift = z.output<typeof shiftsResponse>['shifts'][number];
export type { FollowUp, PageDetail, StoredDelivery } from '../../../src/store/paging.js';
