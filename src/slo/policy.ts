/**
 * The default multi-window multi-burn-rate policy of the SRE workbook (chapter 5), with
 * factors derived from the SLO's period instead of hard-coded for 30 days:
 *   factor = budgetPercent/100 x periodMinutes / longMinutes
 * so a 28-day SLO pages at 13.44x rather than 14.4x for the same 2% of budget in an hour.
 */
import type { AlertPolicy, BurnRateWindow, SloWindow } from './model.js';

const MINUTES_PER_DAY = 24 * 60;

/** Nominal period length used to derive factors and budget minutes for calendar windows. */
export function nominalPeriodMinutes(window: SloWindow): number {
  if (window.type === 'rolling') return window.minutes;
  switch (window.unit) {
    case 'week':
      return 7 * MINUTES_PER_DAY;
    case 'month':
      return 30 * MINUTES_PER_DAY;
    case 'quarter':
      return 90 * MINUTES_PER_DAY;
  }
}

/** The burn rate at which `budgetPercent` of the period's budget is spent in `longMinutes`. */
export function deriveFactor(budgetPercent: number, periodMinutes: number, longMinutes: number): number {
  return ((budgetPercent / 100) * periodMinutes) / longMinutes;
}

/** Rows of the workbook's table, before factors are derived. */
export const DEFAULT_BURN_RATE_ROWS: ReadonlyArray<Omit<BurnRateWindow, 'factor'>> = [
  { severity: 'page', longMinutes: 60, shortMinutes: 5, budgetPercent: 2 },
  { severity: 'page', longMinutes: 6 * 60, shortMinutes: 30, budgetPercent: 5 },
  { severity: 'ticket', longMinutes: 24 * 60, shortMinutes: 2 * 60, budgetPercent: 10 },
  { severity: 'ticket', longMinutes: 3 * 24 * 60, shortMinutes: 6 * 60, budgetPercent: 10 },
];

export function defaultBurnRateWindows(window: SloWindow): BurnRateWindow[] {
  const period = nominalPeriodMinutes(window);
  return DEFAULT_BURN_RATE_ROWS.map((row) => ({
    ...row,
    factor: deriveFactor(row.budgetPercent, period, row.longMinutes),
  }));
}

/** Defaults for the guards beyond the workbook's table. */
export const DEFAULT_MIN_EVENTS = 10;
export const DEFAULT_NO_DATA_MINUTES = 30;

export function defaultAlertPolicy(sloName: string, window: SloWindow): AlertPolicy {
  return {
    name: alertNameFor(sloName),
    windows: defaultBurnRateWindows(window),
    minEvents: DEFAULT_MIN_EVENTS,
    noDataMinutes: DEFAULT_NO_DATA_MINUTES,
    budgetExhausted: true,
    runbooks: {},
    labels: {},
    annotations: {},
    disabled: [],
  };
}

/** `checkout-availability` -> `CheckoutAvailability`, a valid Prometheus alert name. */
export function alertNameFor(sloName: string): string {
  const camel = sloName
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
  return /^[A-Za-z_]/.test(camel) ? camel : `Slo${camel}`;
}

/** The highest burn rate an objective allows: everything failing. */
export function maxBurnRate(objective: number): number {
  return 1 / (1 - objective);
}
