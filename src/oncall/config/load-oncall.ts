/**
 * Turns every `apiVersion: sloop/v1, kind: OnCall` document that loadConfig found into one
 * on-call configuration: people, teams, schedules (src/oncall/config), escalation policies and
 * routes (src/oncall/escalation), integrations (src/alerting/intake) and fairness exceptions.
 * Documents may split the config across files; names must be unique across all of them and
 * references may cross files. With `now`, the clock-dependent checks (gaps, fairness over the
 * default horizon) run too. Problems are Diagnostics at file:line:column, never thrown.
 */
import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { Diagnostic } from '../../errors/index.js';
import type { LoadedDocument } from '../../slo/spec/load.js';
import { parseIntegrationsSection, type IntegrationSpec } from '../../alerting/intake/config.js';
import { checkEscalationReferences } from '../escalation/references.js';
import { parseEscalationSections } from '../escalation/parse.js';
import type { EscalationPolicy } from '../escalation/model.js';
import type { FairnessException } from '../fairness/model.js';
import type { Route } from '../routing/model.js';
import type { Person, Schedule, ScheduleChange, Team } from '../schedule/model.js';
import { parseFairnessExceptions } from './fairness-exceptions.js';
import { parseOnCallDocument } from './parse.js';
import { validateSchedules } from './validate.js';

export interface OnCallLoad {
  people: Person[];
  teams: Team[];
  schedules: Schedule[];
  policies: EscalationPolicy[];
  routes: Route[];
  integrations: IntegrationSpec[];
  exceptions: FairnessException[];
  /** Files holding at least one OnCall document, in load order. */
  files: string[];
  diagnostics: Diagnostic[];
}

export interface OnCallLoadOptions {
  /** Enables the gap and fairness checks, which look ahead from this instant (epoch ms). */
  now?: number;
  /** Look-ahead in days; default four fairness horizons per schedule. */
  days?: number;
  /** Runtime overrides and swaps to include in the fairness and gap checks. */
  changesBySchedule?: Record<string, readonly ScheduleChange[]>;
}

export const ONCALL_KIND = 'OnCall';

export function loadOnCallConfig(load: { documents: readonly LoadedDocument[] }, options: OnCallLoadOptions = {}): OnCallLoad {
  const out: OnCallLoad = { people: [], teams: [], schedules: [], policies: [], routes: [], integrations: [], exceptions: [], files: [], diagnostics: [] };
  const docs = load.documents.filter((d) => d.kind === ONCALL_KIND && d.apiVersion === 'sloop/v1');
  const routeDiagnostics: Diagnostic[] = [];
  const exceptionOrigins: Array<{ file: string; line: number; column: number; field: string }> = [];
  const seen = { people: new Set<string>(), teams: new Set<string>(), schedules: new Set<string>(), policies: new Set<string>(), integrations: new Set<string>() };

  // People and teams may be declared in one file and named in another.
  const known = { people: docs.flatMap((d) => declaredIds(d.doc, 'people', 'id')), teams: docs.flatMap((d) => declaredIds(d.doc, 'teams', 'id')) };

  for (const d of docs) {
    if (!out.files.includes(d.file)) out.files.push(d.file);
    const oncall = parseOnCallDocument(d.doc, d.lineCounter, d.file, known);
    const escalation = parseEscalationSections(d.doc, d.lineCounter, d.file);
    const intake = parseIntegrationsSection(d.doc, d.lineCounter, d.file);
    const exceptions = parseFairnessExceptions(d.doc, d.lineCounter, d.file);
    out.diagnostics.push(...oncall.diagnostics, ...intake.diagnostics, ...exceptions.diagnostics);
    // Route diagnostics about unknown policies or a missing default are re-judged once every
    // document's policies and routes are known (they may live in another file).
    for (const diag of escalation.diagnostics) (isCrossDocumentRouteProblem(diag) ? routeDiagnostics : out.diagnostics).push(diag);

    const dup = (section: string, key: string, set: Set<string>, what: string) => (value: string): boolean => {
      if (!set.has(value)) {
        set.add(value);
        return true;
      }
      out.diagnostics.push(duplicateDiagnostic(d, section, key, value, what));
      return false;
    };
    out.people.push(...oncall.people.filter((p) => dup('people', 'id', seen.people, 'person')(p.id)));
    out.teams.push(...oncall.teams.filter((t) => dup('teams', 'id', seen.teams, 'team')(t.id)));
    out.schedules.push(...oncall.schedules.filter((s) => dup('schedules', 'name', seen.schedules, 'schedule')(s.name)));
    out.policies.push(...escalation.policies.filter((p) => dup('escalationPolicies', 'name', seen.policies, 'escalation policy')(p.name)));
    out.integrations.push(...intake.integrations.filter((i) => dup('integrations', 'name', seen.integrations, 'integration')(i.name)));
    out.routes.push(...escalation.routes);
    for (const e of exceptions.exceptions) {
      out.exceptions.push(e.exception);
      exceptionOrigins.push(e.origin);
    }
  }

  out.diagnostics.push(...rejudgeRouteProblems(routeDiagnostics, out.routes, seen.policies));
  out.diagnostics.push(...checkEscalationReferences(out.policies, { people: seen.people, teams: seen.teams, schedules: seen.schedules }));
  out.diagnostics.push(...checkExceptionReferences(out.exceptions, exceptionOrigins, seen.people, seen.schedules, options.now));
  if (options.now !== undefined && out.schedules.length > 0) {
    out.diagnostics.push(...validateSchedules(out.schedules, {
      now: options.now,
      ...(options.days !== undefined ? { days: options.days } : {}),
      ...(options.changesBySchedule ? { changesBySchedule: options.changesBySchedule } : {}),
      exceptions: out.exceptions,
    }));
  }
  return out;
}

const UNKNOWN_POLICY = /^unknown escalation policy "([^"]*)"/;
const NO_DEFAULT_ROUTE = /^no default route:/;

function isCrossDocumentRouteProblem(d: Diagnostic): boolean {
  return UNKNOWN_POLICY.test(d.message) || NO_DEFAULT_ROUTE.test(d.message);
}

function rejudgeRouteProblems(problems: readonly Diagnostic[], routes: readonly Route[], policies: ReadonlySet<string>): Diagnostic[] {
  const hasDefault = routes.some((r) => r.isDefault);
  const kept: Diagnostic[] = [];
  let warnedNoDefault = false;
  for (const d of problems) {
    const unknown = UNKNOWN_POLICY.exec(d.message);
    if (unknown) {
      if (!policies.has(unknown[1])) kept.push({ ...d, message: d.message.replace(/\(known: [^)]*\)/, `(known: ${[...policies].join(', ') || 'none defined'})`) });
    } else if (!hasDefault && !warnedNoDefault) {
      warnedNoDefault = true;
      kept.push(d);
    }
  }
  return kept;
}

function checkExceptionReferences(
  exceptions: readonly FairnessException[],
  origins: ReadonlyArray<{ file: string; line: number; column: number; field: string }>,
  people: ReadonlySet<string>,
  schedules: ReadonlySet<string>,
  now: number | undefined,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  exceptions.forEach((e, i) => {
    const at = origins[i];
    if (!people.has(e.person)) out.push({ severity: 'error', ...at, field: `${at.field}.person`, message: `unknown person "${e.person}"; declare them under people or fix the id` });
    if (!schedules.has(e.schedule)) out.push({ severity: 'error', ...at, field: `${at.field}.schedule`, message: `unknown schedule "${e.schedule}"; define it under schedules or fix the name` });
    if (now !== undefined && e.until <= now) {
      out.push({ severity: 'warning', ...at, field: `${at.field}.until`, message: `this exception for ${e.person} on ${e.schedule} has expired (${new Date(e.until).toISOString().slice(0, 10)}); remove it, or renew it with a new approval` });
    }
  });
  return out;
}

function declaredIds(doc: Document, section: string, key: string): string[] {
  const list = isMap(doc.contents) ? doc.contents.get(section, true) : undefined;
  if (!isSeq(list)) return [];
  return list.items.flatMap((item) => {
    const node = isMap(item) ? item.get(key, true) : undefined;
    return isScalar(node) && typeof node.value === 'string' ? [node.value.trim()] : [];
  });
}

/** Points at the `key` value of the item in `section` whose key equals `value`. */
function duplicateDiagnostic(d: LoadedDocument, section: string, key: string, value: string, what: string): Diagnostic {
  const found = findItem(d.doc, section, key, value);
  const pos = position(d.lineCounter, found?.node);
  return {
    severity: 'error', file: d.file, ...pos, field: found ? `${section}[${found.index}].${key}` : section,
    message: `${what} "${value}" is already declared in another OnCall document; ${key}s must be unique across all files, so rename or remove one`,
  };
}

function findItem(doc: Document, section: string, key: string, value: string): { node: Node; index: number } | undefined {
  const list = isMap(doc.contents) ? doc.contents.get(section, true) : undefined;
  if (!isSeq(list)) return undefined;
  for (const [index, item] of list.items.entries()) {
    const node = isMap(item) ? item.get(key, true) : undefined;
    if (isScalar(node) && String(node.value).trim() === value) return { node: node as Node, index };
  }
  return undefined;
}

function position(lineCounter: LineCounter, node: Node | undefined): { line: number; column: number } {
  const offset = node?.range?.[0];
  if (offset === undefined) return { line: 0, column: 0 };
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}
