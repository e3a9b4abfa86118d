/**
 * Burn rates of one alert-policy row at one moment. Defined here, beside the math, so SLO
 * evaluation (src/alerting/evaluate, which re-exports it) and composite evaluation
 * (composite.ts: weighted burn rates) share one shape without math importing alerting.
 */
import type { AlertSeverity } from '../model.js';

export interface WindowBurn {
  severity: AlertSeverity;
  longMinutes: number;
  shortMinutes: number;
  factor: number;
  /** Burn rates over the long and short windows (for a composite: its components', weighted). */
  longBurnRate: number;
  shortBurnRate: number;
  /** Events in each window (a composite's: all components'): a window below the policy's minEvents cannot fire. */
  longTotal: number;
  shortTotal: number;
  /** Both windows above the factor, both with enough events. */
  exceeded: boolean;
}
