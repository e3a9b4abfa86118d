/**
 * Everything the rule builders share about one SLO: the labels every series carries, the
 * selector that finds its recorded series, the windows to record and the period length.
 */
import { nominalPeriodMinutes, type AlertSeverity, type BurnRateWindow, type Slo } from '../../slo/index.js';
import { formatDuration, isValidLabelName, labelMatchers } from './promql.js';
import type { GeneratorWarning } from './types.js';

/** The period SLI sums this window's recorded rates; also always recorded. */
export const PERIOD_BASE_MINUTES = 5;

export const RECORD = {
  errorEvents: (minutes: number) => `sloop_slo:error_events:rate${formatDuration(minutes)}`,
  totalEvents: (minutes: number) => `sloop_slo:total_events:rate${formatDuration(minutes)}`,
  errorRatio: (minutes: number) => `sloop_slo:error_ratio:rate${formatDuration(minutes)}`,
  objective: 'sloop_slo:objective:ratio',
  errorBudget: 'sloop_slo:error_budget:ratio',
  periodDays: 'sloop_slo:period:days',
  periodErrorRatio: 'sloop_slo:period_error_ratio:ratio',
  budgetRemaining: 'sloop_slo:error_budget_remaining:ratio',
} as const;

export interface SloRuleContext {
  slo: Slo;
  /** `{sloop_service="…",sloop_slo="…"}`: selects this SLO's recorded series. */
  selector: string;
  /** Labels put on every recording rule: the SLO's labels plus `sloop_slo` and `sloop_service`. */
  ruleLabels: Record<string, string>;
  /** The policy's alert labels, with names Prometheus accepts. */
  policyLabels: Record<string, string>;
  /** Burn-rate rows whose severity is not disabled. */
  activeWindows: BurnRateWindow[];
  /** Every window to record, in minutes, ascending and deduplicated. */
  recordedMinutes: number[];
  periodMinutes: number;
  /** `errorBudget` = 1 - objective, already free of float noise. */
  errorBudget: number;
}

export function buildContext(slo: Slo, warnings: GeneratorWarning[]): SloRuleContext {
  const identity = { sloop_service: slo.service, sloop_slo: slo.name };
  const ruleLabels = prometheusLabels(slo.labels, slo.name, 'label', warnings);
  Object.assign(ruleLabels, identity);

  const disabled = new Set<AlertSeverity>(slo.alerting.disabled);
  const activeWindows = slo.alerting.windows.filter((w) => !disabled.has(w.severity));
  const minutes = new Set<number>([PERIOD_BASE_MINUTES]);
  for (const w of activeWindows) {
    minutes.add(w.shortMinutes);
    minutes.add(w.longMinutes);
  }
  return {
    slo,
    selector: labelMatchers(identity),
    ruleLabels,
    policyLabels: prometheusLabels(slo.alerting.labels, slo.name, 'alert label', warnings),
    activeWindows,
    recordedMinutes: [...minutes].sort((a, b) => a - b),
    periodMinutes: nominalPeriodMinutes(slo.window),
    errorBudget: Number((1 - slo.objective).toPrecision(12)),
  };
}

/** Label names as Prometheus accepts them: `owner.team` becomes `owner_team`, with a warning. */
function prometheusLabels(labels: Record<string, string>, sloName: string, what: string, warnings: GeneratorWarning[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(labels)) {
    const safe = name.replace(/[^a-zA-Z0-9_]/g, '_').replace(/^([0-9])/, '_$1');
    if (!isValidLabelName(safe)) {
      warnings.push({ slo: sloName, message: `${what} "${name}" is not a valid Prometheus label name and was left out of the rules; rename it to letters, digits and underscores` });
      continue;
    }
    if (safe !== name) {
      warnings.push({ slo: sloName, message: `${what} "${name}" is written as "${safe}" in the rules because Prometheus label names allow only letters, digits and underscores` });
    }
    result[safe] = value;
  }
  return result;
}
