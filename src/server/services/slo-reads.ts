/** GET /api/v1/slos and /api/v1/slos/{name}: status computed on demand from the counts. */
import { NotFoundError } from '../../errors/index.js';
import { budgetSeries, computeBudget, computeBurnRates, windowLabel } from '../../evaluator/slo-status.js';
import type { CountsCache } from '../../evaluator/counts-cache.js';
import type { Slo } from '../../slo/model.js';
import type { AlertState, Store } from '../../store/store.js';
import type { CompositeDetail, SloDetail, SloListEntry, SloSummary } from '../schemas/read.js';
import { interleave } from '../../report/composite.js';
import { compositeAlertWindows, summarizeComposite } from './composite-summary.js';
import { MinuteCounts } from '../../slo/math/minute-counts.js';
import type { ConfigHolder } from './config-holder.js';
import { readSloDefinition } from './slo-definition.js';

const EMPTY = new MinuteCounts(2);

export function sliSource(slo: Slo): 'push' | 'prometheus' | 'remote_write' {
  if (slo.sli.prometheus) return 'prometheus';
  if (slo.sli.remoteWrite) return 'remote_write';
  return 'push';
}

function statusOf(alerts: readonly AlertState[]): SloSummary['status'] {
  const firing = new Set(alerts.filter((a) => a.firing).map((a) => a.kind));
  if (firing.has('page')) return 'page';
  if (firing.has('budgetExhausted')) return 'exhausted';
  if (firing.has('ticket')) return 'ticket';
  if (firing.has('noData')) return 'noData';
  return 'ok';
}

export function summarize(slo: Slo, counts: CountsCache, states: readonly AlertState[], now: number): SloSummary {
  const c = counts.get(slo.name) ?? EMPTY;
  const alerts = states.filter((s) => s.slo === slo.name);
  return {
    name: slo.name,
    ...(slo.displayName ? { displayName: slo.displayName } : {}),
    ...(slo.description ? { description: slo.description } : {}),
    service: slo.service,
    ...(slo.journey ? { journey: slo.journey } : {}),
    objective: slo.objective,
    window: slo.window,
    sli: { kind: slo.sli.kind, source: sliSource(slo) },
    budget: computeBudget(slo, c, now),
    burnRates: computeBurnRates(slo, c, now),
    alerts: alerts.map((a) => ({ kind: a.kind, firing: a.firing, since: a.since, burnRates: a.burnRates })),
    status: statusOf(alerts),
    lastDataAt: c.lastMinuteWithData === null ? null : c.lastMinuteWithData * 60_000,
    evaluatedAt: now,
  };
}

export function createSloReads(deps: { config: ConfigHolder; counts: CountsCache; store: Store; now: () => number }) {
  return {
    async list(): Promise<SloSummary[]> {
      const states = await deps.store.getAlertStates();
      const now = deps.now();
      return deps.config.slos.map((slo) => summarize(slo, deps.counts, states, now));
    },
    async listWithComposites(): Promise<SloListEntry[]> {
      const states = await deps.store.getAlertStates();
      const now = deps.now();
      const slos = deps.config.slos;
      return interleave(slos, deps.config.composites).map((row) =>
        'slo' in row ? summarize(row.slo, deps.counts, states, now) : summarizeComposite(row.composite, slos, deps.counts, now),
      );
    },
    async get(name: string, points: number): Promise<SloDetail | CompositeDetail> {
      const slo = deps.config.slo(name);
      if (!slo) {
        const composite = deps.config.composite(name);
        if (!composite) throw new NotFoundError(`unknown SLO "${name}"; GET /api/v1/slos lists the configured SLOs`);
        return {
          ...summarizeComposite(composite, deps.config.slos, deps.counts, deps.now()),
          definition: await readSloDefinition(composite.origin),
          alertWindows: compositeAlertWindows(composite),
        };
      }
      const states = await deps.store.getAlertStates();
      const now = deps.now();
      const counts = deps.counts.get(name) ?? EMPTY;
      const series = budgetSeries(slo, counts, now, points);
      return {
        ...summarize(slo, deps.counts, states, now),
        budgetSeries: series,
        sliSeries: series.map((p, i) => {
          // Each point's SLI covers the minutes since the previous point (the first: since the window start).
          const from = i === 0 ? p.at / 60_000 - (series.length > 1 ? (series[1]!.at - p.at) / 60_000 : 1) : series[i - 1]!.at / 60_000;
          const { good, total } = counts.sum(from, p.at / 60_000);
          return { at: p.at, sli: total > 0 ? good / total : null, total };
        }),
        definition: await readSloDefinition(slo.origin),
        alertWindows: slo.alerting.windows.map((w) => ({
          severity: w.severity,
          longWindow: windowLabel(w.longMinutes),
          shortWindow: windowLabel(w.shortMinutes),
          threshold: w.factor,
          disabled: slo.alerting.disabled.includes(w.severity),
        })),
        runbooks: Object.fromEntries(Object.entries(slo.alerting.runbooks).filter((e): e is [string, string] => typeof e[1] === 'string')),
      };
    },
  };
}
