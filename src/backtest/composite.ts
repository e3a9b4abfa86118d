/**
 * Composite SLOs in the backtest: the composite is evaluated at the end of every replayed minute
 * from its components' counts (weighted budget consumption and weighted burn rates, see
 * src/slo/math/composite.ts), and its page/ticket/noData/budgetExhausted conditions are turned
 * into fired/resolved alerts exactly like an SLO's.
 */
import { formatWindow, type WindowBurn } from '../alerting/evaluate/index.js';
import { evaluateComposite, compositeAlertPolicy, type CompositeBoundsCache, type CompositeBudget, type CompositeComponentData } from '../slo/math/composite.js';
import type { AlertKind, CompositeSlo } from '../slo/model.js';
import type { BacktestAlert, WorstBurn } from './backtest.js';

export interface CompositeBacktest {
  composite: CompositeSlo;
  /** The components' service. */
  service: string;
  /** False when no component has data; nothing else is set then. */
  hasData: boolean;
  alerts: BacktestAlert[];
  /** Weighted budget at the end of the replay. */
  budget: CompositeBudget | null;
  /** Highest weighted burn rate over any long window of the policy with at least minEvents events. */
  worstBurn: WorstBurn | null;
  /** Events of all components inside the replayed range. */
  good: number;
  total: number;
}

const KINDS: readonly AlertKind[] = ['page', 'ticket', 'noData', 'budgetExhausted'];

/** Replays one composite over minutes [fromMinute, toMinute). */
export function backtestComposite(composite: CompositeSlo, components: readonly CompositeComponentData[], fromMinute: number, toMinute: number): CompositeBacktest {
  const service = components[0]?.slo.service ?? '';
  if (!components.some((c) => c.counts !== null) || toMinute <= fromMinute) {
    return { composite, service, hasData: components.some((c) => c.counts !== null), alerts: [], budget: null, worstBurn: null, good: 0, total: 0 };
  }
  const policy = compositeAlertPolicy(composite);
  const minEvents = Math.max(1, policy.minEvents);
  const cache: CompositeBoundsCache = [];
  const alerts: BacktestAlert[] = [];
  const open = new Map<AlertKind, BacktestAlert>();
  let budget: CompositeBudget | null = null;
  let worst: WorstBurn | null = null;
  for (let m = fromMinute; m < toMinute; m++) {
    const atMs = (m + 1) * 60_000;
    const e = evaluateComposite(composite, components, atMs, policy, cache)!;
    budget = e.budget;
    for (const kind of KINDS) {
      const now = kind === 'page' ? e.page : kind === 'ticket' ? e.ticket : kind === 'noData' ? e.noData : e.exhausted;
      const alert = open.get(kind);
      if (now && !alert) {
        const fired: BacktestAlert = { severity: kind, firedAtMs: atMs, resolvedAtMs: null, reason: reasonFor(kind, e.windows, e.budget.remaining, policy.noDataMinutes) };
        alerts.push(fired);
        open.set(kind, fired);
      } else if (!now && alert) {
        alert.resolvedAtMs = atMs;
        open.delete(kind);
      }
    }
    for (const w of e.windows) {
      if (w.longTotal >= minEvents && (worst === null || w.longBurnRate > worst.rate)) worst = { rate: w.longBurnRate, windowMinutes: w.longMinutes, atMs };
    }
  }
  let good = 0;
  let total = 0;
  for (const c of components) {
    if (!c.counts) continue;
    const replayed = c.counts.sum(fromMinute, toMinute);
    good += replayed.good;
    total += replayed.total;
  }
  return { composite, service, hasData: true, alerts, budget, worstBurn: worst, good, total };
}

function reasonFor(kind: AlertKind, windows: WindowBurn[], remaining: number, noDataMinutes: number | null): string {
  if (kind === 'noData') return `no events from any component for ${noDataMinutes} minutes`;
  if (kind === 'budgetExhausted') return `weighted error budget exhausted (${(remaining * 100).toFixed(1)}% remaining)`;
  const row = windows.find((w) => w.severity === kind && w.exceeded)!;
  const round = Math.round(row.factor * 1000) / 1000;
  return `weighted ${formatWindow(row.longMinutes)} burn ${row.longBurnRate.toFixed(2)}x and ${formatWindow(row.shortMinutes)} burn ${row.shortBurnRate.toFixed(2)}x above ${round}x`;
}
