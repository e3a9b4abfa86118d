/**
 * The normalised shape every inbound integration produces. Alertmanager groups, PagerDuty
 * events and generic webhooks all become `InboundAlert`s, so routing, grouping and paging see
 * one model. Times are Unix milliseconds, like the rest of sloop's domain code.
 */

export type IntegrationType = 'alertmanager' | 'pagerduty' | 'webhook';
export const INTEGRATION_TYPES: readonly IntegrationType[] = ['alertmanager', 'pagerduty', 'webhook'];

export type InboundStatus = 'firing' | 'resolved' | 'acknowledged';

export interface InboundAlert {
  /** The integration type (`alertmanager`, `pagerduty`, `webhook`); matches AlertSnapshot.source. */
  source: IntegrationType;
  /** The integration instance's name from the config. */
  integration: string;
  /**
   * Identity of this one alert, namespaced per integration: `alertmanager:<name>:<fingerprint>`,
   * `pagerduty:<name>:<dedup_key>`, `webhook:<name>:<dedupKey>`, or `<type>:<name>:labels:<hash>`
   * when the sender gave no key (src/oncall/routing groupingKey).
   */
  dedupKey: string;
  /**
   * Which page this alert belongs to ("one incident pages once"): Alertmanager's `groupKey`,
   * otherwise the dedup key. Namespaced like dedupKey.
   */
  groupKey: string;
  status: InboundStatus;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  summary: string;
  /** As the sender named it (`critical`, `page`, `warning`, ...); null when absent. */
  severity: string | null;
  startsAt: number;
  /** When the sender said it ended (resolved alerts) or will end; null when unknown. */
  endsAt: number | null;
  runbookUrl: string | null;
  /** The sender's own representation of this alert, for the page timeline and debugging. */
  raw: unknown;
}

/** One configured integration with its secret already resolved from the environment. */
export interface Integration {
  name: string;
  type: IntegrationType;
  /** Bearer token (Alertmanager), integration key (PagerDuty routing_key) or HMAC secret (webhook). */
  secret: string;
  /** Generic webhook only: accepted clock skew for signatures. */
  toleranceSec?: number;
}

/** What the paging side may answer; `message` is echoed to the sender. */
export type IntakeOutcome = void | { message?: string };

/**
 * The boundary to paging: called once per accepted request with every alert of it, after the
 * whole payload was authenticated and validated. Throwing makes the sender retry (503), except
 * for sloop's typed client errors (src/errors), which become their 4xx.
 */
export type OnAlerts = (integration: Integration, alerts: InboundAlert[]) => Promise<IntakeOutcome>;
