/**
 * Composite SLOs in `sloop report`: each composite evaluated at the report's moment from its
 * components' counts (weighted budget consumption and weighted burn rates: src/slo/math/composite.ts).
 */
import { compositeComponents, componentShares, evaluateComposite, weightedBurn, type CompositeEvaluation } from '../slo/math/composite.js';
import { endMinuteOf, minutesToExhaustion, type MinuteCountsView } from '../slo/math/index.js';
import type { AlertKind, CompositeSlo, Slo } from '../slo/model.js';

export interface CompositeReport {
  composite: CompositeSlo;
  /** The components' service (the composite's OpenSLO `spec.service`). */
  service: string;
  /** False when no component has data: then nothing else is set. */
  hasData: boolean;
  evaluation: CompositeEvaluation | null;
  status: CompositeEvaluation['status'];
  firing: AlertKind[];
  /** Weighted burn rate of the components over the last `projectionMinutes`. */
  currentBurnRate: number;
  minutesToExhaustion: number | null;
}

export function firingKinds(e: Pick<CompositeEvaluation, 'page' | 'ticket' | 'noData' | 'exhausted'>): AlertKind[] {
  const kinds: AlertKind[] = [];
  if (e.page) kinds.push('page');
  if (e.ticket) kinds.push('ticket');
  if (e.noData) kinds.push('noData');
  if (e.exhausted) kinds.push('budgetExhausted');
  return kinds;
}

export function buildCompositeReport(
  composite: CompositeSlo,
  slos: readonly Slo[],
  counts: ReadonlyMap<string, MinuteCountsView | null>,
  atMs: number,
  projectionMinutes: number,
): CompositeReport {
  const components = compositeComponents(composite, slos, counts);
  const service = components[0]?.slo.service ?? '';
  const evaluation = evaluateComposite(composite, components, atMs);
  if (!evaluation) return { composite, service, hasData: false, evaluation: null, status: 'noData', firing: [], currentBurnRate: 0, minutesToExhaustion: null };
  const shares = componentShares(
    components.map((c) => c.weight),
    components.map((c) => c.counts !== null),
  );
  const end = endMinuteOf(atMs);
  const current = weightedBurn(components, shares, end - projectionMinutes, end).rate;
  return {
    composite,
    service,
    hasData: true,
    evaluation,
    status: evaluation.status,
    firing: firingKinds(evaluation),
    currentBurnRate: current,
    minutesToExhaustion: minutesToExhaustion(evaluation.budget.remaining, current, evaluation.budget.periodMinutes),
  };
}

/**
 * Report order: each composite right after the last of its components (in configuration
 * order); composites none of whose components are listed go last.
 */
export function interleave<S extends { name: string }, C extends { components: { slo: string }[] }>(slos: readonly S[], composites: readonly C[]): ({ slo: S } | { composite: C })[] {
  const position = new Map(slos.map((s, i) => [s.name, i]));
  const after = new Map<number, C[]>();
  const last: C[] = [];
  for (const c of composites) {
    const at = Math.max(-1, ...c.components.map((x) => position.get(x.slo) ?? -1));
    if (at < 0) last.push(c);
    else after.set(at, [...(after.get(at) ?? []), c]);
  }
  const out: ({ slo: S } | { composite: C })[] = [];
  slos.forEach((slo, i) => {
    out.push({ slo });
    for (const composite of after.get(i) ?? []) out.push({ composite });
  });
  for (const composite of last) out.push({ composite });
  return out;
}
