/** Formatting shared by the backtest and report output. */
import { formatWindow } from '../alerting/evaluate/index.js';
import type { SloWindow } from '../slo/model.js';

/** RFC 3339 in UTC without redundant milliseconds: 2026-03-01T12:00:00Z. */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

export function describeSloWindow(window: SloWindow): string {
  return window.type === 'rolling' ? formatWindow(window.minutes) : `calendar ${window.unit} (${window.timeZone})`;
}

/**
 * The fields every JSON row starts with, SLO or composite (a composite passes its components'
 * service).
 */
export function rowIdentityJson(target: { name: string; objective: number; window: SloWindow }, service: string): { name: string; service: string; objective: number; window: string } {
  return { name: target.name, service, objective: objectivePercent(target.objective), window: describeSloWindow(target.window) };
}

/** 99.9 for 0.999, without float noise (0.9995 -> 99.95). */
export function objectivePercent(objective: number): number {
  return Math.round(objective * 100 * 1e6) / 1e6;
}

export function percent(fraction: number | null, digits = 1): string {
  return fraction === null ? 'n/a' : `${(fraction * 100).toFixed(digits)}%`;
}

/** 93 -> "1h 33m", 3000 -> "2d 2h". */
export function humanMinutes(minutes: number): string {
  const m = Math.round(minutes);
  if (m < 60) return `${m}m`;
  if (m < 1440) return `${Math.floor(m / 60)}h${m % 60 ? ` ${m % 60}m` : ''}`;
  const h = Math.floor((m % 1440) / 60);
  return `${Math.floor(m / 1440)}d${h ? ` ${h}h` : ''}`;
}

/** Left-aligned text table with two spaces between columns. */
export function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd());
}
