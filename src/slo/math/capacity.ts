import type { Slo } from '../model.js';
import { nominalPeriodMinutes } from '../policy.js';
import { MINUTES_PER_DAY } from './budget.js';

/** Extra minutes kept beyond the longest window, so late samples still land. */
export const LATE_DATA_MARGIN_MINUTES = 60;

/**
 * Minutes of history an SLO's evaluation reads: its window (a calendar quarter can reach 92
 * days), its policy's longest alert window, and the no-data gap, plus a margin for late data.
 */
export function countsCapacityFor(slo: Pick<Slo, 'window' | 'alerting'>): number {
  const windowMinutes = slo.window.type === 'rolling' ? slo.window.minutes : calendarMaxMinutes(slo.window.unit);
  const longestAlert = Math.max(0, ...slo.alerting.windows.map((w) => Math.max(w.longMinutes, w.shortMinutes)));
  return Math.max(windowMinutes, longestAlert, slo.alerting.noDataMinutes ?? 0) + LATE_DATA_MARGIN_MINUTES;
}

function calendarMaxMinutes(unit: 'week' | 'month' | 'quarter'): number {
  // The longest real period: a DST week has 169 hours, months 31 days, quarters 92 days.
  const nominal = nominalPeriodMinutes({ type: 'calendar', unit, timeZone: 'UTC' });
  return unit === 'week' ? nominal + 60 : unit === 'month' ? 31 * MINUTES_PER_DAY + 60 : 92 * MINUTES_PER_DAY + 60;
}
