/**
 * Multi-window multi-burn-rate alerts: one page and one ticket alert per SLO, each the OR of
 * its rows, where a row holds when both its long and short window burn faster than the
 * row's factor. Distinct names (`CheckoutAvailabilityPage`, `…Ticket`) plus a `severity`
 * label: Alertmanager can route on either, and inhibit tickets while a page fires.
 */
import type { AlertKind, AlertSeverity, BurnRateWindow } from '../../slo/index.js';
import { RECORD, PERIOD_BASE_MINUTES, type SloRuleContext } from './context.js';
import { describeDuration, formatDuration, formatNumber } from './promql.js';
import type { AlertingRule } from './types.js';

const SEVERITY_SUFFIX: Record<AlertSeverity, string> = { page: 'Page', ticket: 'Ticket' };
const SEVERITY_ADVICE: Record<AlertSeverity, string> = {
  page: 'At this rate the budget is gone within days: act now.',
  ticket: 'At this rate the budget runs out before the period ends: look into it during working hours.',
};

/** Page and ticket burn-rate alerts, and the no-data alert: they read the per-window series. */
export function buildBurnRateAlerts(ctx: SloRuleContext, alertName: string, guardEvents: boolean): AlertingRule[] {
  const rules: AlertingRule[] = [];
  for (const severity of ['page', 'ticket'] as const) {
    const rows = ctx.activeWindows.filter((w) => w.severity === severity);
    if (rows.length === 0) continue;
    rules.push({
      alert: alertName + SEVERITY_SUFFIX[severity],
      expr: rows.map((row) => `(\n  ${rowCondition(ctx, row, guardEvents).join('\n  and\n  ')}\n)`).join('\nor\n'),
      labels: alertLabels(ctx, severity, severity),
      annotations: annotations(ctx, severity, {
        summary: `SLO ${ctx.slo.name} of service ${ctx.slo.service} is burning its error budget too fast (${severity})`,
        description: `${objectiveSentence(ctx)} Errors are spending its error budget too fast: ${rows.map(describeRow).join('; or ')}.` +
          (guardEvents ? ` Windows with fewer than ${ctx.slo.alerting.minEvents} events are ignored.` : '') +
          ` ${SEVERITY_ADVICE[severity]}`,
      }),
    });
  }
  const policy = ctx.slo.alerting;
  if (policy.noDataMinutes !== null && policy.noDataMinutes > 0) {
    const series = ctx.slo.sli.prometheus?.type === 'errorRatio' ? RECORD.errorRatio : RECORD.totalEvents;
    rules.push({
      alert: `${alertName}NoData`,
      expr: `absent(${series(PERIOD_BASE_MINUTES)}${ctx.selector})`,
      for: formatDuration(policy.noDataMinutes),
      labels: alertLabels(ctx, 'ticket', 'noData'),
      annotations: annotations(ctx, 'noData', {
        summary: `SLO ${ctx.slo.name} of service ${ctx.slo.service} has no SLI data`,
        description: `The SLI queries of SLO ${ctx.slo.name} returned nothing for ${describeDuration(policy.noDataMinutes)}, so its burn-rate alerts cannot fire. Check that the metrics are still scraped and that the queries' selectors match them.`,
      }),
    });
  }
  return rules;
}

/** Fires while the period's error ratio exceeds the budget; it reads the period series. */
export function buildBudgetExhaustedAlert(ctx: SloRuleContext, alertName: string): AlertingRule | null {
  if (!ctx.slo.alerting.budgetExhausted) return null;
  return {
    alert: `${alertName}BudgetExhausted`,
    expr: `${RECORD.budgetRemaining}${ctx.selector} <= 0`,
    labels: alertLabels(ctx, 'ticket', 'budgetExhausted'),
    annotations: annotations(ctx, 'budgetExhausted', {
      summary: `SLO ${ctx.slo.name} of service ${ctx.slo.service} has exhausted its error budget`,
      description: `${objectiveSentence(ctx)} Its error ratio over the period is above ${formatNumber(ctx.errorBudget * 100)}%, so no error budget is left. Apply the error budget policy: favour reliability work over risky changes until the budget recovers.`,
    }),
  };
}

function rowCondition(ctx: SloRuleContext, row: BurnRateWindow, guardEvents: boolean): string[] {
  const threshold = `(${formatNumber(row.factor)} * ${formatNumber(ctx.errorBudget)})`;
  const conditions = [row.longMinutes, row.shortMinutes].map(
    (m) => `${RECORD.errorRatio(m)}${ctx.selector} > ${threshold}`,
  );
  if (guardEvents) {
    // rate is per second: rate x window seconds = events seen in the window.
    for (const m of [row.longMinutes, row.shortMinutes]) {
      conditions.push(`${RECORD.totalEvents(m)}${ctx.selector} * ${m * 60} >= ${ctx.slo.alerting.minEvents}`);
    }
  }
  return conditions;
}

function describeRow(row: BurnRateWindow): string {
  return `${roundForText(row.factor)}x the sustainable rate over both the last ${describeDuration(row.longMinutes)} and ${describeDuration(row.shortMinutes)} (${formatNumber(row.budgetPercent)}% of the budget in ${describeDuration(row.longMinutes)})`;
}

/** Two decimals are plenty in prose (0.93x), while the expression keeps the exact factor. */
function roundForText(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function objectiveSentence(ctx: SloRuleContext): string {
  const { slo } = ctx;
  const period = slo.window.type === 'rolling'
    ? `a rolling ${describeDuration(slo.window.minutes)}`
    : `each calendar ${slo.window.unit}`;
  return `SLO ${slo.name} targets ${formatNumber(slo.objective * 100)}% good events over ${period}.`;
}

function alertLabels(ctx: SloRuleContext, severity: AlertSeverity, kind: AlertKind): Record<string, string> {
  return {
    ...ctx.policyLabels,
    sloop_slo: ctx.slo.name,
    sloop_service: ctx.slo.service,
    sloop_alert: kind,
    severity,
  };
}

function annotations(ctx: SloRuleContext, kind: AlertKind, text: { summary: string; description: string }): Record<string, string> {
  const { runbooks, annotations: custom } = ctx.slo.alerting;
  const runbook = runbooks[kind] ?? runbooks.default;
  // The policy's own annotations (e.g. Sloth's alerting.annotations) are written for the
  // burn-rate alerts: they replace those defaults, but a custom summary such as "High error
  // rate" would mislabel the no-data and budget-exhausted alerts, so those keep their text.
  const ownText = kind === 'page' || kind === 'ticket' ? custom : { ...custom, ...text };
  return { ...text, ...ownText, ...(runbook ? { runbook_url: runbook } : {}) };
}
