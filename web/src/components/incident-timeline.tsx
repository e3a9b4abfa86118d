/** The incident timeline, oldest first; pinned entries (key moments) are marked. */
import type { TimelineEntry } from '../api/incidents.js';
import { formatClock, formatExact } from '../lib/format.js';

export function IncidentTimeline({ entries, timeZone }: { entries: TimelineEntry[]; timeZone: string }) {
  if (entries.length === 0) return <p class="muted">Nothing on the timeline yet.</p>;
  return (
    <ol class="feed" aria-label="Timeline, oldest first">
      {entries.map((e) => (
        <li key={e.id} class={e.pinned ? 'pinned' : ''}>
          <span class="meta">
            <time dateTime={new Date(e.at).toISOString()} title={formatExact(e.at, timeZone)}>
              {formatClock(e.at, timeZone)}
            </time>{' '}
            · {e.actor}
            {e.pinned && ' · key moment'}
          </span>
          <div>{e.message}</div>
        </li>
      ))}
    </ol>
  );
}
