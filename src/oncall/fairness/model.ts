import type { FairnessSettings, TimeRange } from '../schedule/model.js';

/**
 * An approved, recorded exception to the fairness rule for one person on one schedule.
 * Without `maxShare` any share is allowed until `until`; with it, the person's limit is raised
 * to that share.
 */
export interface FairnessException {
  person: string;
  schedule: string;
  approvedBy: string;
  reason: string;
  /** Epoch ms; the exception covers windows starting before it. */
  until: number;
  maxShare?: number;
}

export interface FairnessOptions extends Partial<FairnessSettings> {
  /** The period examined; defaults to the span of the shifts given. */
  range?: TimeRange;
}

/** The busiest `horizonDays` window of one person. */
export interface BusiestWindow {
  person: string;
  start: number;
  end: number;
  hours: number;
  share: number;
}

export interface FairnessViolation extends BusiestWindow {
  schedule: string;
  limitShare: number;
  message: string;
}

export interface AllowedByException extends FairnessViolation {
  exception: FairnessException;
}

export interface FairnessWarning {
  schedule: string;
  layer?: string;
  message: string;
}

export interface FairnessReport {
  schedule: string;
  settings: FairnessSettings;
  range: TimeRange;
  /** Busiest window per person, busiest first. */
  busiest: BusiestWindow[];
  violations: FairnessViolation[];
  allowedByException: AllowedByException[];
  warnings: FairnessWarning[];
}
