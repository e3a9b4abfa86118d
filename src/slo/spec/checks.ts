/**
 * Checks that apply to every SLO whatever format it came from. Parsers map a file onto the
 * model, then hand the model SLO plus "anchors" (the YAML nodes the values came from) to
 * `checkSlo`, so each finding still points at the right file:line:column.
 */
import type { Node } from 'yaml';
import type { Slo, SloWindow } from '../model.js';
import { maxBurnRate, nominalPeriodMinutes } from '../policy.js';
import { formatMinutes } from './durations.js';
import type { DocContext } from './yaml-reader.js';

export interface Anchor {
  node: Node | undefined;
  field: string;
  /** Set when the node lives in another document than the SLO (an OpenSLO object referenced by name). */
  ctx?: DocContext;
}

export interface SloAnchors {
  objective: Anchor;
  /** Where a missing runbook is reported (the alerting block, else the SLO itself). */
  alerting: Anchor;
  /** Per row of slo.alerting.windows when the file set them explicitly; absent for the default policy. */
  windows?: Anchor[];
  queries: Array<Anchor & { query: string }>;
  /** How to add a runbook in this format, ending the "every page should link a runbook" warning. */
  runbookHint: string;
}

export const WINDOW_PLACEHOLDER = '{{.window}}';

/** Range-checks an objective given in percent; returns false (after reporting) when unusable. */
export function checkObjectivePercent(ctx: DocContext, anchor: Anchor, percent: number): boolean {
  if (percent === 100) {
    ctx.error(anchor.node, anchor.field, 'a 100% objective leaves no error budget; use a value below 100 such as 99.9');
    return false;
  }
  if (!(percent > 0 && percent < 100)) {
    ctx.error(anchor.node, anchor.field, `must be a percentage between 0 and 100 (exclusive), such as 99.9; got ${percent}`);
    return false;
  }
  return true;
}

export function checkSlo(ctx: DocContext, slo: Slo, anchors: SloAnchors): void {
  checkHighObjective(ctx, slo, anchors.objective);
  checkReachableFactors(ctx, slo, anchors);
  checkRunbook(ctx, slo, anchors);
  for (const q of anchors.queries) checkWindowPlaceholder(q.ctx ?? ctx, q, q.query);
}

function checkHighObjective(ctx: DocContext, slo: Slo, anchor: Anchor): void {
  if (slo.objective < 0.9999) return;
  const minutes = (1 - slo.objective) * nominalPeriodMinutes(slo.window);
  ctx.warn(
    anchor.node,
    anchor.field,
    `an objective of ${formatNumber(slo.objective * 100)}% leaves about ${roughly(minutes)} minutes of error budget per ${describeWindow(slo.window)}; ` +
      'a single short incident spends it all: make sure that is intended, or lower the objective (e.g. 99.9)',
  );
}

function checkReachableFactors(ctx: DocContext, slo: Slo, anchors: SloAnchors): void {
  const ceiling = maxBurnRate(slo.objective);
  const pct = formatNumber(slo.objective * 100);
  const why = `at a ${pct}% objective even a total outage burns the budget at most 1/(1-${formatNumber(slo.objective)}) = ${formatNumber(ceiling)}x`;
  slo.alerting.windows.forEach((w, i) => {
    if (slo.alerting.disabled.includes(w.severity)) return;
    if (w.factor <= ceiling * (1 + 1e-9)) return;
    const row = `${w.severity} ${formatMinutes(w.longMinutes)}/${formatMinutes(w.shortMinutes)} at ${formatNumber(w.factor)}x`;
    const explicit = anchors.windows?.[i];
    if (explicit) {
      (explicit.ctx ?? ctx).error(explicit.node, explicit.field, `burn-rate factor ${formatNumber(w.factor)} can never be reached: ${why}; use a factor (or budgetPercent) below that, or raise the objective`);
    } else {
      ctx.warn(
        anchors.objective.node,
        anchors.objective.field,
        `the default ${row} alert can never fire: ${why}; set alerting windows with lower factors, or raise the objective`,
      );
    }
  });
}

function checkRunbook(ctx: DocContext, slo: Slo, anchors: SloAnchors): void {
  const pages = slo.alerting.windows.some((w) => w.severity === 'page') && !slo.alerting.disabled.includes('page');
  if (!pages || slo.alerting.runbooks.page || slo.alerting.runbooks.default) return;
  ctx.warn(anchors.alerting.node, anchors.alerting.field, `paging alerts have no runbook; every page should link a runbook: ${anchors.runbookHint}`);
}

/** Reports a PromQL query that lacks `{{.window}}`, with the exact replacement when it has a fixed range. */
export function checkWindowPlaceholder(ctx: DocContext, anchor: Anchor, query: string): boolean {
  if (query.includes(WINDOW_PLACEHOLDER)) return true;
  const fixed = /\[(\d+[smhdwy])\]/.exec(query);
  const fix = fixed
    ? `replace [${fixed[1]}] with [${WINDOW_PLACEHOLDER}]`
    : `e.g. sum(rate(http_requests_total{code=~"5.."}[${WINDOW_PLACEHOLDER}]))`;
  ctx.error(anchor.node, anchor.field, `query has no ${WINDOW_PLACEHOLDER} placeholder, which sloop replaces with each alert window; ${fix}`);
  return false;
}

export function describeWindow(window: SloWindow): string {
  if (window.type === 'calendar') return `calendar ${window.unit}`;
  const text = formatMinutes(window.minutes);
  const n = Number(text.slice(0, -1));
  const unit = { d: 'day', h: 'hour', m: 'minute' }[text.slice(-1)]!;
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** Rounded for messages: 13.44, 0.9333, 99.99. */
export function formatNumber(n: number): string {
  return String(Number(n.toFixed(4)));
}

function roughly(minutes: number): string {
  return minutes >= 10 ? String(Math.round(minutes)) : String(Number(minutes.toFixed(1)));
}
