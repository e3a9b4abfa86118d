/** The shape of a Prometheus rule file, as plain data (serialised by `serializeRuleFile`). */

export interface RecordingRule {
  record: string;
  expr: string;
  labels: Record<string, string>;
}

export interface AlertingRule {
  alert: string;
  expr: string;
  /** Prometheus duration such as `30m`; omitted when the alert fires on the first evaluation. */
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export type PrometheusRule = RecordingRule | AlertingRule;

export interface RuleGroup {
  name: string;
  /** Evaluation interval for this group; omitted to use Prometheus's global interval. */
  interval?: string;
  rules: PrometheusRule[];
}

/** Something the user should know about the generated rules; never fatal. */
export interface GeneratorWarning {
  slo: string;
  message: string;
}

export interface PrometheusRules {
  groups: RuleGroup[];
  warnings: GeneratorWarning[];
}

export interface GeneratePrometheusOptions {
  /**
   * Evaluation interval of the period groups (the 28d/30d sums are the expensive rules),
   * e.g. `5m`. Omitted: Prometheus's global evaluation interval.
   */
  periodInterval?: string;
}

export function isAlertingRule(rule: PrometheusRule): rule is AlertingRule {
  return 'alert' in rule;
}
