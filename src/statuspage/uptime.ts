/**
 * Uptime bars from SLI data (not from incidents, which miss whatever nobody declared).
 * Days are UTC calendar days; the newest bar is today so far. For a component with several
 * SLOs, each day shows its worst SLO that day: one broken journey is an outage for the people
 * on it, however healthy the rest were.
 */
import { MS_PER_MINUTE, type MinuteCountsView } from '../slo/math/index.js';

const DAY_MS = 86_400_000;

export interface DailyCounts {
  /** UTC midnight starting the day. */
  dayStartMs: number;
  good: number;
  total: number;
}

export interface SloDaily {
  objective: number;
  days: DailyCounts[];
}

export type UptimeLevel = 'operational' | 'degraded' | 'outage' | 'nodata';

export interface UptimeDay {
  date: string;
  level: UptimeLevel;
  /** Good/total of the day's worst SLO; null without events. */
  sli: number | null;
  good: number;
  total: number;
  /** Tooltip and screen-reader text for the bar. */
  label: string;
}

export interface ComponentUptime {
  /** Good/total over all shown days (of each day's worst SLO); null without events. */
  percent: number | null;
  days: UptimeDay[];
}

export function utcDayStart(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** The last `days` UTC days of one SLO's minute counts, oldest first (today partly elapsed). */
export function dailyCountsFromMinutes(counts: MinuteCountsView, now: number, days: number): DailyCounts[] {
  const today = utcDayStart(now);
  const out: DailyCounts[] = [];
  for (let d = days - 1; d >= 0; d--) {
    const start = today - d * DAY_MS;
    const { good, total } = counts.sum(start / MS_PER_MINUTE, (start + DAY_MS) / MS_PER_MINUTE);
    out.push({ dayStartMs: start, good, total });
  }
  return out;
}

/** An error ratio ten times what the objective allows is an outage; anything over the allowance is degraded. */
export function uptimeLevel(sli: number | null, objective: number): UptimeLevel {
  if (sli === null) return 'nodata';
  if (sli >= objective) return 'operational';
  return 1 - sli > 10 * (1 - objective) ? 'outage' : 'degraded';
}

/** Floors, so 99.999% never shows as 100.00%. */
export function formatPercent(fraction: number): string {
  return `${(Math.floor(fraction * 10_000) / 100).toFixed(2)}%`;
}

export function componentUptime(slos: readonly SloDaily[], now: number, days: number): ComponentUptime {
  const today = utcDayStart(now);
  const byDay = slos.map((s) => new Map(s.days.map((d) => [d.dayStartMs, d])));
  const out: UptimeDay[] = [];
  let good = 0;
  let total = 0;
  for (let d = days - 1; d >= 0; d--) {
    const start = today - d * DAY_MS;
    const date = new Date(start).toISOString().slice(0, 10);
    let pick: { counts: DailyCounts; objective: number; sli: number } | null = null;
    slos.forEach((s, i) => {
      const counts = byDay[i]!.get(start);
      if (!counts || counts.total <= 0) return;
      const sli = counts.good / counts.total;
      if (pick === null || sli < pick.sli) pick = { counts, objective: s.objective, sli };
    });
    const chosen = pick as { counts: DailyCounts; objective: number; sli: number } | null;
    if (chosen === null) {
      out.push({ date, level: 'nodata', sli: null, good: 0, total: 0, label: `${date}: no data` });
      continue;
    }
    good += chosen.counts.good;
    total += chosen.counts.total;
    const level = uptimeLevel(chosen.sli, chosen.objective);
    const words = level === 'operational' ? 'no issues' : level === 'degraded' ? 'degraded' : 'outage';
    out.push({
      date,
      level,
      sli: chosen.sli,
      good: chosen.counts.good,
      total: chosen.counts.total,
      label: `${date}: ${formatPercent(chosen.sli)} good of ${chosen.counts.total.toLocaleString('en-US')} events (${words}; objective ${formatPercent(chosen.objective)})`,
    });
  }
  return { percent: total > 0 ? good / total : null, days: out };
}
