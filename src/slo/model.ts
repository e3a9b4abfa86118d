/**
 * The one normalised SLO model. sloop/v1, OpenSLO and Sloth files are all parsed into these
 * plain objects; everything downstream (math, alerting, rule generation, the server) reads
 * only this model. Objectives are fractions (0.999), durations are whole minutes, times are
 * epoch milliseconds: the unit is in the field name where it is not obvious.
 */

export type SourceFormat = 'sloop' | 'openslo' | 'sloth';

/** Where an object was declared, so later errors can point at the file. */
export interface Origin {
  file: string;
  line: number;
  column: number;
  format: SourceFormat;
}

export type SloWindow =
  /** A window that always covers the last `minutes` (28d = 40320). */
  | { type: 'rolling'; minutes: number }
  /** A window that resets at the start of each calendar period in `timeZone` (IANA). */
  | { type: 'calendar'; unit: 'week' | 'month' | 'quarter'; timeZone: string };

export type Budgeting =
  /** Good events / total events over the window (the default). */
  | { method: 'occurrences' }
  /** Fraction of `sliceMinutes` slices whose own SLI meets `sliceTarget` (a fraction). */
  | { method: 'timeslices'; sliceMinutes: number; sliceTarget: number }
  /** Mean of the per-slice good/total ratios (OpenSLO RatioTimeslices). */
  | { method: 'ratioTimeslices'; sliceMinutes: number };

/**
 * PromQL for SLIs computed by Prometheus. `{{.window}}` (Sloth's placeholder) stands for the
 * range, e.g. `sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))`.
 */
export type PrometheusSli =
  | { type: 'events'; good?: string; bad?: string; total: string }
  | { type: 'errorRatio'; query: string };

export interface Sli {
  /** What the SLI measures; all kinds reduce to good/total event counts. */
  kind: 'ratio' | 'latency' | 'freshness';
  /** Present when Prometheus computes the SLI; absent when data is pushed to sloop. */
  prometheus?: PrometheusSli;
  /** Present when the SLI comes from a non-Prometheus source sloop cannot query (kept for reference). */
  externalSource?: { type: string; spec: unknown };
  /**
   * Present when the SLI is computed from counters that Prometheus remote-writes to sloop
   * (`POST /api/v1/write`). Each is a series selector such as
   * `{__name__="http_requests_total", job="api", code=~"5.."}`; exactly one of good/bad.
   * Parsed by parseSeriesSelector in src/sources/prometheus/remote-write.
   */
  remoteWrite?: { good?: string; bad?: string; total: string };
  latency?: { thresholdSeconds: number };
  freshness?: { maxAgeSeconds: number };
}

export type AlertSeverity = 'page' | 'ticket';

/** One row of the multi-window multi-burn-rate table. */
export interface BurnRateWindow {
  severity: AlertSeverity;
  longMinutes: number;
  shortMinutes: number;
  /** Share of the period's budget consumed in `longMinutes` at `factor`, in percent (2 = 2%). */
  budgetPercent: number;
  /** Burn-rate threshold: budgetPercent/100 x periodMinutes / longMinutes unless given explicitly. */
  factor: number;
}

export type AlertKind = AlertSeverity | 'noData' | 'budgetExhausted';

export interface AlertPolicy {
  /** Base alert name (Sloth's `alerting.name`); defaults to a CamelCase form of the SLO name. */
  name: string;
  windows: BurnRateWindow[];
  /** Minimum total events in a window before it may alert; 0 disables the guard. */
  minEvents: number;
  /** Alert when no data arrived for this many minutes; null disables. */
  noDataMinutes: number | null;
  /** Raise a `budgetExhausted` condition when remaining budget <= 0 (drives the deploy freeze). */
  budgetExhausted: boolean;
  /** Runbook URL per alert kind; `default` applies to kinds without their own. */
  runbooks: Partial<Record<AlertKind | 'default', string>>;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** Sloth's page_alert/ticket_alert `disable: true`. */
  disabled: AlertSeverity[];
}

export interface Slo {
  /** Unique across all loaded files; used in URLs, metrics labels and data files. */
  name: string;
  displayName?: string;
  description?: string;
  service: string;
  journey?: string;
  /** Fraction in (0, 1): 99.9% is 0.999. */
  objective: number;
  window: SloWindow;
  budgeting: Budgeting;
  sli: Sli;
  alerting: AlertPolicy;
  labels: Record<string, string>;
  origin: Origin;
}

export interface Journey {
  name: string;
  description?: string;
}

export interface Service {
  name: string;
  owner?: string;
  tier?: string;
  description?: string;
  journeys: Journey[];
  origin: Origin;
}

/** OpenSLO composite objective: a weighted combination of other SLOs. */
export interface CompositeSlo {
  name: string;
  objective: number;
  window: SloWindow;
  components: { slo: string; weight: number }[];
  origin: Origin;
}

export interface SloConfig {
  services: Service[];
  slos: Slo[];
  composites: CompositeSlo[];
}
