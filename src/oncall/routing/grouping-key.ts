/**
 * The dedup/grouping key decides "one incident pages once": every trigger with the same key
 * while a page is open folds into that page. A source's own key wins (Alertmanager `groupKey`,
 * PagerDuty `dedup_key`); otherwise the key is a hash of the route's `groupBy` labels (all labels
 * by default). Never the summary text: GoAlert's Alertmanager handler dedups on the summary, so
 * two different alerts with one summary share a page and a changed summary pages twice.
 */
import { createHash } from 'node:crypto';

export interface GroupingInput {
  /** `alertmanager`, `pagerduty`, `webhook`, `slo`, ... — keeps keys from different sources apart. */
  source: string;
  /** The source's own dedup key when it sends one. */
  sourceKey?: string | null;
  labels: Readonly<Record<string, string>>;
}

export function groupingKey(input: GroupingInput, groupBy: readonly string[] | null = null): string {
  if (input.sourceKey) return `${input.source}:${input.sourceKey}`;
  const names = (groupBy ?? Object.keys(input.labels)).slice().sort();
  // Canonical JSON of [name, value] pairs: a label missing from the alert is distinct from an empty one.
  const pairs = names.map((name) => [name, name in input.labels ? input.labels[name] : null]);
  const digest = createHash('sha256').update(JSON.stringify(pairs)).digest('hex').slice(0, 32);
  return `${input.source}:labels:${digest}`;
}
