/** The OnCallDirectory that planDeliveries needs, over the live config and schedule changes. */
import type { OnCallDirectory } from '../escalation/index.js';
import { whoIsOnCall } from '../schedule/final-schedule.js';
import type { PagingConfig, ScheduleChanges } from './model.js';

export function buildDirectory(config: PagingConfig, changes: ScheduleChanges = () => []): OnCallDirectory {
  const people = new Map(config.people.map((p) => [p.id, p]));
  const teams = new Map(config.teams.map((t) => [t.id, t]));
  const schedules = new Map(config.schedules.map((s) => [s.name, s]));
  return {
    resolveOnCall(name, at) {
      const schedule = schedules.get(name);
      return schedule ? (whoIsOnCall(schedule, changes(name), at)?.people ?? []) : [];
    },
    teamMembers: (team) => teams.get(team)?.members ?? [],
    person: (id) => people.get(id),
  };
}
