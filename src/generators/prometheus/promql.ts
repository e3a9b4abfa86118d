/**
 * Small helpers that keep generated PromQL readable: numbers without float noise
 * (0.001, not 0.0010000000000000009), durations in one unit (28d, 90m), label matchers.
 */

/** Rounds away binary float noise; 12 significant digits keep every meaningful digit of an SLO. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`cannot format ${value} as a PromQL number`);
  return String(Number(value.toPrecision(12)));
}

/** Whole minutes as a Prometheus duration in the largest unit that divides them: 1440 -> `1d`. */
export function formatDuration(minutes: number): string {
  if (!Number.isInteger(minutes) || minutes <= 0) {
    throw new RangeError(`window of ${minutes} minutes is not a positive whole number of minutes`);
  }
  if (minutes % 1440 === 0) return `${minutes / 1440}d`;
  if (minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}

/** Words for descriptions: 40320 -> `28 days`, 60 -> `1 hour`. */
export function describeDuration(minutes: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (minutes % 1440 === 0) return plural(minutes / 1440, 'day');
  if (minutes % 60 === 0) return plural(minutes / 60, 'hour');
  return plural(minutes, 'minute');
}

/** A PromQL double-quoted string literal. */
export function quoteLabelValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** `{a="1",b="2"}` with keys in a stable order. */
export function labelMatchers(labels: Record<string, string>): string {
  const parts = Object.keys(labels)
    .sort()
    .map((name) => `${name}=${quoteLabelValue(labels[name]!)}`);
  return `{${parts.join(',')}}`;
}

const WINDOW_PLACEHOLDER = /\{\{\s*\.window\s*\}\}/g;

export function hasWindowPlaceholder(query: string): boolean {
  return new RegExp(WINDOW_PLACEHOLDER.source).test(query);
}

/** Sloth's `{{.window}}` placeholder replaced by a range such as `5m`. */
export function substituteWindow(query: string, minutes: number): string {
  return query.replace(WINDOW_PLACEHOLDER, formatDuration(minutes));
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function isValidLabelName(name: string): boolean {
  return LABEL_NAME.test(name) && !name.startsWith('__');
}

/** Alert names follow the metric-name grammar (colons aside). */
export function isValidAlertName(name: string): boolean {
  return /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name);
}
