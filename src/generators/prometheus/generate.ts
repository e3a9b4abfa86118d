/**
 * Turns SLOs into a Prometheus rule file: per SLO one group with the SLI recording rules and
 * the burn-rate alerts, and one group with the period/metadata rules and the budget alert. Pure: same SLOs in, same rules out.
 * SLOs without a PromQL SLI are skipped: sloop evaluates pushed data itself.
 */
import { alertNameFor, type Slo } from '../../slo/index.js';
import { buildBudgetExhaustedAlert, buildBurnRateAlerts } from './alert-rules.js';
import { buildContext } from './context.js';
import { buildPeriodRules } from './period-rules.js';
import { formatDuration, formatNumber, hasWindowPlaceholder, isValidAlertName } from './promql.js';
import { buildSliRules } from './sli-rules.js';
import type { GeneratePrometheusOptions, GeneratorWarning, PrometheusRules, RuleGroup } from './types.js';

export function generatePrometheusRules(slos: readonly Slo[], options: GeneratePrometheusOptions = {}): PrometheusRules {
  const groups: RuleGroup[] = [];
  const warnings: GeneratorWarning[] = [];
  for (const slo of slos) {
    const sli = slo.sli.prometheus;
    if (!sli) {
      warnings.push({ slo: slo.name, message: 'skipped: its SLI is not a PromQL query, so sloop evaluates it from pushed data instead of Prometheus rules' });
      continue;
    }
    const queries = sli.type === 'events' ? [sli.bad, sli.good, sli.total].filter((q): q is string => q !== undefined) : [sli.query];
    if (!queries.every(hasWindowPlaceholder)) {
      warnings.push({ slo: slo.name, message: 'skipped: its PromQL query has no {{.window}} placeholder, so every window would record the same range; write the range as [{{.window}}], e.g. rate(http_requests_total[{{.window}}])' });
      continue;
    }
    const ctx = buildContext(slo, warnings);
    const eventWeighted = sli.type === 'events';
    if (!eventWeighted) {
      warnings.push({ slo: slo.name, message: 'its SLI is a raw error ratio, so the period SLI is an average of 5m ratios (quiet and busy hours weigh the same) and no min-events guard applies; give error and total queries for an event-weighted SLI' });
    }
    if (slo.window.type === 'calendar') {
      warnings.push({ slo: slo.name, message: `calendar ${slo.window.unit} window: the Prometheus rules use a rolling ${formatDuration(ctx.periodMinutes)} period instead (sloop report computes the exact calendar period)` });
    }
    if (slo.budgeting.method !== 'occurrences') {
      warnings.push({ slo: slo.name, message: `${slo.budgeting.method} budgeting: the Prometheus rules count occurrences (error events / total events); sloop report applies the time-slice method` });
    }
    let alertName = slo.alerting.name;
    if (!isValidAlertName(alertName)) {
      const fixed = alertNameFor(alertName);
      warnings.push({ slo: slo.name, message: `alert name "${alertName}" is not a valid Prometheus alert name; using "${fixed}" (letters, digits and underscores only)` });
      alertName = fixed;
    }
    for (const row of ctx.activeWindows) {
      if (row.factor * ctx.errorBudget >= 1) {
        warnings.push({ slo: slo.name, message: `the ${row.severity} row ${formatDuration(row.longMinutes)}/${formatDuration(row.shortMinutes)} needs a burn rate of ${formatNumber(row.factor)}x, but at ${formatNumber(slo.objective * 100)}% the highest possible is ${formatNumber(1 / ctx.errorBudget)}x, so it can never fire; lower its budget percent or the objective` });
      }
    }
    const guardEvents = eventWeighted && slo.alerting.minEvents > 0;
    const budgetAlert = buildBudgetExhaustedAlert(ctx, alertName);
    // Rules in one group run in order at the same instant, so each alert reads the ratios
    // recorded in the same evaluation; across groups it could lag by one interval.
    groups.push({
      name: `sloop-${slo.name}-burn-rate`,
      rules: [...buildSliRules(ctx, sli), ...buildBurnRateAlerts(ctx, alertName, guardEvents)],
    });
    groups.push({
      name: `sloop-${slo.name}-period`,
      ...(options.periodInterval ? { interval: options.periodInterval } : {}),
      rules: [...buildPeriodRules(ctx, eventWeighted), ...(budgetAlert ? [budgetAlert] : [])],
    });
  }
  return { groups, warnings };
}
