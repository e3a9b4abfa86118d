/** Incidents: the list (open first) and declaring one by hand with the severity rubric beside the choice. */
import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.js';
import { incidentsApi } from '../api/incidents.js';
import { IncidentStatusBadge, SeverityBadge } from '../components/incident-badges.js';
import { SeverityPicker } from '../components/severity-picker.js';
import { RelativeTime } from '../components/time.js';
import { useLoader, useNow, useServerEvents } from '../lib/hooks.js';
import { navigate } from '../lib/router.js';
import { ErrorLine } from '../components/error-line.js';

const INCIDENT_EVENTS = ['incident.changed'];

const list = (text: string): string[] => text.split(',').map((s) => s.trim()).filter(Boolean);

function DeclareForm({ severities }: { severities: Awaited<ReturnType<typeof incidentsApi.severities>>['severities'] }) {
  const [title, setTitle] = useState('');
  const [severity, setSeverity] = useState(severities[1]?.id ?? severities[0]?.id ?? '');
  const [services, setServices] = useState('');
  const [slos, setSlos] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { incident } = await incidentsApi.declare({ title: title.trim(), severity, services: list(services), slos: list(slos) });
      navigate(`/incidents/${encodeURIComponent(incident.id)}`);
    } catch (err: unknown) {
      setError(err instanceof ApiError ? err.message : 'Could not declare the incident; reload the page and try again.');
      setBusy(false);
    }
  };
  return (
    <form class="form" onSubmit={(e) => void submit(e)} aria-labelledby="declare-title">
      <h2 id="declare-title">Declare an incident</h2>
      <label for="inc-title">
        Title <span class="hint">(what is broken, for whom)</span>
        <input id="inc-title" required maxLength={1000} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
      </label>
      <SeverityPicker id="inc-severity" severities={severities} value={severity} onChange={setSeverity} />
      <div class="row">
        <label for="inc-services">
          Services <span class="hint">(comma-separated, optional)</span>
          <input id="inc-services" value={services} onInput={(e) => setServices(e.currentTarget.value)} />
        </label>
        <label for="inc-slos">
          SLOs measuring the impact <span class="hint">(comma-separated, optional)</span>
          <input id="inc-slos" value={slos} onInput={(e) => setSlos(e.currentTarget.value)} />
        </label>
      </div>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          Declare incident
        </button>
      </div>
      <ErrorLine error={error} />
    </form>
  );
}

export function IncidentsView({ timeZone, canWrite }: { timeZone: string; canWrite: boolean }) {
  const now = useNow();
  const loaded = useLoader(() => Promise.all([incidentsApi.list(), incidentsApi.severities()]), []);
  useServerEvents(INCIDENT_EVENTS, loaded.reload);
  const [answer, severities] = loaded.data ?? [null, null];
  const incidents = answer?.incidents ?? null;
  const [declaring, setDeclaring] = useState(false);
  const sorted = incidents ? [...incidents].sort((a, b) => Number(a.status === 'resolved') - Number(b.status === 'resolved') || b.declaredAt - a.declaredAt) : [];
  return (
    <main id="main" class="content">
      <div class="title-row">
        <h1>Incidents</h1>
        {canWrite && severities && (
          <button type="button" aria-expanded={declaring} onClick={() => setDeclaring((d) => !d)}>
            {declaring ? 'Cancel' : 'Declare an incident'}
          </button>
        )}
      </div>
      <p class="subnav">
        <a href="/actions">Action items and the follow-through report</a>
        <span class="muted">Declare from a page on the Pages view to carry over its SLO and times.</span>
      </p>
      <ErrorLine error={loaded.error} />
      {declaring && severities && <DeclareForm severities={severities.severities} />}
      {incidents && incidents.length === 0 && <p class="empty">No incidents yet. When an SLO page needs more than one responder, declare an incident from the page or here.</p>}
      {sorted.length > 0 && (
        <table>
          <caption class="sr-only">Incidents, open first, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Incident</th>
              <th scope="col">Severity</th>
              <th scope="col">Status</th>
              <th scope="col">Commander</th>
              <th scope="col">Declared</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((i) => (
              <tr key={i.id}>
                <th scope="row">
                  <a href={`/incidents/${encodeURIComponent(i.id)}`}>
                    {i.id}: {i.title}
                  </a>
                </th>
                <td>
                  <SeverityBadge severity={i.severity} />
                </td>
                <td>
                  <IncidentStatusBadge status={i.status} />
                </td>
                <td>{i.roles.commander ?? <span class="bad-text">nobody yet</span>}</td>
                <td>
                  <RelativeTime at={i.declaredAt} now={now} timeZone={timeZone} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
