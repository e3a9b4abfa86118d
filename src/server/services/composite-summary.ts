/**
 * Composite SLOs in the read API: each composite evaluated at `now` from its components' live
 * counts with the same math as `sloop report` (src/slo/math/composite.ts). Composites are shown,
 * not alerted on: the evaluator never sees them, so `alerts` is always empty and `status` is
 * what the composite's own policy says now.
 */
import { windowLabel } from '../../evaluator/slo-status.js';
import type { CountsCache } from '../../evaluator/counts-cache.js';
import { compositeAlertPolicy, compositeComponents, componentShares, evaluateComposite, weightedBurn } from '../../slo/math/composite.js';
import { endMinuteOf } from '../../slo/math/windows.js';
import type { MinuteCountsView } from '../../slo/math/minute-counts.js';
import type { CompositeSlo, Slo } from '../../slo/model.js';
import type { CompositeDetail, CompositeSummary } from '../schemas/read.js';

/** The components' counts; null (no data: left out, shares renormalised) when nothing was ever recorded. */
function componentCounts(composite: CompositeSlo, counts: CountsCache): Map<string, MinuteCountsView | null> {
  return new Map(
    composite.components.map((c) => {
      const live = counts.get(c.slo);
      return [c.slo, live && live.firstMinute !== null ? live : null] as const;
    }),
  );
}

export function summarizeComposite(composite: CompositeSlo, slos: readonly Slo[], counts: CountsCache, now: number): CompositeSummary {
  const components = compositeComponents(composite, slos, componentCounts(composite, counts));
  const policy = compositeAlertPolicy(composite);
  const evaluation = evaluateComposite(composite, components, now, policy);
  const shares = componentShares(
    components.map((c) => c.weight),
    components.map((c) => c.counts !== null),
  );
  const minutes = new Set<number>();
  for (const w of policy.windows) {
    minutes.add(w.shortMinutes);
    minutes.add(w.longMinutes);
  }
  const end = endMinuteOf(now);
  const burnRates = evaluation
    ? [...minutes]
        .sort((a, b) => a - b)
        .map((m) => {
          const { rate, total } = weightedBurn(components, shares, end - m, end);
          return { window: windowLabel(m), minutes: m, burnRate: rate, total };
        })
    : [];
  const consumedOf = new Map(evaluation?.budget.components.map((c) => [c.slo, c]) ?? []);
  let lastData: number | null = null;
  for (const c of components) {
    const last = c.counts?.lastMinuteWithData ?? null;
    if (last !== null && (lastData === null || last > lastData)) lastData = last;
  }
  const b = evaluation?.budget;
  return {
    name: composite.name,
    composite: true,
    service: components[0]?.slo.service ?? null,
    objective: composite.objective,
    window: composite.window,
    components: composite.components.map((c) => ({
      slo: c.slo,
      weight: c.weight,
      share: consumedOf.get(c.slo)?.share ?? 0,
      consumed: consumedOf.get(c.slo)?.consumed ?? null,
    })),
    budget: b ? { remainingFraction: b.remaining, remainingMinutes: b.remainingMinutes, totalMinutes: b.budgetMinutes, good: b.good, total: b.total, sli: b.sli } : null,
    burnRates,
    alerts: [],
    status: evaluation?.status ?? 'noData',
    lastDataAt: lastData === null ? null : lastData * 60_000,
    evaluatedAt: now,
  };
}

/** The detail fields that apply to a composite: its policy's burn-rate table (never fires). */
export function compositeAlertWindows(composite: CompositeSlo): CompositeDetail['alertWindows'] {
  const policy = compositeAlertPolicy(composite);
  return policy.windows.map((w) => ({
    severity: w.severity,
    longWindow: windowLabel(w.longMinutes),
    shortWindow: windowLabel(w.shortMinutes),
    threshold: w.factor,
    disabled: policy.disabled.includes(w.severity),
  }));
}
