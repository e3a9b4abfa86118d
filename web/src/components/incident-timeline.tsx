/**
 * The incident timeline, oldest first; pinned entries (key moments) are marked in words. Writers
 * get a button per entry to mark or unmark it as a key moment (the postmortem's key moments and
 * the Markdown timeline lead with them); the button names the entry it acts on for screen readers.
 */
import { incidentsApi, type TimelineEntry } from '../api/incidents.js';
import { formatClock, formatExact } from '../lib/format.js';
import { ErrorLine } from './error-line.js';
import { useWrite } from './incident-write.js';

/** `INC-3/7` -> `7`, the number the pin route takes. */
const seqOf = (entry: TimelineEntry): string => entry.id.slice(entry.id.lastIndexOf('/') + 1);

export function IncidentTimeline({ entries, timeZone, canPin = false, onChanged }: { entries: TimelineEntry[]; timeZone: string; canPin?: boolean; onChanged?(): void }) {
  const write = useWrite(() => onChanged?.());
  if (entries.length === 0) return <p class="muted">Nothing on the timeline yet.</p>;
  return (
    <>
      <ErrorLine error={write.error} />
      <ol class="feed" aria-label="Timeline, oldest first">
        {entries.map((e) => {
          const messageId = `entry-${e.id.replace(/[^A-Za-z0-9_-]/g, '-')}`;
          return (
            <li key={e.id} class={e.pinned ? 'pinned' : ''} data-entry={e.id}>
              <span class="meta">
                <time dateTime={new Date(e.at).toISOString()} title={formatExact(e.at, timeZone)}>
                  {formatClock(e.at, timeZone)}
                </time>{' '}
                · {e.actor}
                {e.pinned && ' · key moment'}
              </span>
              <div id={messageId}>{e.message}</div>
              {canPin && (
                <button
                  type="button"
                  class="pin"
                  aria-describedby={messageId}
                  // Not disabled while saving: a disabled button drops keyboard focus.
                  onClick={() => !write.busy && void write.run(() => incidentsApi.pin(e.incidentId, seqOf(e), !e.pinned))}
                >
                  {e.pinned ? 'Unmark key moment' : 'Mark as key moment'}
                </button>
              )}
            </li>
          );
        })}
      </ol>
    </>
  );
}
