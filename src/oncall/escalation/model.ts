/**
 * Escalation policies as plain data, parsed from the `escalationPolicies` section of a
 * `kind: OnCall` document. Durations are milliseconds. Who a target means is decided at the
 * moment a step fires (a schedule's on-call person changes over time), never at parse time.
 */

export interface ConfigOrigin {
  file: string;
  line: number;
  column: number;
}

export type EscalationTarget =
  /** Whoever is on call in the schedule when the step fires (several people where co-on-call). */
  | { type: 'schedule'; schedule: string }
  | { type: 'people'; people: string[] }
  /** Every member of the team. */
  | { type: 'team'; team: string };

export interface EscalationStep {
  targets: EscalationTarget[];
  /** How long to wait for an acknowledgement before the next step fires. */
  waitMs: number;
}

export interface FinalStep {
  targets: EscalationTarget[];
}

export interface EscalationPolicy {
  name: string;
  description?: string;
  steps: EscalationStep[];
  /** Extra passes through all steps after the first (PagerDuty's "repeat this policy N times"). */
  repeat: number;
  /** Notified once after the last pass; escalation then stops and the page stays open. */
  finalStep: FinalStep | null;
  /** An acknowledgement older than this re-escalates from the first step; null = never expires. */
  ackTimeoutMs: number | null;
  origin: ConfigOrigin;
}

/** Highest `repeat` accepted; PagerDuty allows 9, Opsgenie 20. */
export const MAX_REPEAT = 20;
