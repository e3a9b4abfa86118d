/**
 * The postmortem editor: each section prefilled by the server from the incident (summary,
 * impact, key moments, participants), the template's questions beside empty ones, save,
 * submit for review, publish; and its action items.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client.js';
import { incidentsApi, type Postmortem } from '../api/incidents.js';
import { ActionForm, ActionTable } from '../components/action-items.js';
import { formatDay } from '../lib/format.js';
import { useLoader, useNow } from '../lib/hooks.js';
import { ErrorLine } from '../components/error-line.js';

const STATE_WORDS = { draft: 'Draft', in_review: 'In review', published: 'Published' } as const;

export function PostmortemView({ id, timeZone, canWrite, me }: { id: string; timeZone: string; canWrite: boolean; me: string }) {
  const now = useNow();
  const loaded = useLoader(() => incidentsApi.postmortem(id), [id]);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pm = loaded.data?.postmortem ?? null;

  // Fresh drafts whenever another version of the postmortem arrives.
  useEffect(() => {
    if (pm) setDrafts(Object.fromEntries(pm.sections.map((s) => [s.key, s.body])));
  }, [pm?.id, pm?.version]);

  const run = async (what: string, action: () => Promise<{ postmortem: Postmortem }>): Promise<void> => {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      await action();
      setMessage(what);
      loaded.reload();
    } catch (err: unknown) {
      setError(err instanceof ApiError ? err.message : 'Something went wrong; reload the page and try again.');
    } finally {
      setBusy(false);
    }
  };

  if (!pm)
    return (
      <main id="main" class="content">
        {loaded.error ? (
          <p class="error" role="alert">
            {loaded.error}
          </p>
        ) : (
          <p class="muted">Loading {id}…</p>
        )}
      </main>
    );
  const editable = canWrite && pm.state !== 'published';
  const changed = pm.sections.filter((s) => (drafts[s.key] ?? s.body) !== s.body);
  return (
    <main id="main" class="content">
      <p>
        <a href={`/incidents/${encodeURIComponent(pm.incidentId)}`}>← Incident {pm.incidentId}</a>
      </p>
      <div class="title-row">
        <h1>
          Postmortem {pm.id}: {pm.title}
        </h1>
        <span class="badge">{STATE_WORDS[pm.state]}</span>
      </div>
      <p class="muted">
        Blameless: describe systems and decisions, not people. Severity {pm.severity}; due {formatDay(pm.dueAt, timeZone)}
        {pm.requirement.required ? ` (required: ${pm.requirement.reasons.join('; ')})` : ''}.
        {pm.requirement.topPriorityActionRequired && ' It needs a P0 action item before it can be published.'}
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run(`Saved ${changed.length} section${changed.length === 1 ? '' : 's'}.`, () => incidentsApi.editPostmortem(pm.id, Object.fromEntries(changed.map((s) => [s.key, drafts[s.key] ?? '']))));
        }}
      >
        {pm.sections.map((s) => (
          <div class="section-edit" key={s.key}>
            <label for={`pm-${s.key}`}>{s.title}</label>
            {s.prompt && (
              <p class="prompt" id={`pm-${s.key}-prompt`}>
                {s.prompt}
              </p>
            )}
            <textarea
              id={`pm-${s.key}`}
              rows={Math.min(16, Math.max(4, (drafts[s.key] ?? s.body).split('\n').length + 1))}
              readOnly={!editable}
              aria-describedby={s.prompt ? `pm-${s.key}-prompt` : undefined}
              value={drafts[s.key] ?? s.body}
              onInput={(e) => {
                const value = e.currentTarget.value;
                setDrafts((d) => ({ ...d, [s.key]: value }));
              }}
            />
          </div>
        ))}
        {message && (
          <p class="success" role="status">
            {message}
          </p>
        )}
        <ErrorLine error={error} />
        {editable && (
          <div class="actions">
            <button type="submit" class="primary" disabled={busy || changed.length === 0}>
              Save changes
            </button>
            {pm.state === 'draft' && (
              <button type="button" disabled={busy || changed.length > 0} onClick={() => void run('Submitted for review.', () => incidentsApi.postmortemStep(pm.id, 'submit'))}>
                Submit for review
              </button>
            )}
            {pm.state === 'in_review' && (
              <>
                <button type="button" disabled={busy} onClick={() => void run('Returned to draft.', () => incidentsApi.postmortemStep(pm.id, 'return'))}>
                  Return to draft
                </button>
                <button type="button" disabled={busy} onClick={() => void run('Published.', () => incidentsApi.postmortemStep(pm.id, 'publish'))}>
                  Publish
                </button>
              </>
            )}
            {changed.length > 0 && <span class="muted">Unsaved changes in {changed.map((s) => s.title).join(', ')}.</span>}
          </div>
        )}
      </form>
      <section aria-labelledby="pm-actions-title">
        <h2 id="pm-actions-title">Action items</h2>
        <ActionTable items={loaded.data?.actions ?? []} now={now} timeZone={timeZone} canWrite={canWrite} onChanged={loaded.reload} caption={`Action items of ${pm.id} and ${pm.incidentId}`} />
        {canWrite && <ActionForm link={{ postmortemId: pm.id, incidentId: pm.incidentId }} defaultOwner={me} now={now} onCreated={loaded.reload} />}
      </section>
    </main>
  );
}
