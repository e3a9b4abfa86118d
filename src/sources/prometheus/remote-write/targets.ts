/**
 * The compiled form of remote_write mappings: one Target per (SLO, role, selector), and an
 * index that finds the candidate targets for a series quickly.
 */
import { InputError, type FieldProblem } from '../../../errors/index.js';
import type { RemoteWriteMapping } from './mapper.js';
import { labelValue, parseSeriesSelector, selectorMatches, type SeriesSelector } from './selector.js';
import type { Label } from './write-request.js';

export type Role = 'good' | 'bad' | 'total';
export interface Target { mapping: number; role: Role; selector: SeriesSelector }

/**
 * Finds the selectors that may match a series without testing all of them: by metric name,
 * then by the value of the label most selectors of that name pin with `=` (usually `job` or
 * `service`). Remote write sends every series Prometheus has, so this runs per series per
 * request; with many SLOs on one metric it turns a scan of all selectors into a map lookup.
 */
export class TargetIndex {
  private readonly byName = new Map<string, NameIndex>();
  private readonly anyName: Target[] = [];
  /**
   * Results for frozen label sets: the decoder hands out the same frozen array for a series
   * Prometheus sends again (decode.ts), so a repeated series is matched once per index.
   * Entries go away with their label sets.
   */
  private readonly matchedFrozen = new WeakMap<readonly Label[], Target[]>();

  constructor(targets: Target[]) {
    const named = new Map<string, Target[]>();
    for (const t of targets) {
      const name = t.selector.metricName;
      if (name === undefined) this.anyName.push(t);
      else named.set(name, [...(named.get(name) ?? []), t]);
    }
    for (const [name, group] of named) this.byName.set(name, buildNameIndex(group));
  }

  matching(labels: readonly Label[]): Target[] {
    if (!Object.isFrozen(labels)) return this.match(labels);
    let matched = this.matchedFrozen.get(labels);
    if (matched === undefined) this.matchedFrozen.set(labels, (matched = this.match(labels)));
    return matched;
  }

  private match(labels: readonly Label[]): Target[] {
    const matched: Target[] = [];
    const entry = this.byName.get(labelValue(labels, '__name__'));
    if (entry) {
      if (entry.label !== null) collect(entry.byValue.get(labelValue(labels, entry.label)), labels, matched);
      collect(entry.rest, labels, matched);
    }
    collect(this.anyName, labels, matched);
    return matched;
  }
}

interface NameIndex {
  label: string | null;
  byValue: Map<string, Target[]>;
  rest: Target[];
}

function buildNameIndex(targets: Target[]): NameIndex {
  const pinned = (t: Target, label: string) => t.selector.matchers.find((m) => m.name === label && m.op === '=');
  const counts = new Map<string, number>();
  for (const t of targets) {
    for (const m of t.selector.matchers) if (m.op === '=' && m.name !== '__name__') counts.set(m.name, (counts.get(m.name) ?? 0) + 1);
  }
  const label = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  const byValue = new Map<string, Target[]>();
  const rest: Target[] = [];
  for (const t of targets) {
    const m = label === null ? undefined : pinned(t, label);
    if (m) byValue.set(m.value, [...(byValue.get(m.value) ?? []), t]);
    else rest.push(t);
  }
  return { label, byValue, rest };
}

function collect(candidates: readonly Target[] | undefined, labels: readonly Label[], into: Target[]): void {
  if (candidates) for (const t of candidates) if (selectorMatches(t.selector, labels)) into.push(t);
}

export function compileTargets(mappings: readonly RemoteWriteMapping[]): Target[] {
  const problems: FieldProblem[] = [];
  const targets: Target[] = [];
  const seen = new Set<string>();
  mappings.forEach((m, i) => {
    if (seen.has(m.slo)) problems.push({ path: `mappings[${i}].slo`, message: `SLO "${m.slo}" is mapped twice; keep one mapping per SLO` });
    seen.add(m.slo);
    if ((m.good === undefined) === (m.bad === undefined)) {
      problems.push({ path: `mappings[${i}]`, message: `SLO "${m.slo}": give exactly one of good and bad (besides total)` });
    }
    for (const role of ['good', 'bad', 'total'] as const) {
      const text = m[role];
      if (text === undefined) continue;
      try {
        targets.push({ mapping: i, role, selector: parseSeriesSelector(text) });
      } catch (err: unknown) {
        if (!(err instanceof InputError)) throw err;
        problems.push({ path: `mappings[${i}].${role}`, message: `SLO "${m.slo}": ${err.message}` });
      }
    }
  });
  if (problems.length > 0) {
    throw new InputError(
      `remote_write mapping has ${problems.length} problem(s): ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
      problems,
    );
  }
  return targets;
}

