/**
 * An incident's impact in error-budget terms, from the same per-minute SLI counts and budget
 * formulas the alerting uses (src/slo/math).
 *
 * Share consumed = what the incident's minutes spent / the budget of the SLO window that ends
 * when the incident ends (or now, while it is open). For event-based budgets the allowance is
 * (1 - objective) x all events in that window; for timeslice budgets it is the number of bad
 * slices the period allows.
 *
 * Detection starts at the first bad minute: walking back from the page (or the declared
 * start), the start of the run of minutes whose error ratio exceeded what the objective allows,
 * tolerating short good gaps. A stray bad minute hours earlier is not the start of this incident.
 */
import type { Budgeting, SloWindow } from '../slo/model.js';
import { MS_PER_MINUTE, minuteOf, windowBounds, windowMinutes, type MinuteCountsView } from '../slo/math/index.js';
import type { Incident } from './model.js';

export interface ImpactSlo {
  name: string;
  displayName?: string;
  objective: number;
  window: SloWindow;
  budgeting: Budgeting;
}

export interface SloSeries {
  slo: ImpactSlo;
  /** Must cover the SLO window ending at the incident end, plus the detection look-back. */
  counts: MinuteCountsView;
}

export interface SloImpact {
  slo: string;
  windowLabel: string;
  /** Share of the window's budget this incident spent: 0.37 = 37%. */
  consumed: number;
  badEvents: number;
  totalEvents: number;
  firstBadAt: number | null;
  sentence: string;
}

export interface IncidentImpact {
  /** Earliest of the declared start and the first bad minute of any affected SLO. */
  impactStartedAt: number;
  endedAt: number;
  ongoing: boolean;
  durationMinutes: number;
  /** First bad minute -> page; null without a page or without a bad minute. */
  detectionMinutes: number | null;
  /** Page -> acknowledgement. */
  acknowledgeMinutes: number | null;
  /** Impact start -> mitigation (status monitoring). */
  mitigateMinutes: number | null;
  slos: SloImpact[];
  /** Largest share consumed across the affected SLOs (0 when none). */
  maxConsumed: number;
}

export interface ImpactOptions {
  /** How far before the page to look for the first bad minute (default 6 h). */
  lookbackMinutes?: number;
  /** Good minutes tolerated inside a bad run (default 5). */
  gapMinutes?: number;
}

export type ImpactIncident = Pick<Incident, 'startedAt' | 'pagedAt' | 'acknowledgedAt' | 'mitigatedAt' | 'resolvedAt'>;

export function computeIncidentImpact(incident: ImpactIncident, series: readonly SloSeries[], now: number, options: ImpactOptions = {}): IncidentImpact {
  const endedAt = incident.resolvedAt ?? now;
  const anchor = incident.pagedAt ?? incident.startedAt;
  const firstBad = series.map((s) => firstBadMinuteBefore(s, anchor, options));
  const knownBad = firstBad.filter((m): m is number => m !== null).map((m) => m * MS_PER_MINUTE);
  const impactStartedAt = Math.min(incident.startedAt, ...knownBad);
  const slos = series.map((s, i) => sloImpact(s, impactStartedAt, endedAt, firstBad[i] ?? null));
  const earliestBad = knownBad.length > 0 ? Math.min(...knownBad) : null;
  const minutes = (from: number | null, to: number | null): number | null => (from === null || to === null ? null : Math.max(0, (to - from) / MS_PER_MINUTE));
  return {
    impactStartedAt,
    endedAt,
    ongoing: incident.resolvedAt === null,
    durationMinutes: Math.max(0, (endedAt - impactStartedAt) / MS_PER_MINUTE),
    detectionMinutes: minutes(earliestBad, incident.pagedAt),
    acknowledgeMinutes: minutes(incident.pagedAt, incident.acknowledgedAt),
    mitigateMinutes: minutes(impactStartedAt, incident.mitigatedAt),
    slos,
    maxConsumed: Math.max(0, ...slos.map((s) => s.consumed)),
  };
}

function sloImpact(s: SloSeries, fromMs: number, toMs: number, firstBadMinute: number | null): SloImpact {
  const { slo, counts } = s;
  const fromMinute = minuteOf(fromMs);
  const toMinute = Math.max(fromMinute, Math.ceil(toMs / MS_PER_MINUTE));
  const spent = counts.sum(fromMinute, toMinute);
  const bounds = windowBounds(slo.window, toMs);
  const allowed = 1 - slo.objective;
  const b = slo.budgeting;
  let consumed: number;
  if (b.method === 'occurrences') {
    const win = windowMinutes(slo.window, toMs, bounds);
    const windowTotal = counts.sum(win.fromMinute, win.toMinute).total;
    consumed = windowTotal > 0 ? (spent.total - spent.good) / (allowed * windowTotal) : 0;
  } else {
    const sliceFrom = Math.floor(fromMinute / b.sliceMinutes) * b.sliceMinutes;
    const tally = counts.slices(sliceFrom, toMinute, b.sliceMinutes, b.method === 'timeslices' ? b.sliceTarget : 1);
    const slicesInPeriod = bounds.periodMinutes / b.sliceMinutes;
    const spentSlices = b.method === 'timeslices' ? tally.badSlices : tally.slicesWithData - tally.ratioSum;
    consumed = spentSlices / (allowed * slicesInPeriod);
  }
  const windowLabel = describeWindow(slo.window);
  const name = slo.displayName ?? slo.name;
  return {
    slo: slo.name,
    windowLabel,
    consumed,
    badEvents: spent.total - spent.good,
    totalEvents: spent.total,
    firstBadAt: firstBadMinute === null ? null : firstBadMinute * MS_PER_MINUTE,
    sentence: `consumed ${formatShare(consumed)} of the ${name} SLO's ${windowLabel} budget`,
  };
}

/** Start minute of the bad run ending at or before `anchorMs`, or null when none is near. */
export function firstBadMinuteBefore(s: SloSeries, anchorMs: number, options: ImpactOptions = {}): number | null {
  const lookback = options.lookbackMinutes ?? 360;
  const gap = options.gapMinutes ?? 5;
  const allowed = 1 - s.slo.objective;
  const anchor = minuteOf(anchorMs);
  let first: number | null = null;
  let goodRun = 0;
  for (let m = anchor; m >= anchor - lookback; m--) {
    const { good, total } = s.counts.sum(m, m + 1);
    const bad = total > 0 && (total - good) / total > allowed;
    if (bad) {
      first = m;
      goodRun = 0;
    } else if (first !== null && ++goodRun > gap) break;
    else if (first === null && anchor - m > gap) break;
  }
  return first;
}

export function describeWindow(window: SloWindow): string {
  if (window.type === 'calendar') return window.unit === 'week' ? 'weekly' : window.unit === 'month' ? 'monthly' : 'quarterly';
  const m = window.minutes;
  if (m % 1440 === 0) return `${m / 1440}-day`;
  if (m % 60 === 0) return `${m / 60}-hour`;
  return `${m}-minute`;
}

/** 0.372 -> "37%", 0.004 -> "0.4%". */
export function formatShare(share: number): string {
  const pct = share * 100;
  if (pct > 0 && pct < 1) return `${pct.toFixed(1)}%`;
  return `${Math.round(pct)}%`;
}
