import { formatExact, formatRelative } from '../lib/format.js';

/** "12 min ago", with the exact time in the viewer's zone on hover and for screen readers. */
export function RelativeTime({ at, now, timeZone }: { at: number; now: number; timeZone: string }) {
  const exact = formatExact(at, timeZone);
  return (
    <time dateTime={new Date(at).toISOString()} title={exact} aria-label={`${formatRelative(at, now)} (${exact})`}>
      {formatRelative(at, now)}
    </time>
  );
}
