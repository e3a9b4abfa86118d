/**
 * Adapter between the SLO engine's pure alert evaluation (src/alerting/evaluate) and the
 * store's per-kind alert states: the stored firing states become the engine's previous state
 * (so a restart does not re-fire what is already firing), and the engine's transitions become
 * store transitions with burn rates keyed by window label.
 */
import { evaluateSlo, formatWindow, type AlertState as EngineState, type AlertTransition as EngineTransition } from '../alerting/evaluate/index.js';
import type { MinuteCountsView } from '../slo/math/minute-counts.js';
import type { AlertKind, Slo } from '../slo/model.js';
import type { AlertState, AlertTransition, BurnRates } from '../store/store.js';

export const ALERT_KINDS: readonly AlertKind[] = ['page', 'ticket', 'noData', 'budgetExhausted'];

export function engineStateFrom(stored: ReadonlyMap<AlertKind, AlertState> | undefined, period?: EngineState['period']): EngineState {
  const firing: EngineState['firing'] = {};
  for (const [kind, state] of stored ?? []) if (state.firing) firing[kind] = { firedAtMs: state.since };
  return period ? { firing, period } : { firing };
}

function burnRatesOf(t: EngineTransition): BurnRates {
  const out: BurnRates = {};
  for (const row of t.burnRates) {
    out[formatWindow(row.longMinutes)] = row.longBurnRate;
    out[formatWindow(row.shortMinutes)] = row.shortBurnRate;
  }
  return out;
}

export function toStoreTransition(slo: Slo, t: EngineTransition): AlertTransition {
  return {
    slo: slo.name,
    kind: t.kind,
    event: t.change,
    at: t.atMs,
    burnRates: burnRatesOf(t),
    details: {
      reason: t.reason,
      remaining: t.remaining,
      alertName: slo.alerting.name,
      service: slo.service,
      ...(t.burnRates.length > 0 ? { windows: t.burnRates } : {}),
      ...(slo.alerting.runbooks[t.kind] ?? slo.alerting.runbooks.default ? { runbook: slo.alerting.runbooks[t.kind] ?? slo.alerting.runbooks.default } : {}),
    },
  };
}

/** Store transitions that move `stored` to what the engine finds at `now`. */
export function transitionsFor(
  slo: Slo,
  counts: MinuteCountsView,
  now: number,
  stored: ReadonlyMap<AlertKind, AlertState> | undefined,
  watchingSinceMs: number,
): AlertTransition[] {
  const evaluation = evaluateSlo(slo, counts, now, engineStateFrom(stored), { watchingSinceMs });
  return evaluation.transitions.map((t) => toStoreTransition(slo, t));
}
