/**
 * Pages: open ones first with Acknowledge and Resolve (actionable or not), then the recently
 * resolved, each with its timeline and notifications on demand; then the open follow-ups.
 * Write buttons exist only for write/admin sessions; the server enforces it anyway.
 */
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api/client.js';
import type { Page, PageDetail } from '../api/types.js';
import { FollowUps } from '../components/follow-ups.js';
import { PageDeliveries } from '../components/page-deliveries.js';
import { RelativeTime } from '../components/time.js';
import { onCallApi } from '../api/oncall.js';
import { useAlertEvents, useLoader, useNow } from '../lib/hooks.js';
import { incidentsApi } from '../api/incidents.js';
import { navigate } from '../lib/router.js';
import { ErrorLine } from '../components/error-line.js';

const STATUS_LABELS: Record<Page['status'], string> = { triggered: 'Triggered', acknowledged: 'Acknowledged', resolved: 'Resolved' };
const STATUS_CLASS: Record<Page['status'], string> = { triggered: 'status-page', acknowledged: 'status-ticket', resolved: 'status-ok' };

function stepLabel(page: Page): string {
  if (page.status === 'resolved') return page.resolution === 'auto' ? 'resolved itself' : `resolved by ${page.resolvedBy ?? 'someone'}`;
  if (page.status === 'acknowledged') return `acknowledged by ${page.acknowledgedBy ?? 'someone'}`;
  const step = page.step === 'final' ? 'final step' : `step ${page.step + 1}`;
  return `${step}${page.repeat ? `, repeat ${page.repeat}` : ''}${page.exhausted ? ', nobody left to page' : ''}`;
}

/** The page's timeline (notifications, escalations, acknowledgement) and deliveries, loaded when opened. */
function PageTimeline({ id, now, timeZone, names }: { id: string; now: number; timeZone: string; names: ReadonlyMap<string, string> }) {
  const [detail, setDetail] = useState<PageDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const onToggle = (event: Event): void => {
    if (!(event.currentTarget as HTMLDetailsElement).open) return;
    // Reloaded on every opening: deliveries move on while the page is open.
    api.page(id).then(
      (loaded) => setDetail(loaded),
      (err: unknown) => setError(err instanceof ApiError ? err.message : 'Could not load the timeline.'),
    );
  };
  const entries = detail?.timeline ?? null;
  return (
    <details class="timeline" onToggle={onToggle}>
      <summary>Timeline and notifications</summary>
      {error && <p class="error">{error}</p>}
      {!detail && !error && <p class="muted">Loading…</p>}
      {detail && <PageDeliveries deliveries={detail.deliveries} names={names} now={now} timeZone={timeZone} />}
      {entries && (
        <ol aria-label="Page timeline">
          {entries.map((e) => (
            <li key={e.id}>
              <RelativeTime at={e.at} now={now} timeZone={timeZone} /> <span class="muted">{e.kind}</span> {e.message}
              {e.actor ? <span class="muted"> ({e.actor})</span> : null}
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}

function PageActions({ page, onDone }: { page: Page; onDone(message: string | null, error: string | null): void }) {
  const [busy, setBusy] = useState(false);
  const act = async (label: string, call: () => Promise<unknown>): Promise<void> => {
    setBusy(true);
    try {
      await call();
      onDone(`${label}: ${page.alert.summary}`, null);
    } catch (err: unknown) {
      onDone(null, err instanceof ApiError ? err.message : `${label} failed; reload the page and try again.`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span class="actions">
      {page.status === 'triggered' && (
        <button type="button" data-write class="primary" disabled={busy} onClick={() => void act('Acknowledged', () => api.acknowledge(page.id))}>
          Acknowledge
        </button>
      )}
      <button type="button" data-write disabled={busy} onClick={() => void act('Resolved', () => api.resolve(page.id, true))}>
        Resolve
      </button>
      <button type="button" data-write disabled={busy} title="Creates a follow-up to fix or delete the alert" onClick={() => void act('Resolved as not actionable', () => api.resolve(page.id, false))}>
        Resolve: not actionable
      </button>
      <button
        type="button"
        data-write
        disabled={busy}
        title="Opens an incident linked to this page (the same page always leads to the same incident)"
        onClick={() => void act('Incident declared', async () => navigate(`/incidents/${encodeURIComponent((await incidentsApi.declareFromPage(page.id)).incident.id)}`))}
      >
        Declare incident
      </button>
    </span>
  );
}

function PageTable({ pages, now, timeZone, canWrite, onDone, caption, names }: { pages: Page[]; now: number; timeZone: string; canWrite: boolean; onDone(m: string | null, e: string | null): void; caption: string; names: ReadonlyMap<string, string> }) {
  return (
    <table class="pages">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Alert</th>
          <th scope="col">Status</th>
          <th scope="col">Triggered</th>
          <th scope="col">Escalation</th>
          {canWrite && <th scope="col">Actions</th>}
        </tr>
      </thead>
      <tbody>
        {pages.map((p) => (
          <tr key={p.id} data-page={p.id}>
            <th scope="row">
              {p.alert.summary}
              <div class="muted small">
                {p.policy} · {p.alert.source}
                {p.alert.runbookUrl && /^https?:\/\//.test(p.alert.runbookUrl) && (
                  <>
                    {' · '}
                    <a href={p.alert.runbookUrl} rel="noopener noreferrer" target="_blank">
                      runbook
                    </a>
                  </>
                )}
              </div>
              <PageTimeline id={p.id} now={now} timeZone={timeZone} names={names} />
            </th>
            <td>
              <span class={`badge ${STATUS_CLASS[p.status]}`}>{STATUS_LABELS[p.status]}</span>
            </td>
            <td>
              <RelativeTime at={p.triggeredAt} now={now} timeZone={timeZone} />
            </td>
            <td>{stepLabel(p)}</td>
            {canWrite && <td>{p.status !== 'resolved' && <PageActions page={p} onDone={onDone} />}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function PagesView({ timeZone, canWrite }: { timeZone: string; canWrite: boolean }) {
  const loaded = useLoader(async () => {
    const [{ pages }, { followUps }, people] = await Promise.all([
      api.pages(),
      api.followUps(),
      // Names are a nicety: without an on-call config (or on error) ids are shown.
      onCallApi.people().catch(() => ({ people: [] })),
    ]);
    return { pages, followUps, names: new Map(people.people.map((p) => [p.id, p.name] as const)) };
  }, []);
  useAlertEvents(loaded.reload);
  const now = useNow();
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const onDone = (m: string | null, e: string | null): void => {
    setMessage(m);
    setError(e);
    loaded.reload();
  };
  const pages = loaded.data?.pages ?? [];
  const names = loaded.data?.names ?? new Map<string, string>();
  const open = pages.filter((p) => p.status !== 'resolved');
  const resolved = pages.filter((p) => p.status === 'resolved').slice(0, 20);
  return (
    <main id="main" class="content">
      <div class="title-row">
        <h1>Pages</h1>
        <button type="button" onClick={loaded.reload} disabled={loaded.loading}>
          {loaded.loading ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      {message && (
        <p class="notice" role="status">
          {message}
        </p>
      )}
      <ErrorLine error={error ?? loaded.error} />
      {loaded.data && open.length === 0 && <p class="empty">Nothing is paging. Pages appear here when an SLO burns fast or an integration sends an alert.</p>}
      {open.length > 0 && <PageTable pages={open} now={now} timeZone={timeZone} canWrite={canWrite} onDone={onDone} caption={`Open (${open.length})`} names={names} />}
      {resolved.length > 0 && <PageTable pages={resolved} now={now} timeZone={timeZone} canWrite={false} onDone={onDone} caption="Recently resolved" names={names} />}
      {loaded.data && <FollowUps followUps={loaded.data.followUps} now={now} timeZone={timeZone} />}
    </main>
  );
}
