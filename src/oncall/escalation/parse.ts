/**
 * Parses the `escalationPolicies` and `routes` keys of an `apiVersion: sloop/v1, kind: OnCall`
 * document. People, teams and schedules in the same document belong to src/oncall/config and
 * are ignored here; `checkEscalationReferences` cross-checks names once both are parsed.
 * Problems are collected as diagnostics, never thrown, so `sloop validate` lists them all.
 */
import { isMap, isScalar, isSeq, type Document, type LineCounter, type YAMLMap } from 'yaml';
import type { Diagnostic } from '../../errors/index.js';
import type { Route } from '../routing/model.js';
import { parseDuration } from './duration.js';
import { MAX_REPEAT, type EscalationPolicy, type EscalationStep, type EscalationTarget } from './model.js';
import { YamlReader, join } from './yaml-reader.js';

export interface EscalationSections {
  policies: EscalationPolicy[];
  routes: Route[];
  diagnostics: Diagnostic[];
}

const POLICY_KEYS = ['name', 'description', 'steps', 'repeat', 'finalStep', 'ackTimeout'] as const;
const STEP_KEYS = ['notify', 'wait'] as const;
const ROUTE_KEYS = ['match', 'policy', 'default', 'groupBy'] as const;
const TARGET_EXAMPLE = '`notify: [{schedule: primary}, {people: [alice]}, {team: sre}]`';

export function parseEscalationSections(doc: Document, lineCounter: LineCounter, file: string): EscalationSections {
  const r = new YamlReader(file, lineCounter);
  const root = isMap(doc.contents) ? doc.contents : null;
  const policiesNode = root?.get('escalationPolicies', true);
  const routesNode = root?.get('routes', true);
  const policies = policiesNode === undefined ? [] : parsePolicies(r, policiesNode);
  // A route naming a policy that is declared but invalid gets no second error of its own.
  const declared = new Set([...policies.map((p) => p.name), ...declaredPolicyNames(policiesNode)]);
  const routes = routesNode === undefined ? [] : parseRoutes(r, routesNode, declared);
  checkDefaults(r, routes);
  return { policies, routes, diagnostics: r.diagnostics };
}

function declaredPolicyNames(node: unknown): string[] {
  if (!isSeq(node)) return [];
  return node.items.flatMap((item) => {
    const name = isMap(item) ? item.get('name') : undefined;
    return typeof name === 'string' ? [name.trim()] : [];
  });
}

function parsePolicies(r: YamlReader, node: unknown): EscalationPolicy[] {
  const seq = r.seq(node, 'escalationPolicies', '`escalationPolicies: [{name: default, steps: [...]}]`');
  if (!seq) return [];
  const policies: EscalationPolicy[] = [];
  const seen = new Set<string>();
  seq.items.forEach((item, i) => {
    const path = join('escalationPolicies', i);
    const policy = parsePolicy(r, item, path);
    if (!policy) return;
    if (seen.has(policy.name)) {
      r.error(item, join(path, 'name'), `policy name "${policy.name}" is used twice; give each policy its own name`);
      return;
    }
    seen.add(policy.name);
    policies.push(policy);
  });
  return policies;
}

function parsePolicy(r: YamlReader, node: unknown, path: string): EscalationPolicy | null {
  const map = r.map(node, path, '`{name: checkout, steps: [{notify: {schedule: primary}, wait: 5m}]}`');
  if (!map) return null;
  r.unknownKeys(map, path, POLICY_KEYS);
  const nameNode = r.get(map, 'name');
  const name = nameNode === undefined ? (r.error(map, join(path, 'name'), 'is required, for example `name: checkout`'), null) : r.string(nameNode, join(path, 'name'), '`name: checkout`');
  const stepsNode = r.get(map, 'steps');
  const steps: EscalationStep[] = [];
  if (stepsNode === undefined) {
    r.error(map, join(path, 'steps'), `is required: list at least one step, for example \`steps: [{notify: {schedule: primary}, wait: 5m}]\``);
  } else {
    const seq = r.seq(stepsNode, join(path, 'steps'), '`steps: [{notify: {schedule: primary}, wait: 5m}]`');
    if (seq && seq.items.length === 0) r.error(seq, join(path, 'steps'), 'is empty; list at least one step');
    seq?.items.forEach((item, i) => {
      const step = parseStep(r, item, join(join(path, 'steps'), i));
      if (step) steps.push(step);
    });
  }
  const repeat = parseRepeat(r, r.get(map, 'repeat'), join(path, 'repeat'));
  const finalNode = r.get(map, 'finalStep');
  const finalTargets = finalNode === undefined || finalNode === null ? null : parseFinalStep(r, finalNode, join(path, 'finalStep'));
  const ackTimeoutNode = r.get(map, 'ackTimeout');
  const ackTimeoutMs = ackTimeoutNode === undefined ? null : durationOf(r, ackTimeoutNode, join(path, 'ackTimeout'));
  const descriptionNode = r.get(map, 'description');
  if (name === null || steps.length === 0 || repeat === null) return null;
  const policy: EscalationPolicy = {
    name,
    steps,
    repeat,
    finalStep: finalTargets ? { targets: finalTargets } : null,
    ackTimeoutMs,
    origin: r.origin(map),
  };
  if (isScalar(descriptionNode) && typeof descriptionNode.value === 'string') policy.description = descriptionNode.value;
  return policy;
}

function parseStep(r: YamlReader, node: unknown, path: string): EscalationStep | null {
  const map = r.map(node, path, '`{notify: {schedule: primary}, wait: 5m}`');
  if (!map) return null;
  r.unknownKeys(map, path, STEP_KEYS);
  const targets = parseNotify(r, map, path);
  const waitNode = r.get(map, 'wait');
  let waitMs: number | null = null;
  if (waitNode === undefined) r.error(map, join(path, 'wait'), 'is required: how long to wait for an acknowledgement before the next step, for example `wait: 5m`');
  else waitMs = durationOf(r, waitNode, join(path, 'wait'));
  if (waitMs !== null && waitMs < 60_000) {
    r.report('warning', waitNode, join(path, 'wait'), 'is under one minute; people rarely acknowledge that fast, so the next step will page too');
  }
  if (!targets || waitMs === null) return null;
  return { targets, waitMs };
}

function parseFinalStep(r: YamlReader, node: unknown, path: string): EscalationTarget[] | null {
  const map = r.map(node, path, '`finalStep: {notify: {team: sre-leads}}`');
  if (!map) return null;
  r.unknownKeys(map, path, ['notify']);
  return parseNotify(r, map, path);
}

function parseNotify(r: YamlReader, map: YAMLMap, path: string): EscalationTarget[] | null {
  const node = r.get(map, 'notify');
  const field = join(path, 'notify');
  if (node === undefined) {
    r.error(map, field, `is required: say who this step pages, for example ${TARGET_EXAMPLE}`);
    return null;
  }
  const items = isSeq(node) ? node.items.map((item, i) => ({ item, itemPath: join(field, i) })) : [{ item: node, itemPath: field }];
  if (items.length === 0) {
    r.error(node, field, `is empty; ${TARGET_EXAMPLE}`);
    return null;
  }
  const targets = items.map(({ item, itemPath }) => parseTarget(r, item, itemPath));
  return targets.every((t): t is EscalationTarget => t !== null) ? targets : null;
}

function parseTarget(r: YamlReader, node: unknown, path: string): EscalationTarget | null {
  const map = r.map(node, path, '`{schedule: primary}`, `{people: [alice]}` or `{team: sre}`');
  if (!map) return null;
  const entries = r.entries(map);
  if (entries.length !== 1 || !['schedule', 'people', 'team'].includes(entries[0].key)) {
    r.error(map, path, 'must have exactly one of `schedule: NAME`, `people: [ID, ...]` or `team: NAME`');
    return null;
  }
  const { key, value } = entries[0];
  const field = join(path, key);
  if (key === 'schedule') {
    const schedule = r.string(value, field, '`schedule: primary`');
    return schedule === null ? null : { type: 'schedule', schedule };
  }
  if (key === 'team') {
    const team = r.string(value, field, '`team: sre`');
    return team === null ? null : { type: 'team', team };
  }
  const seq = r.seq(value, field, '`people: [alice, bob]`');
  if (!seq) return null;
  if (seq.items.length === 0) {
    r.error(seq, field, 'is empty; list at least one person id');
    return null;
  }
  const people = seq.items.map((item, i) => r.string(item, join(field, i), '`alice`'));
  return people.every((p): p is string => p !== null) ? { type: 'people', people } : null;
}

function parseRepeat(r: YamlReader, node: unknown, path: string): number | null {
  if (node === undefined) return 0;
  const value = isScalar(node) ? node.value : undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_REPEAT) return value;
  r.error(node, path, `must be a whole number from 0 to ${MAX_REPEAT}: how many more times to run all steps when nobody acknowledges`);
  return null;
}

function durationOf(r: YamlReader, node: unknown, path: string): number | null {
  const text = isScalar(node) && typeof node.value === 'string' ? node.value : null;
  const ms = text === null ? null : parseDuration(text);
  if (ms === null || ms <= 0) {
    r.error(node, path, 'must be a positive duration with a unit, for example `5m`, `90s` or `1h30m`');
    return null;
  }
  return ms;
}

function parseRoutes(r: YamlReader, node: unknown, policyNames: ReadonlySet<string>): Route[] {
  const seq = r.seq(node, 'routes', '`routes: [{match: {service: checkout}, policy: checkout}, {default: true, policy: catch-all}]`');
  if (!seq) return [];
  const routes: Route[] = [];
  seq.items.forEach((item, i) => {
    const route = parseRoute(r, item, join('routes', i), policyNames);
    if (route) routes.push(route);
  });
  return routes;
}

function parseRoute(r: YamlReader, node: unknown, path: string, policyNames: ReadonlySet<string>): Route | null {
  const map = r.map(node, path, '`{match: {service: checkout, severity: page}, policy: checkout}`');
  if (!map) return null;
  r.unknownKeys(map, path, ROUTE_KEYS);
  const defaultNode = r.get(map, 'default');
  const isDefault = isScalar(defaultNode) && defaultNode.value === true;
  if (defaultNode !== undefined && !(isScalar(defaultNode) && typeof defaultNode.value === 'boolean')) {
    r.error(defaultNode, join(path, 'default'), 'must be `true` or `false`');
  }
  const policyNode = r.get(map, 'policy');
  const policy = policyNode === undefined ? (r.error(map, join(path, 'policy'), 'is required: name the escalation policy, for example `policy: checkout`'), null) : r.string(policyNode, join(path, 'policy'), '`policy: checkout`');
  if (policy !== null && !policyNames.has(policy)) {
    const known = [...policyNames].join(', ') || 'none defined';
    r.error(policyNode, join(path, 'policy'), `unknown escalation policy "${policy}" (known: ${known}); define it under escalationPolicies or fix the name`);
  }
  const matchNode = r.get(map, 'match');
  let match: Record<string, string[]> | null = {};
  if (matchNode !== undefined) {
    if (isDefault) r.error(matchNode, join(path, 'match'), 'the default route matches every alert no other route takes; remove `match` or `default: true`');
    match = parseMatch(r, matchNode, join(path, 'match'));
  } else if (!isDefault) {
    r.error(map, join(path, 'match'), 'is required (labels to match, for example `match: {service: checkout}`), or mark the route `default: true`');
    match = null;
  }
  const groupByNode = r.get(map, 'groupBy');
  let groupBy: string[] | null = null;
  if (groupByNode !== undefined) {
    const seq = r.seq(groupByNode, join(path, 'groupBy'), '`groupBy: [alertname, service]`');
    groupBy = seq ? seq.items.map((item, i) => r.string(item, join(join(path, 'groupBy'), i), '`alertname`')).filter((s): s is string => s !== null) : null;
  }
  if (policy === null || match === null) return null;
  return { match, policy, isDefault, groupBy, origin: r.origin(map) };
}

function parseMatch(r: YamlReader, node: unknown, path: string): Record<string, string[]> | null {
  const map = r.map(node, path, '`match: {service: checkout, severity: [page, critical]}`');
  if (!map) return null;
  const match: Record<string, string[]> = {};
  let ok = true;
  for (const { key, value } of r.entries(map)) {
    const field = join(path, key);
    const scalarText = (n: unknown) => (isScalar(n) && (typeof n.value === 'string' || typeof n.value === 'number') ? String(n.value) : null);
    const values = isSeq(value) ? value.items.map(scalarText) : [scalarText(value)];
    if (values.length === 0 || values.some((v) => v === null)) {
      r.error(value, field, 'must be a label value or a list of accepted values, for example `severity: [page, critical]`');
      ok = false;
      continue;
    }
    match[key] = values as string[];
  }
  return ok ? match : null;
}

function checkDefaults(r: YamlReader, routes: readonly Route[]): void {
  const defaults = routes.filter((route) => route.isDefault);
  for (const extra of defaults.slice(1)) {
    r.diagnostics.push({ severity: 'error', ...extra.origin, field: 'routes', message: 'a second default route; keep exactly one `default: true` route' });
  }
  if (routes.length > 0 && defaults.length === 0) {
    r.diagnostics.push({ severity: 'warning', ...routes[0].origin, field: 'routes', message: 'no default route: an alert that matches no route pages nobody; add `{default: true, policy: NAME}`' });
  }
}
