/** Human and JSON output of a backtest. */
import { describeSloWindow, humanMinutes, objectivePercent, percent, rfc3339 } from '../report/format.js';
import { formatWindow } from '../alerting/evaluate/index.js';
import type { BacktestResult, SloBacktest } from './backtest.js';

export function backtestJson(result: BacktestResult): unknown {
  return {
    from: rfc3339(result.fromMs),
    to: rfc3339(result.toMs),
    slos: result.slos.map((s) => sloJson(s)),
  };
}

function sloJson(s: SloBacktest): Record<string, unknown> {
  const base = {
    name: s.slo.name,
    service: s.slo.service,
    objective: objectivePercent(s.slo.objective),
    window: describeSloWindow(s.slo.window),
    hasData: s.hasData,
  };
  if (!s.hasData || !s.budget) return { ...base, alerts: [], errorBudget: null, worstBurn: null };
  const b = s.budget;
  return {
    ...base,
    alerts: s.alerts.map((a) => ({
      severity: a.severity,
      firedAt: rfc3339(a.firedAtMs),
      resolvedAt: a.resolvedAtMs === null ? null : rfc3339(a.resolvedAtMs),
      reason: a.reason,
    })),
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
  for (const s of result.slos) {
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
    if (s.alerts.length === 0) lines.push('  alerts:      none');
    else {
      lines.push('  alerts:');
      for (const a of s.alerts) {
        const end = a.resolvedAtMs === null ? 'still firing at the end' : `resolved ${rfc3339(a.resolvedAtMs)} (after ${humanMinutes((a.resolvedAtMs - a.firedAtMs) / 60_000)})`;
        lines.push(`    ${a.severity.padEnd(15)} fired ${rfc3339(a.firedAtMs)}  ${end}`);
        lines.push(`    ${''.padEnd(15)} ${a.reason}`);
      }
    }
    lines.push('');
  }
  return lines;
}
