/** Human (tables) and JSON output of `sloop report`. */
import { formatWindow } from '../alerting/evaluate/index.js';
import { describeSloWindow, humanMinutes, objectivePercent, percent, rfc3339, rowIdentityJson, table } from './format.js';
import { interleave, type CompositeReport } from './composite.js';
import type { Report, SloReport } from './report.js';

/** Report rows in output order: each composite after its components. */
function rows(report: Report): ({ slo: SloReport } | { composite: CompositeReport })[] {
  const bySlo = report.slos.map((r) => ({ ...r, name: r.slo.name }));
  const byComposite = report.composites.map((r) => ({ ...r, components: r.composite.components }));
  return interleave(bySlo, byComposite);
}

export function reportJson(report: Report): unknown {
  return { at: rfc3339(report.atMs), slos: rows(report).map((row) => ('slo' in row ? sloJson(row.slo) : compositeJson(row.composite))) };
}

function sloJson(r: SloReport): Record<string, unknown> {
  return rowJson(r, { ...rowIdentityJson(r.slo, r.slo.service), hasData: r.hasData, state: r.status });
}

/** Same fields as an SLO row, plus `composite: true` and the weighted `components`. */
function compositeJson(r: CompositeReport): Record<string, unknown> {
  return rowJson(r, {
    ...rowIdentityJson(r.composite, r.service),
    hasData: r.hasData,
    state: r.status,
    composite: true,
    components: r.composite.components.map((c) => ({ slo: c.slo, weight: c.weight })),
  });
}

/** `head`, then the evaluation's fields (null/empty without data): the same for SLOs and composites. */
function rowJson(r: SloReport | CompositeReport, head: Record<string, unknown>): Record<string, unknown> {
  const e = r.evaluation;
  if (!e) return { ...head, sli: null, errorBudget: null, burnRates: [], firing: [] };
  return {
    ...head,
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
    burnRates: e.windows.map(burnJson),
    firing: r.firing,
  };
}

function burnJson(w: WindowBurnRow): Record<string, unknown> {
  return {
    severity: w.severity,
    long: formatWindow(w.longMinutes),
    short: formatWindow(w.shortMinutes),
    longBurnRate: w.longBurnRate,
    shortBurnRate: w.shortBurnRate,
    factor: w.factor,
    exceeded: w.exceeded,
  };
}

type WindowBurnRow = { severity: string; longMinutes: number; shortMinutes: number; longBurnRate: number; shortBurnRate: number; factor: number; exceeded: boolean };

export function reportText(report: Report): string[] {
  const summary = [['SLO', 'OBJECTIVE', 'WINDOW', 'SLI', 'BUDGET LEFT', 'MINUTES LEFT', 'EXHAUSTS IN', 'STATE']];
  const burns = [['SLO', 'SEVERITY', 'WINDOWS', 'LONG', 'SHORT', 'FIRES ABOVE']];
  for (const row of rows(report)) {
    const r = 'slo' in row ? row.slo : row.composite;
    const name = 'slo' in row ? row.slo.slo.name : `${row.composite.composite.name} (composite)`;
    const target = 'slo' in row ? row.slo.slo : row.composite.composite;
    const e = r.evaluation;
    if (!e) {
      summary.push([name, `${objectivePercent(target.objective)}%`, describeSloWindow(target.window), '-', '-', '-', '-', 'no data']);
      continue;
    }
    const b = e.budget;
    summary.push([
      name,
      `${objectivePercent(target.objective)}%`,
      describeSloWindow(target.window),
      percent(b.sli, 3),
      percent(b.remaining),
      `${b.remainingMinutes.toFixed(1)} of ${b.budgetMinutes.toFixed(1)}`,
      b.remaining <= 0 ? 'exhausted' : r.minutesToExhaustion === null ? 'never' : humanMinutes(r.minutesToExhaustion),
      r.status === 'noData' ? 'no data' : r.status,
    ]);
    for (const w of e.windows) {
      burns.push([
        name,
        w.severity,
        `${formatWindow(w.longMinutes)}/${formatWindow(w.shortMinutes)}`,
        `${w.longBurnRate.toFixed(2)}x`,
        `${w.shortBurnRate.toFixed(2)}x`,
        `${(Math.round(w.factor * 1000) / 1000).toString()}x${w.exceeded ? '  <- firing' : ''}`,
      ]);
    }
  }
  const notes = report.composites.length > 0 ? ['A composite\'s budget and burn rates are its components\', weighted by compositeWeight.', ''] : [];
  return [
    `SLO report at ${rfc3339(report.atMs)} (exhaustion projected at the last hour's burn rate)`,
    '',
    ...table(summary),
    '',
    ...notes,
    'Burn rates per alert window (1x spends the budget exactly over the window):',
    '',
    ...table(burns),
  ];
}
