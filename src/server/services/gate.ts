/**
 * The deploy gate under the error budget policy: risky changes to a service are allowed while
 * every one of its SLOs has budget left, and frozen once one has exhausted it (SLOs whose
 * policy disables `budgetExhausted` never freeze). Changes carrying an exception label
 * (an ErrorBudgetPolicy document's gate.exceptionLabels, else --gate-exception, else
 * reliability and security) may ship during a freeze.
 */
import { NotFoundError } from '../../errors/index.js';
import type { CountsCache } from '../../evaluator/counts-cache.js';
import { computeBudget, projectedRecovery } from '../../evaluator/slo-status.js';
import { MinuteCounts } from '../../slo/math/minute-counts.js';
import type { GateDecision } from '../schemas/read.js';
import type { ConfigHolder } from './config-holder.js';

export const DEFAULT_GATE_EXCEPTION_LABELS: readonly string[] = ['reliability', 'security'];
const EMPTY = new MinuteCounts(2);

export function createGate(deps: { config: ConfigHolder; counts: CountsCache; now: () => number; exceptionLabels: () => readonly string[] }) {
  return {
    async decide(service: string, changeLabels: string[]): Promise<GateDecision> {
      const now = deps.now();
      const slos = deps.config.slos.filter((s) => s.service === service);
      if (slos.length === 0) {
        const known = [...new Set(deps.config.slos.map((s) => s.service))].sort();
        throw new NotFoundError(`unknown service "${service}"; services with SLOs: ${known.join(', ') || '(none)'}`);
      }
      const responsible = slos
        .filter((slo) => slo.alerting.budgetExhausted)
        .map((slo) => {
          const counts = deps.counts.get(slo.name) ?? EMPTY;
          const budget = computeBudget(slo, counts, now);
          return { slo: slo.name, remainingFraction: budget.remainingFraction, total: budget.total, projectedRecoveryAt: projectedRecovery(slo, counts, now) };
        })
        .filter((r) => r.total > 0 && r.remainingFraction <= 0)
        .map(({ total: _total, ...r }) => r);
      const recoveries = responsible.map((r) => r.projectedRecoveryAt);
      const projectedRecoveryAt = responsible.length === 0 || recoveries.some((r) => r === null) ? null : Math.max(...(recoveries as number[]));
      const exceptionLabels = deps.exceptionLabels();
      const exception = changeLabels.find((l) => exceptionLabels.includes(l.toLowerCase())) ?? null;
      const frozen = responsible.length > 0;
      const allowed = !frozen || exception !== null;
      const names = responsible.map((r) => r.slo).join(', ');
      const reason = !frozen
        ? `every SLO of ${service} has error budget left`
        : exception
          ? `${service} is frozen (budget exhausted: ${names}) but the change is labelled "${exception}", an exception of the error budget policy`
          : `${service} is frozen: error budget exhausted for ${names}; only changes labelled ${exceptionLabels.join(' or ')} may ship` +
            (projectedRecoveryAt ? `; budget is projected to recover at ${new Date(projectedRecoveryAt).toISOString()}` : '');
      return { service, decision: allowed ? 'allowed' : 'frozen', allowed, reason, exception: frozen ? exception : null, responsible, projectedRecoveryAt, evaluatedAt: now };
    },
  };
}
