/**
 * One incident: facts, notices, budget impact per SLO, severity and title changes, roles,
 * status, status-page updates and component overrides, notes, the live timeline with key
 * moments (reloaded on each `incident.changed` server-sent event for this incident), resolve,
 * the postmortem and the action items. Each section with its own writes is a component.
 */
import { useState } from 'preact/hooks';
import { incidentsApi, type IncidentStatus, type IncidentView } from '../api/incidents.js';
import { ActionForm, ActionTable } from '../components/action-items.js';
import { IncidentStatusBadge, SeverityBadge, statusWord } from '../components/incident-badges.js';
import { IncidentComponents } from '../components/incident-components.js';
import { IncidentImpactTable } from '../components/incident-impact.js';
import { IncidentRoles } from '../components/incident-roles.js';
import { IncidentSeverityForm } from '../components/incident-severity.js';
import { IncidentTimeline } from '../components/incident-timeline.js';
import { ErrorLine } from '../components/error-line.js';
import { useWrite } from '../components/incident-write.js';
import { RelativeTime } from '../components/time.js';
import { useLoader, useNow, useServerEvents } from '../lib/hooks.js';
import { navigate } from '../lib/router.js';
import { INCIDENT_STATUSES } from '../../../src/incidents/model.js';

const INCIDENT_EVENTS = ['incident.changed'];

async function loadIncident(id: string) {
  const [view, postmortems, actions] = await Promise.all([incidentsApi.show(id), incidentsApi.postmortems(), incidentsApi.actions({ incident: id })]);
  return { view, postmortem: postmortems.postmortems.find((p) => p.incidentId === id) ?? null, actions: actions.actions };
}

function StatusPageForm({ view, onDone }: { view: IncidentView; onDone(): void }) {
  const [body, setBody] = useState('');
  const [status, setStatus] = useState<IncidentStatus>(view.incident.status);
  const write = useWrite(onDone);
  return (
    <form
      class="form"
      aria-labelledby="sp-title"
      onSubmit={(e) => {
        e.preventDefault();
        void write.run(() => incidentsApi.statusUpdate(view.incident.id, body.trim(), status)).then((ok) => ok && setBody(''));
      }}
    >
      <h3 id="sp-title">Post a status-page update</h3>
      <label for="sp-body">
        Public text <span class="hint">(customers read this on /status; no internal detail)</span>
        <textarea id="sp-body" required rows={3} maxLength={5000} value={body} onInput={(e) => setBody(e.currentTarget.value)} />
      </label>
      <label for="sp-status">
        Status shown
        <select id="sp-status" value={status} onChange={(e) => setStatus(e.currentTarget.value as IncidentStatus)}>
          {INCIDENT_STATUSES.filter((s) => s !== 'resolved').map((s) => (
            <option key={s} value={s}>
              {statusWord(s)}
            </option>
          ))}
        </select>
      </label>
      <div class="actions">
        <button type="submit" class="primary" disabled={write.busy}>
          Post to status page
        </button>
      </div>
      <ErrorLine error={write.error} />
    </form>
  );
}

function NoteForm({ id, onDone }: { id: string; onDone(): void }) {
  const [text, setText] = useState('');
  const write = useWrite(onDone);
  return (
    <form
      class="actions"
      onSubmit={(e) => {
        e.preventDefault();
        void write.run(() => incidentsApi.note(id, text.trim())).then((ok) => ok && setText(''));
      }}
    >
      <label for="note-text" class="sr-only">
        Note for the timeline
      </label>
      <input id="note-text" required placeholder="Add a note to the timeline" size={50} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      <button type="submit" disabled={write.busy}>
        Add note
      </button>
      <ErrorLine error={write.error} />
    </form>
  );
}

export function IncidentDetailView({ id, timeZone, canWrite, me }: { id: string; timeZone: string; canWrite: boolean; me: string }) {
  const now = useNow();
  const loaded = useLoader(() => loadIncident(id), [id]);
  const data = loaded.data;
  const open = data ? data.view.incident.status !== 'resolved' : true;
  useServerEvents(INCIDENT_EVENTS, loaded.reload, { accept: (event) => event.incidentId === id, debounceMs: 200 });
  const write = useWrite(loaded.reload);
  const [closingNote, setClosingNote] = useState('');

  if (!data)
    return (
      <main id="main" class="content">
        <p>
          <a href="/incidents">← Incidents</a>
        </p>
        {loaded.error ? (
          <p class="error" role="alert">
            {loaded.error}
          </p>
        ) : (
          <p class="muted">Loading {id}…</p>
        )}
      </main>
    );
  const { incident, timeline, notices } = data.view;
  return (
    <main id="main" class="content">
      <p>
        <a href="/incidents">← Incidents</a>
      </p>
      <div class="title-row">
        <h1>
          {incident.id}: {incident.title}
        </h1>
        <span class="actions">
          <SeverityBadge severity={incident.severity} />
          <IncidentStatusBadge status={incident.status} />
        </span>
      </div>
      <ErrorLine error={loaded.error} />
      {data.view.severity && <p class="muted">{data.view.severity.label}</p>}
      <dl class="facts">
        <div><dt>Declared</dt><dd><RelativeTime at={incident.declaredAt} now={now} timeZone={timeZone} /> by {incident.declaredBy}</dd></div>
        <div><dt>Impact began</dt><dd><RelativeTime at={incident.startedAt} now={now} timeZone={timeZone} /></dd></div>
        {incident.source.type === 'page' && <div><dt>From page</dt><dd><a href="/pages">{incident.source.pageId}</a></dd></div>}
        {incident.services.length > 0 && <div><dt>Services</dt><dd>{incident.services.join(', ')}</dd></div>}
        {incident.slos.length > 0 && (
          <div>
            <dt>SLOs</dt>
            <dd>
              {incident.slos.map((s, i) => (
                <span key={s}>
                  {i > 0 && ', '}
                  <a href={`/slos/${encodeURIComponent(s)}`}>{s}</a>
                </span>
              ))}
            </dd>
          </div>
        )}
        {incident.resolvedAt !== null && <div><dt>Resolved</dt><dd><RelativeTime at={incident.resolvedAt} now={now} timeZone={timeZone} /></dd></div>}
      </dl>
      {notices.length > 0 && (
        // The live region wraps the list: role="status" on the <ul> itself would take away its list role.
        <div role="status" aria-label="Notices">
          <ul class="notice">
            {notices.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </div>
      )}
      <div class="two-col">
        <div>
          <section aria-labelledby="impact-title">
            <h2 id="impact-title">Budget impact</h2>
            <IncidentImpactTable incidentId={incident.id} version={incident.version} timeZone={timeZone} />
          </section>
          {canWrite && open && (
            <section aria-labelledby="severity-title">
              <h2 id="severity-title">Severity and title</h2>
              <IncidentSeverityForm incident={incident} onChanged={loaded.reload} />
            </section>
          )}
          <section aria-labelledby="roles-title">
            <h2 id="roles-title">Roles</h2>
            <IncidentRoles incident={incident} canWrite={canWrite} me={me} onChanged={loaded.reload} />
          </section>
          <section aria-labelledby="public-title">
            <h2 id="public-title">Status page</h2>
            {incident.publicUpdates.length === 0 ? (
              <p class="muted">Nothing posted publicly yet.</p>
            ) : (
              <ol class="feed" aria-label="Posted status-page updates">
                {incident.publicUpdates.map((u) => (
                  <li key={u.at}>
                    <span class="meta">
                      <RelativeTime at={u.at} now={now} timeZone={timeZone} /> · {statusWord(u.status)}
                    </span>
                    <div>{u.body}</div>
                  </li>
                ))}
              </ol>
            )}
            <p>
              <a href="/status" target="_blank" rel="noopener">
                Open the public status page
              </a>
            </p>
            {canWrite && open && <StatusPageForm view={data.view} onDone={loaded.reload} />}
            <h3 id="components-title">Affected components</h3>
            <IncidentComponents incident={incident} canWrite={canWrite} onChanged={loaded.reload} />
          </section>
          <section aria-labelledby="follow-title">
            <h2 id="follow-title">Postmortem and action items</h2>
            {data.postmortem ? (
              <p>
                <a href={`/postmortems/${encodeURIComponent(data.postmortem.id)}`}>
                  Postmortem {data.postmortem.id} ({data.postmortem.state.replace('_', ' ')})
                </a>
              </p>
            ) : canWrite ? (
              <p>
                <button
                  type="button"
                  disabled={write.busy}
                  onClick={() =>
                    void write.run(async () => {
                      const { postmortem } = await incidentsApi.createPostmortem(incident.id);
                      navigate(`/postmortems/${encodeURIComponent(postmortem.id)}`);
                    })
                  }
                >
                  Create postmortem
                </button>{' '}
                <span class="muted">prefilled with the summary, budget impact, key moments and participants</span>
              </p>
            ) : (
              <p class="muted">No postmortem yet.</p>
            )}
            <ActionTable items={data.actions} now={now} timeZone={timeZone} canWrite={canWrite} onChanged={loaded.reload} caption={`Action items from ${incident.id}`} />
            {canWrite && <ActionForm link={{ incidentId: incident.id }} defaultOwner={me} now={now} onCreated={loaded.reload} />}
          </section>
        </div>
        <section aria-labelledby="timeline-title">
          <h2 id="timeline-title">Timeline</h2>
          <p class="muted small">{open ? 'Updates live as things happen.' : 'Final.'}</p>
          {canWrite && <NoteForm id={incident.id} onDone={loaded.reload} />}
          <IncidentTimeline entries={timeline} timeZone={timeZone} canPin={canWrite} onChanged={loaded.reload} />
        </section>
      </div>
      {canWrite && open && (
        <section aria-labelledby="manage-title">
          <h2 id="manage-title">Status and resolution</h2>
          <div class="actions">
            {INCIDENT_STATUSES.filter((s) => s !== 'resolved' && s !== incident.status).map((s) => (
              <button key={s} type="button" disabled={write.busy} onClick={() => void write.run(() => incidentsApi.update(incident.id, { status: s }))}>
                Mark {statusWord(s).toLowerCase()}
              </button>
            ))}
          </div>
          <form
            class="form"
            onSubmit={(e) => {
              e.preventDefault();
              void write.run(() => incidentsApi.resolve(incident.id, closingNote.trim() || undefined));
            }}
          >
            <label for="resolve-note">
              Closing note <span class="hint">(optional)</span>
              <input id="resolve-note" value={closingNote} onInput={(e) => setClosingNote(e.currentTarget.value)} />
            </label>
            <div class="actions">
              <button type="submit" class="primary" disabled={write.busy}>
                Resolve incident
              </button>
            </div>
          </form>
        </section>
      )}
      <ErrorLine error={write.error} />
    </main>
  );
}
