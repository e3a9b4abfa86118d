/**
 * Duration text in SLO files: `5m`, `1h`, `28d`, `2w` for windows (whole minutes) and `300ms`,
 * `0.5s` for latency thresholds (seconds). Parsing returns a value or a message that says what
 * to write instead, so callers can attach it to the offending node.
 */

const MINUTES: Record<string, number> = { m: 1, h: 60, d: 24 * 60, w: 7 * 24 * 60 };
const SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const DURATION = /^(\d+(?:\.\d+)?)([A-Za-z]+)$/;

/** `28d` -> 40320. `units` limits which units are accepted (all of m, h, d, w by default). */
export function parseMinutes(text: string, units: readonly string[] = ['m', 'h', 'd', 'w']): Parsed<number> {
  const match = DURATION.exec(text.trim());
  if (!match) {
    return { ok: false, message: `"${text}" is not a duration; write a whole number and a unit (${units.join(', ')}), e.g. 28d or 5m` };
  }
  const [, amount, unit] = match;
  if (!units.includes(unit!) || MINUTES[unit!] === undefined) {
    return { ok: false, message: `unknown duration unit "${unit}" in "${text}"; use ${describeUnits(units)}` };
  }
  const minutes = Number(amount) * MINUTES[unit!]!;
  if (!Number.isInteger(minutes) || minutes <= 0) {
    return { ok: false, message: `"${text}" must be a positive whole number of minutes, e.g. 5m or 1h` };
  }
  return { ok: true, value: minutes };
}

/** `300ms` -> 0.3, `1.5s` -> 1.5. */
export function parseSeconds(text: string): Parsed<number> {
  const match = DURATION.exec(text.trim());
  if (!match) return { ok: false, message: `"${text}" is not a duration; write a number and a unit, e.g. 300ms or 1.5s` };
  const [, amount, unit] = match;
  const factor = SECONDS[unit!];
  if (factor === undefined) return { ok: false, message: `unknown duration unit "${unit}" in "${text}"; use ms, s, m or h, e.g. 300ms` };
  const seconds = Number(amount) * factor;
  if (seconds <= 0) return { ok: false, message: `"${text}" must be greater than zero` };
  return { ok: true, value: Number(seconds.toPrecision(12)) };
}

function describeUnits(units: readonly string[]): string {
  const names: Record<string, string> = { m: 'm (minutes)', h: 'h (hours)', d: 'd (days)', w: 'w (weeks)' };
  return units.map((u) => names[u] ?? u).join(', ') + ', e.g. 28d';
}

/** Minutes back to the shortest exact text: 40320 -> `28d`, 90 -> `90m`. */
export function formatMinutes(minutes: number): string {
  if (minutes % (24 * 60) === 0) return `${minutes / (24 * 60)}d`;
  if (minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}
