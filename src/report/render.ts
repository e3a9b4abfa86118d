/** Human (tables) and JSON output of `sloop report`. */
import { formatWindow } from '../alerting/evaluate/index.js';
import { describeSloWindow, humanMinutes, objectivePercent, percent, rfc3339, table } from './format.js';
import type { Report, SloReport } from './report.js';

export function reportJson(report: Report): unknown {
  return { at: rfc3339(report.atMs), slos: report.slos.map(sloJson) };
}

function sloJson(r: SloReport): Record<string, unknown> {
  const base = {
    name: r.slo.name,
    service: r.slo.service,
    objective: objectivePercent(r.slo.objective),
    window: describeSloWindow(r.slo.window),
    hasData: r.hasData,
    state: r.status,
  };
  const e = r.evaluation;
  if (!e) return { ...base, sli: null, errorBudget: null, burnRates: [], firing: [] };
  return {
    ...base,
    sli: e.budget.sli,
    errorBudget: {
      remaining: e.budget.remaining,
      consumed: e.budget.consumed,
      remainingMinutes: e.budget.remainingMinutes,
      budgetMinutes: e.budget.budgetMinutes,
      method: e.budget.method,
      exhaustsInMinutes: r.minutesToExhaustion,
    },
    currentBurnRate: r.currentBurnRate,
    burnRates: e.windows.map((w) => ({
      severity: w.severity,
      long: formatWindow(w.longMinutes),
      short: formatWindow(w.shortMinutes),
      longBurnRate: w.longBurnRate,
      shortBurnRate: w.shortBurnRate,
      factor: w.factor,
      exceeded: w.exceeded,
    })),
    firing: r.firing,
  };
}

export function reportText(report: Report): string[] {
  const summary = [['SLO', 'OBJECTIVE', 'WINDOW', 'SLI', 'BUDGET LEFT', 'MINUTES LEFT', 'EXHAUSTS IN', 'STATE']];
  for (const r of report.slos) {
    const e = r.evaluation;
    if (!e) {
      summary.push([r.slo.name, `${objectivePercent(r.slo.objective)}%`, describeSloWindow(r.slo.window), '-', '-', '-', '-', 'no data']);
      continue;
    }
    const b = e.budget;
    summary.push([
      r.slo.name,
      `${objectivePercent(r.slo.objective)}%`,
      describeSloWindow(r.slo.window),
      percent(b.sli, 3),
      percent(b.remaining),
      `${b.remainingMinutes.toFixed(1)} of ${b.budgetMinutes.toFixed(1)}`,
      b.remaining <= 0 ? 'exhausted' : r.minutesToExhaustion === null ? 'never' : humanMinutes(r.minutesToExhaustion),
      r.status === 'noData' ? 'no data' : r.status,
    ]);
  }
  const burns = [['SLO', 'SEVERITY', 'WINDOWS', 'LONG', 'SHORT', 'FIRES ABOVE']];
  for (const r of report.slos) {
    for (const w of r.evaluation?.windows ?? []) {
      burns.push([
        r.slo.name,
        w.severity,
        `${formatWindow(w.longMinutes)}/${formatWindow(w.shortMinutes)}`,
        `${w.longBurnRate.toFixed(2)}x`,
        `${w.shortBurnRate.toFixed(2)}x`,
        `${(Math.round(w.factor * 1000) / 1000).toString()}x${w.exceeded ? '  <- firing' : ''}`,
      ]);
    }
  }
  return [
    `SLO report at ${rfc3339(report.atMs)} (exhaustion projected at the last hour's burn rate)`,
    '',
    ...table(summary),
    '',
    'Burn rates per alert window (1x spends the budget exactly over the window):',
    '',
    ...table(burns),
  ];
}
