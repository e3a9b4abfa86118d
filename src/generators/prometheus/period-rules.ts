/**
 * Metadata and period rules: objective, error budget, the period's error ratio and the budget
 * left. The period error ratio is event-weighted: the sum over the period of the 5m error rate
 * divided by the sum of the 5m total rate. Every 5m rate sample stands for the same stretch of
 * time in numerator and denominator, so the common factor cancels and what remains is
 * errors / events over the period. Averaging 5m ratios instead (Sloth's optimised period rule)
 * gives a quiet night's one failed request the same weight as a busy hour.
 */
import { RECORD, PERIOD_BASE_MINUTES, type SloRuleContext } from './context.js';
import { formatDuration, formatNumber } from './promql.js';
import type { RecordingRule } from './types.js';

export function buildPeriodRules(ctx: SloRuleContext, eventWeighted: boolean): RecordingRule[] {
  const labels = ctx.ruleLabels;
  const period = formatDuration(ctx.periodMinutes);
  const sel = ctx.selector;
  const periodErrorRatio = eventWeighted
    ? `sum_over_time(${RECORD.errorEvents(PERIOD_BASE_MINUTES)}${sel}[${period}])\n/\n` +
      `sum_over_time(${RECORD.totalEvents(PERIOD_BASE_MINUTES)}${sel}[${period}])`
    : `avg_over_time(${RECORD.errorRatio(PERIOD_BASE_MINUTES)}${sel}[${period}])`;
  return [
    { record: RECORD.objective, expr: `vector(${formatNumber(ctx.slo.objective)})`, labels },
    { record: RECORD.errorBudget, expr: `vector(${formatNumber(ctx.errorBudget)})`, labels },
    { record: RECORD.periodDays, expr: `vector(${formatNumber(ctx.periodMinutes / 1440)})`, labels },
    { record: RECORD.periodErrorRatio, expr: periodErrorRatio, labels },
    {
      record: RECORD.budgetRemaining,
      expr: `1 - ${RECORD.periodErrorRatio}${sel} / ${formatNumber(ctx.errorBudget)}`,
      labels,
    },
  ];
}
