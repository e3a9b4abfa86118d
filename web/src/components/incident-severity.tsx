/**
 * Change an open incident's severity and title, with the rubric beside the choice. The fields
 * follow the incident (changes arriving live show up) until the user edits them; only what
 * changed is sent, and the server writes the change on the timeline.
 */
import { useState } from 'preact/hooks';
import { incidentsApi, type Incident } from '../api/incidents.js';
import { useLoader } from '../lib/hooks.js';
import { ErrorLine } from './error-line.js';
import { useWrite } from './incident-write.js';
import { SeverityPicker } from './severity-picker.js';

export function IncidentSeverityForm({ incident, onChanged }: { incident: Incident; onChanged(): void }) {
  const severities = useLoader(() => incidentsApi.severities(), []);
  // null = not edited: show the incident's current value.
  const [severity, setSeverity] = useState<string | null>(null);
  const [title, setTitle] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const write = useWrite(onChanged);
  const chosen = severity ?? incident.severity;
  const typed = title ?? incident.title;
  const change = {
    ...(chosen !== incident.severity ? { severity: chosen } : {}),
    ...(typed.trim() !== incident.title ? { title: typed.trim() } : {}),
  };
  const changed = Object.keys(change).length > 0;

  if (!severities.data) return severities.error ? <ErrorLine error={severities.error} /> : <p class="muted">Loading severities…</p>;
  return (
    <form
      class="form"
      aria-label="Change severity or title"
      onSubmit={(e) => {
        e.preventDefault();
        if (!changed) return;
        setSaved(null);
        void write
          .run(async () => {
            const answer = await incidentsApi.update(incident.id, change);
            setSaved(answer.entries.map((entry) => entry.message).join('; ') || 'Nothing changed.');
          })
          .then((ok) => {
            if (!ok) return;
            setSeverity(null);
            setTitle(null);
          });
      }}
    >
      <label for="inc-title-change">
        Title
        <input id="inc-title-change" required maxLength={200} value={typed} onInput={(e) => setTitle(e.currentTarget.value)} />
      </label>
      <SeverityPicker id="inc-severity-change" severities={severities.data.severities} value={chosen} onChange={setSeverity} />
      <div class="actions">
        <button type="submit" class="primary" disabled={write.busy || !changed}>
          Save severity and title
        </button>
      </div>
      {saved && (
        <p class="success" role="status">
          {saved}
        </p>
      )}
      <ErrorLine error={write.error} />
    </form>
  );
}
