/**
 * The storage seam for postmortems (types only; the kysely implementation comes next).
 * `save` inserts version 1 or updates when the stored version is `version - 1`, failing with
 * ConflictError otherwise. Sections, impact, participants and requirement are stored as JSON.
 */
import type { Postmortem, PostmortemState } from './model.js';

export interface PostmortemRepository {
  save(pm: Postmortem): Promise<void>;
  get(id: string): Promise<Postmortem | null>;
  /** At most one postmortem per incident. */
  findByIncident(incidentId: string): Promise<Postmortem | null>;
  list(query: { state?: PostmortemState[]; dueBefore?: number; limit?: number }): Promise<Postmortem[]>;
  nextId(): Promise<string>;
}
