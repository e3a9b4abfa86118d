/**
 * Parses the `people`, `teams` and `schedules` keys of an `apiVersion: sloop/v1`,
 * `kind: OnCall` document. `escalationPolicies` and `routes` belong to src/oncall/escalation
 * and are skipped here without comment. Every problem becomes a Diagnostic with
 * file:line:column and field path; parsing never stops at the first one.
 */
import { isMap, type Document, type LineCounter, type Node } from 'yaml';
import type { Diagnostic } from '../../errors/index.js';
import { DocContext, MapReader } from '../../slo/spec/yaml-reader.js';
import type { ContactMethod, NotificationRule, OnCallConfig, Person, Team } from '../schedule/model.js';
import { isValidZone } from '../schedule/wall-clock.js';
import { parseSchedules } from './parse-schedule.js';

export interface ParsedOnCall extends OnCallConfig {
  diagnostics: Diagnostic[];
}

const TOP_KEYS = ['apiVersion', 'kind', 'metadata', 'people', 'teams', 'schedules', 'escalationPolicies', 'routes', 'integrations', 'fairnessExceptions'];
const PERSON_KEYS = ['id', 'name', 'email', 'timeZone', 'contactMethods', 'notificationRules'];
const CONTACT_KEYS: Record<ContactMethod['type'], string[]> = {
  webhook: ['id', 'type', 'url', 'secret'],
  slack: ['id', 'type', 'url'],
  teams: ['id', 'type', 'url'],
  email: ['id', 'type', 'address'],
};
const RULE_KEYS = ['contactMethod', 'after'];
const TEAM_KEYS = ['id', 'name', 'members'];
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** `known`: ids declared in other OnCall documents of the same config, accepted as references. */
export function parseOnCallDocument(doc: Document, lineCounter: LineCounter, file: string, known?: { people?: Iterable<string>; teams?: Iterable<string> }): ParsedOnCall {
  const ctx = new DocContext(file, lineCounter, []);
  for (const e of doc.errors) ctx.diagnostics.push({ severity: 'error', file, line: e.linePos?.[0]?.line ?? 0, column: e.linePos?.[0]?.col ?? 0, field: '', message: `${e.message}; fix the YAML syntax` });
  const empty: ParsedOnCall = { people: [], teams: [], schedules: [], diagnostics: ctx.diagnostics };
  if (doc.errors.length > 0) return empty;
  const root = MapReader.of(ctx, doc.contents as Node | null, '', TOP_KEYS, 'a mapping with apiVersion, kind, people, teams and schedules');
  if (!root || !isMap(doc.contents)) {
    if (!root) ctx.error(doc.contents as Node | null, '', 'the document is empty; start it with `apiVersion: sloop/v1` and `kind: OnCall`');
    return empty;
  }
  if (root.string('apiVersion') !== 'sloop/v1') ctx.error(root.node_('apiVersion') ?? root.node, 'apiVersion', 'must be `sloop/v1`');
  if (root.string('kind') !== 'OnCall') ctx.error(root.node_('kind') ?? root.node, 'kind', 'must be `OnCall` for people, teams and schedules');

  const declared = new Set<string>();
  const people = parsePeople(ctx, root, declared);
  // References are checked against every declared id, valid or not, so one bad person
  // does not cascade into an "unknown person" error at each layer naming them.
  const personIds = new Set([...declared, ...(known?.people ?? [])]);
  const teams = parseTeams(ctx, root, personIds);
  const schedules = parseSchedules(ctx, root, personIds, new Set([...teams.map((t) => t.id), ...(known?.teams ?? [])]));
  return { people, teams, schedules, diagnostics: ctx.diagnostics };
}

/** Checks an identifier and reports duplicates against `seen`. */
export function readId(ctx: DocContext, r: MapReader, key: string, seen: Set<string>, what: string): string | undefined {
  if (!r.require(key, `give the ${what} a unique ${key}`)) return undefined;
  const id = r.text(key);
  if (id === undefined) return undefined;
  if (!ID_PATTERN.test(id)) {
    ctx.error(r.node_(key), r.field(key), `"${id}" is not a valid ${key}; use letters, digits, ".", "_" and "-", starting with a letter or digit`);
    return undefined;
  }
  if (seen.has(id)) {
    ctx.error(r.node_(key), r.field(key), `${what} "${id}" is declared twice; give each ${what} its own ${key}`);
    return undefined;
  }
  seen.add(id);
  return id;
}

export function readZone(ctx: DocContext, r: MapReader, key: string): string | undefined {
  const zone = r.string(key);
  if (zone === undefined) return undefined;
  if (!isValidZone(zone)) {
    ctx.error(r.node_(key), r.field(key), `"${zone}" is not an IANA time zone; use a name like Europe/Berlin, America/Chicago or UTC`);
    return undefined;
  }
  return zone;
}

function parsePeople(ctx: DocContext, root: MapReader, seen: Set<string>): Person[] {
  const people: Person[] = [];
  for (const { node, path } of root.list('people')) {
    const r = MapReader.of(ctx, node, path, PERSON_KEYS, 'a person mapping with id, name, timeZone');
    if (!r) continue;
    const id = readId(ctx, r, 'id', seen, 'person');
    const name = r.require('name', 'add the person’s display name') ? r.string('name') : undefined;
    const timeZone = r.require('timeZone', 'add the person’s IANA time zone, e.g. Europe/Berlin') ? readZone(ctx, r, 'timeZone') : undefined;
    const email = r.string('email');
    if (email !== undefined && !/^[^@\s]+@[^@\s]+$/.test(email)) ctx.error(r.node_('email'), r.field('email'), `"${email}" is not an email address`);
    const contactMethods = parseContactMethods(ctx, r, email);
    const notificationRules = parseRules(ctx, r, contactMethods);
    if (id && contactMethods.length === 0 && !hasContactErrors(r)) {
      ctx.warn(r.node, r.field('contactMethods'), `${id} has no contact methods, so pages cannot reach them; add at least one (webhook, slack, teams or email)`);
    }
    if (id && name !== undefined && timeZone) people.push({ id, name, timeZone, contactMethods, notificationRules, ...(email ? { email } : {}) });
  }
  return people;
}

/** Avoids a second, misleading "no contact methods" warning when the listed ones were invalid. */
function hasContactErrors(person: MapReader): boolean {
  const node = person.node_('contactMethods') as { items?: unknown[] } | undefined;
  return (node?.items?.length ?? 0) > 0;
}

function parseContactMethods(ctx: DocContext, person: MapReader, email: string | undefined): ContactMethod[] {
  const methods: ContactMethod[] = [];
  const ids = new Set<string>();
  for (const { node, path } of person.list('contactMethods')) {
    const typeReader = MapReader.of(ctx, node, path, ['id', 'type', 'url', 'secret', 'address'], 'a contact method mapping');
    if (!typeReader) continue;
    if (!typeReader.require('type', 'set type to webhook, slack, teams or email')) continue;
    const type = typeReader.string('type');
    if (type === undefined) continue;
    if (!(type in CONTACT_KEYS)) {
      ctx.error(typeReader.node_('type'), typeReader.field('type'), `unknown contact method type "${type}"; use webhook, slack, teams or email`);
      continue;
    }
    const t = type as ContactMethod['type'];
    // The reader accepted the union of all types' fields; now hold each type to its own.
    for (const key of typeReader.keys()) {
      if (!CONTACT_KEYS[t].includes(key)) ctx.error(typeReader.keyNode(key), typeReader.field(key), `is not a field of a ${t} contact method; allowed: ${CONTACT_KEYS[t].join(', ')}`);
    }
    const id = typeReader.text('id') ?? t;
    if (ids.has(id)) {
      ctx.error(typeReader.node_('id') ?? typeReader.node, typeReader.field('id'), `contact method id "${id}" is used twice; give each an explicit id`);
      continue;
    }
    ids.add(id);
    if (t === 'email') {
      const address = typeReader.string('address') ?? email;
      if (!address) ctx.error(typeReader.node, typeReader.field('address'), 'is required when the person has no email; add an address');
      else methods.push({ id, type: t, address });
      continue;
    }
    if (!typeReader.require('url', `add the ${t} URL`)) continue;
    const url = typeReader.string('url');
    if (url === undefined) continue;
    if (!/^https?:\/\/\S+$/.test(url)) {
      ctx.error(typeReader.node_('url'), typeReader.field('url'), `"${url}" is not an http(s) URL`);
      continue;
    }
    const secret = t === 'webhook' ? typeReader.string('secret') : undefined;
    methods.push(t === 'webhook' ? { id, type: t, url, ...(secret ? { secret } : {}) } : { id, type: t, url });
  }
  return methods;
}

/** `after`: `now`, `0`, a number of seconds, or `30s`, `2m`, `1h`. */
export function parseDelaySeconds(text: string): number | undefined {
  if (text.trim() === 'now') return 0;
  const m = /^\s*(\d+)\s*(s|m|h)?\s*$/.exec(text);
  if (!m) return undefined;
  return Number(m[1]) * ({ s: 1, m: 60, h: 3600 }[m[2] ?? 's'] ?? 1);
}

function parseRules(ctx: DocContext, person: MapReader, methods: ContactMethod[]): NotificationRule[] {
  if (!person.has('notificationRules')) return methods.length > 0 ? [{ contactMethod: methods[0].id, afterSeconds: 0 }] : [];
  const rules: NotificationRule[] = [];
  for (const { node, path } of person.list('notificationRules')) {
    const r = MapReader.of(ctx, node, path, RULE_KEYS, 'a rule mapping such as {contactMethod: webhook, after: 2m}');
    if (!r || !r.require('contactMethod', 'name one of the person’s contact methods')) continue;
    const method = r.text('contactMethod');
    if (method !== undefined && !methods.some((m) => m.id === method)) {
      ctx.error(r.node_('contactMethod'), r.field('contactMethod'), `no contact method "${method}"; known: ${methods.map((m) => m.id).join(', ') || 'none'}`);
      continue;
    }
    const afterText = r.text('after') ?? '0';
    const after = parseDelaySeconds(afterText);
    if (after === undefined) ctx.error(r.node_('after'), r.field('after'), `"${afterText}" is not a delay; write now, 30s, 2m or 1h`);
    if (method !== undefined && after !== undefined) rules.push({ contactMethod: method, afterSeconds: after });
  }
  return rules;
}

function parseTeams(ctx: DocContext, root: MapReader, personIds: Set<string>): Team[] {
  const seen = new Set<string>();
  const teams: Team[] = [];
  for (const { node, path } of root.list('teams')) {
    const r = MapReader.of(ctx, node, path, TEAM_KEYS, 'a team mapping with id and members');
    if (!r) continue;
    const id = readId(ctx, r, 'id', seen, 'team');
    const members = readPeopleList(ctx, r, 'members', personIds);
    if (id) teams.push({ id, name: r.string('name') ?? id, members });
  }
  return teams;
}

/** A list of person ids; unknown ids are reported with the known ones. */
export function readPeopleList(ctx: DocContext, r: MapReader, key: string, personIds: Set<string>): string[] {
  const out: string[] = [];
  for (const { node, path } of r.list(key)) {
    const value = (node as { value?: unknown } | null)?.value;
    if (typeof value !== 'string') {
      ctx.error(node, path, 'expected a person id');
      continue;
    }
    if (!personIds.has(value)) {
      ctx.error(node, path, `unknown person "${value}"; declare them under people (known: ${[...personIds].slice(0, 10).join(', ') || 'none'})`);
      continue;
    }
    out.push(value);
  }
  return out;
}
