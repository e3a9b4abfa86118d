/**
 * Alert state carried from one evaluation to the next. Plain data (JSON-serialisable), so the
 * server can persist it and the backtest can keep it in memory.
 */
import type { AlertKind } from '../../slo/model.js';
import type { BudgetStatus, WindowBurn } from '../../slo/math/index.js';

export interface FiringAlert {
  /** When the alert fired (epoch ms). */
  firedAtMs: number;
}

export interface AlertState {
  /** Alerts currently firing, by kind. */
  firing: Partial<Record<AlertKind, FiringAlert>>;
  /**
   * Cached calendar period [startMs, endMs) of the SLO window, so the time-zone arithmetic runs
   * once per period, not once per evaluation. Absent for rolling windows.
   */
  period?: { startMs: number; endMs: number };
}

export function initialAlertState(): AlertState {
  return { firing: {} };
}

/** Burn rates of one policy row at one moment (src/slo/math/window-burn.ts). */
export type { WindowBurn };

export interface AlertTransition {
  kind: AlertKind;
  change: 'fired' | 'resolved';
  /** Evaluation time at which the change was seen (epoch ms). */
  atMs: number;
  /** For page/ticket: the rows of that severity, with the burn rates that caused the change. */
  burnRates: WindowBurn[];
  /** Remaining budget fraction at the time (drives budgetExhausted). */
  remaining: number;
  /** One line for humans, e.g. "1h burn 20.1x and 5m burn 31.0x above 13.44x". */
  reason: string;
}

/** The most urgent condition: page > exhausted > ticket > noData > ok. */
export type SloStatus = 'page' | 'exhausted' | 'ticket' | 'noData' | 'ok';

export interface SloEvaluation {
  atMs: number;
  state: AlertState;
  transitions: AlertTransition[];
  /** One entry per enabled policy row, in policy order. */
  windows: WindowBurn[];
  budget: BudgetStatus;
  /** No events in the last `noDataMinutes` (false when the guard is disabled). */
  noData: boolean;
  status: SloStatus;
}
