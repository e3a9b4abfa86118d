/** Number and time formatting for the console. Pure: every function takes `now` and the zone. */

export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

// Creating an Intl.DateTimeFormat costs far more than using one: 1,000 rows share a few.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(kind: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${kind}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat('en-GB', { timeZone, ...options })));
  return f;
}

/** "27 Nov 2026, 13:05:12 CET": the viewer's zone, named. */
export function formatExact(at: number, timeZone: string): string {
  return formatter('exact', timeZone, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'short',
  }).format(at);
}

/** "13:05" in the viewer's zone (chart axis labels). */
export function formatClock(at: number, timeZone: string): string {
  return formatter('clock', timeZone, { hour: '2-digit', minute: '2-digit' }).format(at);
}

/** "3 Nov" in the viewer's zone (chart axis labels over days). */
export function formatDay(at: number, timeZone: string): string {
  return formatter('day', timeZone, { day: 'numeric', month: 'short' }).format(at);
}

const UNITS: Array<[limitMs: number, unitMs: number, unit: string]> = [
  [60 * 60_000, 60_000, 'min'],
  [48 * 3_600_000, 3_600_000, 'h'],
  [Number.POSITIVE_INFINITY, 86_400_000, 'd'],
];

/** "12 min ago", "in 3 h", "just now". */
export function formatRelative(at: number, now: number): string {
  const delta = at - now;
  const abs = Math.abs(delta);
  if (abs < 60_000) return 'just now';
  const [, unitMs, unit] = UNITS.find(([limit]) => abs < limit)!;
  const n = Math.round(abs / unitMs);
  return delta < 0 ? `${n} ${unit} ago` : `in ${n} ${unit}`;
}

/** Budget remaining as a percentage; overspent budgets go negative. */
export function formatPercent(fraction: number, digits = 1): string {
  return `${(fraction * 100).toFixed(digits)}%`;
}

/** SLO objective, trimmed: 0.999 -> "99.9%", 0.99 -> "99%". */
export function formatObjective(objective: number): string {
  return `${Number((objective * 100).toFixed(4))}%`;
}

/** Burn rate: "14.3×", "0.02×", "–" when no data. */
export function formatBurn(rate: number | null): string {
  if (rate === null || !Number.isFinite(rate)) return '–';
  if (rate === 0) return '0×';
  if (rate < 0.1) return `${rate.toFixed(2)}×`;
  return `${rate < 10 ? rate.toFixed(1) : Math.round(rate)}×`;
}

/** Alert thresholds keep their precision: 13.44 -> "13.44×", 6 -> "6×". */
export function formatThreshold(factor: number): string {
  return `${Number(factor.toFixed(2))}×`;
}

export type SloWindow = { type: 'rolling'; minutes: number } | { type: 'calendar'; unit: string; timeZone: string };

export function formatSloWindow(window: SloWindow): string {
  if (window.type === 'calendar') return `calendar ${window.unit} (${window.timeZone})`;
  const m = window.minutes;
  if (m % 1440 === 0) return `rolling ${m / 1440}d`;
  if (m % 60 === 0) return `rolling ${m / 60}h`;
  return `rolling ${m}m`;
}
