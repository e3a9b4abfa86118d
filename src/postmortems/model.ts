/**
 * Blameless postmortems as plain data. A postmortem is written from a template whose
 * sections are prefilled from the incident (summary, impact, timeline, participants); it moves
 * draft -> in_review -> published, and a published postmortem no longer changes.
 */
import type { IncidentImpact } from '../incidents/impact.js';

export type PostmortemState = 'draft' | 'in_review' | 'published';

export interface PostmortemSection {
  key: string;
  title: string;
  /** Guiding questions from the template; shown while the body is empty, never published. */
  prompt: string;
  body: string;
}

/** Why a postmortem is required, and whether it must carry a top-priority action item. */
export interface PostmortemRequirement {
  required: boolean;
  reasons: string[];
  /** Set when the incident consumed more than the budget threshold of some SLO. */
  topPriorityActionRequired: boolean;
}

export interface Postmortem {
  id: string;
  incidentId: string;
  title: string;
  severity: string;
  state: PostmortemState;
  template: string;
  sections: PostmortemSection[];
  /** Budget impact and response times at the time the postmortem was created. */
  impact: IncidentImpact | null;
  participants: string[];
  requirement: PostmortemRequirement;
  createdAt: number;
  dueAt: number;
  submittedAt: number | null;
  publishedAt: number | null;
  updatedAt: number;
  version: number;
}
