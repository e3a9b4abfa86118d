/**
 * Storage for incidents (with their timelines), postmortems and action items: the repository
 * seams the domains declare (src/incidents, src/postmortems, src/actions), implemented over
 * kysely in ./kysely/incidents.ts, ./kysely/postmortems.ts and ./kysely/actions.ts on tables
 * from migration 0004-incidents. Saves use optimistic concurrency on `version`: a stale save
 * throws ConflictError and changes nothing.
 */
import type { ActionRepository } from '../actions/repository.js';
import type { IncidentRepository } from '../incidents/repository.js';
import type { PostmortemRepository } from '../postmortems/repository.js';

export interface IncidentStore {
  incidents: IncidentRepository;
  postmortems: PostmortemRepository;
  actions: ActionRepository;
}
