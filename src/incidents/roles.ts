/**
 * Incident command roles: assign, hand over, release. Handovers are recorded with from/to so
 * the postmortem can see who held command when. One person may hold two roles early on; that
 * is allowed, and every change that leaves it so says so in `notices`.
 */
import { ConflictError, InputError } from '../errors/index.js';
import { findSeverity, type IncidentsConfig } from './config.js';
import { INCIDENT_ROLES, ROLE_TITLES, type Incident, type IncidentChange, type IncidentRole } from './model.js';
import { ChangeBuilder } from './timeline.js';

export interface RoleInput {
  role: IncidentRole;
  /** Person id of the new holder (assign, hand over). */
  person?: string;
  /** Who made the change. */
  by: string;
}

function checkRole(input: RoleInput, needsPerson: boolean): string {
  const problems = [];
  if (!(INCIDENT_ROLES as readonly string[]).includes(input.role)) problems.push({ path: 'role', message: `use one of ${INCIDENT_ROLES.join(', ')}` });
  const person = typeof input.person === 'string' ? input.person.trim() : '';
  if (needsPerson && person === '') problems.push({ path: 'person', message: 'is required; name who takes the role' });
  if (typeof input.by !== 'string' || input.by.trim() === '') problems.push({ path: 'by', message: 'is required; name who makes the change' });
  if (problems.length > 0) throw new InputError(`role change is invalid: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
  return person;
}

function assertOpen(incident: Incident): void {
  if (incident.status === 'resolved') throw new ConflictError(`incident ${incident.id} is resolved; reopen it by setting its status before changing roles`);
}

export function assignRole(incident: Incident, input: RoleInput, config: IncidentsConfig, now: number): IncidentChange {
  const person = checkRole(input, true);
  assertOpen(incident);
  const holder = incident.roles[input.role];
  if (holder === person) return withNotices(new ChangeBuilder(incident), config).done();
  if (holder !== undefined) {
    throw new ConflictError(`${ROLE_TITLES[input.role]} is held by ${holder}; hand the role over instead of assigning it`);
  }
  const b = new ChangeBuilder(incident);
  b.update({ roles: { ...incident.roles, [input.role]: person } });
  b.participant(person);
  b.write('roleAssigned', now, input.by, `${person} is ${ROLE_TITLES[input.role]}`, { role: input.role, to: person });
  return withNotices(b, config).done();
}

export function handOverRole(incident: Incident, input: RoleInput, config: IncidentsConfig, now: number): IncidentChange {
  const person = checkRole(input, true);
  assertOpen(incident);
  const from = incident.roles[input.role];
  if (from === undefined) throw new ConflictError(`nobody holds ${ROLE_TITLES[input.role]}; assign it instead of handing it over`);
  if (from === person) throw new ConflictError(`${person} already holds ${ROLE_TITLES[input.role]}; name someone else to hand it to`);
  const b = new ChangeBuilder(incident);
  b.update({ roles: { ...incident.roles, [input.role]: person } });
  b.participant(person);
  // A commander handover changes who decides: keep it easy to find in the postmortem.
  const pinned = input.role === 'commander';
  b.write('roleHandedOver', now, input.by, `${ROLE_TITLES[input.role]} handed over from ${from} to ${person}`, { role: input.role, from, to: person }, pinned);
  return withNotices(b, config).done();
}

export function releaseRole(incident: Incident, input: RoleInput, config: IncidentsConfig, now: number): IncidentChange {
  checkRole(input, false);
  const from = incident.roles[input.role];
  if (from === undefined) throw new ConflictError(`nobody holds ${ROLE_TITLES[input.role]}; there is nothing to release`);
  const roles = { ...incident.roles };
  delete roles[input.role];
  const b = new ChangeBuilder(incident);
  b.update({ roles });
  b.write('roleReleased', now, input.by, `${from} released ${ROLE_TITLES[input.role]}`, { role: input.role, from });
  return withNotices(b, config).done();
}

/** Visible warnings about the current role set; shown after every change and on the incident page. */
export function roleNotices(incident: Incident, config: Pick<IncidentsConfig, 'severities'>): string[] {
  const notices: string[] = [];
  const byPerson = new Map<string, IncidentRole[]>();
  for (const role of INCIDENT_ROLES) {
    const person = incident.roles[role];
    if (person !== undefined) byPerson.set(person, [...(byPerson.get(person) ?? []), role]);
  }
  for (const [person, roles] of byPerson) {
    if (roles.length < 2) continue;
    const titles = roles.map((r) => ROLE_TITLES[r]).join(' and ');
    const why = roles.includes('commander') ? ' The Incident Commander decides and should not be hands on keyboard;' : '';
    notices.push(`${person} holds ${roles.length} roles: ${titles}.${why} hand one over when someone else joins.`);
  }
  if (incident.status !== 'resolved') {
    const severity = findSeverity(config, incident.severity);
    const missing = (severity?.requiredRoles ?? []).filter((r) => incident.roles[r] === undefined);
    if (missing.length > 0) notices.push(`${incident.severity} needs ${missing.map((r) => ROLE_TITLES[r]).join(', ')}; assign ${missing.length > 1 ? 'them' : 'it'}.`);
  }
  return notices;
}

function withNotices(b: ChangeBuilder, config: IncidentsConfig): ChangeBuilder {
  for (const n of roleNotices(b.incident, config)) b.notice(n);
  return b;
}
