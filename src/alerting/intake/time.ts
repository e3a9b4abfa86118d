/** RFC 3339 timestamps from senders to Unix milliseconds. */

// Go's zero time: Alertmanager sends it as `endsAt` of alerts with no known end.
const GO_ZERO_TIME_MS = Date.parse('0001-01-01T00:00:00Z');

/** Unix ms, or null for absent values and Go's zero time; NaN for unparseable text. */
export function parseTimestamp(text: string | undefined | null): number | null {
  if (text === undefined || text === null || text === '') return null;
  const ms = Date.parse(text);
  if (ms === GO_ZERO_TIME_MS) return null;
  return ms;
}

export function isTimestamp(text: string): boolean {
  return !Number.isNaN(Date.parse(text));
}
