/**
 * Request schemas of the incident, postmortem and action-item routes. zod checks shapes at the
 * edge (field-level 400s); the domain then checks meaning (known severity, lengths) with the
 * same field paths.
 */
import { z } from 'zod';
import { INCIDENT_ROLES, INCIDENT_STATUSES, COMPONENT_STATUSES } from '../../incidents/model.js';
import { ACTION_PRIORITIES, ACTION_STATUSES } from '../../actions/model.js';

const names = z.array(z.string().min(1).max(200)).max(50);
const epochMs = z.number().int().nonnegative();

export const incidentIdParams = z.object({ id: z.string().min(1).max(100).describe('Incident id, e.g. INC-7') });

export const declareFields = {
  title: z.string().max(1000).optional().describe('Short title; from a page, defaults to the alert summary'),
  severity: z.string().max(50).optional().describe('A configured severity (GET /api/v1/severities lists them with their rubric); from a page, defaults to the second one (SEV2)'),
  status: z.enum(INCIDENT_STATUSES).optional(),
  services: names.optional(),
  journeys: names.optional(),
  slos: names.optional().describe('SLOs whose error budget measures the impact; from an SLO page, defaults to that SLO'),
  customerSummary: z.string().max(5000).optional(),
  startedAt: epochMs.optional().describe('When impact began, epoch ms, if earlier than now'),
};

export const declareBody = z.object({ ...declareFields, pageId: z.string().min(1).max(200).optional().describe('Declare from this page (idempotent: the same page returns the same incident)') });
export const declareFromPageBody = z.object(declareFields).optional();

export const listIncidentsQuery = z.object({
  status: z.string().regex(/^[a-z,]+$/).optional().describe('Comma-separated statuses: investigating,identified,monitoring,resolved'),
  open: z.enum(['true', 'false']).optional().describe('Only incidents not resolved'),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

export const updateIncidentBody = z.object({
  title: z.string().max(1000).optional(),
  severity: z.string().max(50).optional(),
  status: z.enum(INCIDENT_STATUSES).optional(),
  customerSummary: z.string().max(5000).optional(),
}).refine((b) => Object.keys(b).length > 0, 'give at least one of title, severity, status, customerSummary');

export const roleBody = z.object({
  action: z.enum(['assign', 'handover', 'release']),
  role: z.enum(INCIDENT_ROLES),
  person: z.string().min(1).max(200).optional().describe('New holder (assign, handover)'),
});

export const noteBody = z.object({ text: z.string().min(1).max(10_000), pinned: z.boolean().optional() });
export const runbookRunBody = z.object({
  runbook: z.string().min(1).max(2000).describe('Runbook name or URL'),
  outcome: z.string().min(1).max(5000).describe('What running it did, e.g. "restarted 3 pods; error rate back to 0.1%"'),
});
export const statusUpdateBody = z.object({ body: z.string().min(1).max(5000), status: z.enum(INCIDENT_STATUSES).optional() });
export const componentParams = z.object({ id: z.string().min(1).max(100), component: z.string().min(1).max(100) });
export const componentBody = z.object({ status: z.enum(COMPONENT_STATUSES).nullable().describe('null returns the component to its derived status') });
export const resolveBody = z.object({ note: z.string().max(10_000).optional() }).optional();
export const timelineQuery = z.object({ format: z.enum(['json', 'markdown']).optional() });
export const entryParams = z.object({ id: z.string().min(1).max(100), seq: z.string().regex(/^\d{1,9}$/).describe('Entry number: 7 in INC-3/7') });
export const pinBody = z.object({ pinned: z.boolean() });

export const postmortemIdParams = z.object({ id: z.string().min(1).max(100).describe('Postmortem id, e.g. PM-3') });
export const createPostmortemBody = z.object({ template: z.string().min(1).max(100).optional() }).optional();
export const listPostmortemsQuery = z.object({
  overdue: z.enum(['true', 'false']).optional().describe('Overdue ones (including required postmortems never started) instead of the list'),
  state: z.enum(['draft', 'in_review', 'published']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
export const editPostmortemBody = z.object({ sections: z.record(z.string().min(1).max(100), z.string().max(50_000)).describe('Section key -> Markdown body') });

const actionFields = {
  title: z.string().max(1000).optional(),
  description: z.string().max(20_000).optional(),
  owner: z.string().max(500).optional(),
  dueAt: epochMs.optional().describe('Due date, epoch ms'),
  priority: z.enum(ACTION_PRIORITIES).optional(),
  status: z.enum(ACTION_STATUSES).optional(),
  wontDoReason: z.string().max(5000).optional(),
  trackerUrl: z.string().max(2000).nullable().optional(),
};
export const createActionBody = z.object({ ...actionFields, incidentId: z.string().min(1).max(100).optional(), postmortemId: z.string().min(1).max(100).optional() });
export const updateActionBody = z.object(actionFields).refine((b) => Object.keys(b).length > 0, 'give at least one field to change');
export const actionIdParams = z.object({ id: z.string().min(1).max(100).describe('Action item id, e.g. AI-12') });
export const listActionsQuery = z.object({
  owner: z.string().min(1).max(200).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  status: z.string().regex(/^[a-z_,]+$/).optional().describe('Comma-separated: open,in_progress,done,wont_do'),
  incident: z.string().min(1).max(100).optional(),
});
export const reportQuery = z.object({ last: z.coerce.number().int().min(1).max(1000).optional().describe('How many of the latest incidents (default 10)') });
