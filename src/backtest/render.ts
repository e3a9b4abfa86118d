/** Human and JSON output of a backtest. */
import { describeSloWindow, humanMinutes, objectivePercent, percent, rfc3339, rowIdentityJson } from '../report/format.js';
import { formatWindow } from '../alerting/evaluate/index.js';
import { interleave } from '../report/composite.js';
import type { BacktestAlert, BacktestResult, SloBacktest } from './backtest.js';
import type { CompositeBacktest } from './composite.js';

/** Output order: each composite after its components. */
function rows(result: BacktestResult): ({ slo: SloBacktest } | { composite: CompositeBacktest })[] {
  const bySlo = result.slos.map((s) => ({ ...s, name: s.slo.name }));
  const byComposite = result.composites.map((c) => ({ ...c, components: c.composite.components }));
  return interleave(bySlo, byComposite);
}

export function backtestJson(result: BacktestResult): unknown {
  return {
    from: rfc3339(result.fromMs),
    to: rfc3339(result.toMs),
    slos: rows(result).map((row) => ('slo' in row ? sloJson(row.slo) : compositeJson(row.composite))),
  };
}

function alertJson(a: BacktestAlert): Record<string, unknown> {
  return {
    severity: a.severity,
    firedAt: rfc3339(a.firedAtMs),
    resolvedAt: a.resolvedAtMs === null ? null : rfc3339(a.resolvedAtMs),
    reason: a.reason,
  };
}

function sloJson(s: SloBacktest): Record<string, unknown> {
  return rowJson(s, { ...rowIdentityJson(s.slo, s.slo.service), hasData: s.hasData });
}

/** An SLO row's fields plus `composite: true` and the weighted `components`. */
function compositeJson(c: CompositeBacktest): Record<string, unknown> {
  return rowJson(c, {
    ...rowIdentityJson(c.composite, c.service),
    hasData: c.hasData,
    composite: true,
    components: c.composite.components.map((x) => ({ slo: x.slo, weight: x.weight })),
  });
}

/** `head`, then the replay's fields (empty/null without data): the same for SLOs and composites. */
function rowJson(s: SloBacktest | CompositeBacktest, head: Record<string, unknown>): Record<string, unknown> {
  if (!s.hasData || !s.budget) return { ...head, alerts: [], errorBudget: null, worstBurn: null };
  const b = s.budget;
  return {
    ...head,
    alerts: s.alerts.map(alertJson),
    errorBudget: {
      remaining: b.remaining,
      consumed: b.consumed,
      remainingMinutes: b.remainingMinutes,
      budgetMinutes: b.budgetMinutes,
      sli: b.sli,
      good: b.good,
      total: b.total,
      method: b.method,
    },
    worstBurn: s.worstBurn && { rate: s.worstBurn.rate, window: formatWindow(s.worstBurn.windowMinutes), at: rfc3339(s.worstBurn.atMs) },
    events: { good: s.good, total: s.total },
  };
}

export function backtestText(result: BacktestResult): string[] {
  const lines = [`Backtest ${rfc3339(result.fromMs)} .. ${rfc3339(result.toMs)} (${humanMinutes((result.toMs - result.fromMs) / 60_000)}, one evaluation per minute)`, ''];
  for (const row of rows(result)) {
    if ('composite' in row) {
      lines.push(...compositeText(row.composite), '');
      continue;
    }
    const s = row.slo;
    const head = `${s.slo.name}  (${objectivePercent(s.slo.objective)}% over ${describeSloWindow(s.slo.window)})`;
    if (!s.hasData || !s.budget) {
      lines.push(head, `  no data: the data file has no rows for this SLO${s.slo.sli.prometheus ? ' (its SLI is PromQL, evaluated by Prometheus)' : ''}`, '');
      continue;
    }
    const b = s.budget;
    lines.push(head);
    lines.push(`  events:      ${s.total.toLocaleString('en-US')} (${(s.total - s.good).toLocaleString('en-US')} bad), SLI ${percent(b.sli, 4)}`);
    lines.push(
      `  budget:      ${percent(b.consumed)} consumed, ${percent(b.remaining)} remaining (${b.remainingMinutes.toFixed(1)} of ${b.budgetMinutes.toFixed(1)} min)`,
    );
    lines.push(`  worst burn:  ${s.worstBurn ? `${s.worstBurn.rate.toFixed(2)}x over ${formatWindow(s.worstBurn.windowMinutes)} at ${rfc3339(s.worstBurn.atMs)}` : 'n/a'}`);
    lines.push(...alertLines(s.alerts));
    lines.push('');
  }
  return lines;
}

function alertLines(alerts: BacktestAlert[]): string[] {
  if (alerts.length === 0) return ['  alerts:      none'];
  const lines = ['  alerts:'];
  for (const a of alerts) {
    const end = a.resolvedAtMs === null ? 'still firing at the end' : `resolved ${rfc3339(a.resolvedAtMs)} (after ${humanMinutes((a.resolvedAtMs - a.firedAtMs) / 60_000)})`;
    lines.push(`    ${a.severity.padEnd(15)} fired ${rfc3339(a.firedAtMs)}  ${end}`);
    lines.push(`    ${''.padEnd(15)} ${a.reason}`);
  }
  return lines;
}

function compositeText(c: CompositeBacktest): string[] {
  const weights = c.composite.components.map((x) => `${x.slo} x${x.weight}`).join(', ');
  const head = [`${c.composite.name}  (composite, ${objectivePercent(c.composite.objective)}% over ${describeSloWindow(c.composite.window)})`, `  components:  ${weights}`];
  if (!c.hasData || !c.budget) return [...head, '  no data: the data file has no rows for any of its components'];
  const b = c.budget;
  return [
    ...head,
    `  budget:      ${percent(b.consumed)} consumed, ${percent(b.remaining)} remaining (weighted over the components' own budgets)`,
    `  worst burn:  ${c.worstBurn ? `${c.worstBurn.rate.toFixed(2)}x (weighted) over ${formatWindow(c.worstBurn.windowMinutes)} at ${rfc3339(c.worstBurn.atMs)}` : 'n/a'}`,
    ...alertLines(c.alerts),
  ];
}
