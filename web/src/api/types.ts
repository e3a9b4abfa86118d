/** The API shapes the console reads: the server's own zod output types, so a change breaks the build. */
export type { AlertsResponse, GateDecision, SloDetail, SloSummary } from '../../../src/server/schemas/read.js';

export type Scope = 'ingest' | 'read' | 'write' | 'admin';

export interface SessionInfo {
  name: string;
  scopes: Scope[];
  csrfToken: string | null;
  expiresAt: number | null;
}
