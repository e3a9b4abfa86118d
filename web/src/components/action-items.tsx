/** Action items: a table (owner, due date, priority, status; overdue in words) and the form to add one. */
import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.js';
import { incidentsApi, type ActionItem, type ActionPriority } from '../api/incidents.js';
import { formatDay } from '../lib/format.js';
import { ErrorLine } from './error-line.js';

const STATUS_WORDS = { open: 'Open', in_progress: 'In progress', done: 'Done', wont_do: "Won't do" } as const;

export function ActionTable({ items, now, timeZone, canWrite, onChanged, caption }: { items: ActionItem[]; now: number; timeZone: string; canWrite: boolean; onChanged(): void; caption: string }) {
  const [error, setError] = useState<string | null>(null);
  const markDone = async (id: string): Promise<void> => {
    setError(null);
    try {
      await incidentsApi.updateAction(id, { status: 'done' });
      onChanged();
    } catch (err: unknown) {
      setError(err instanceof ApiError ? err.message : 'Could not change the action item; reload and try again.');
    }
  };
  if (items.length === 0) return <p class="muted">No action items yet.</p>;
  return (
    <>
      <ErrorLine error={error} />
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Owner</th>
            <th scope="col">Due</th>
            <th scope="col">Priority</th>
            <th scope="col">Status</th>
            {canWrite && <th scope="col"><span class="sr-only">Actions</span></th>}
          </tr>
        </thead>
        <tbody>
          {items.map((a) => {
            const overdue = a.status !== 'done' && a.status !== 'wont_do' && a.dueAt < now;
            return (
              <tr key={a.id}>
                <th scope="row">
                  {a.id}: {a.title}
                  {a.incidentId && (
                    <>
                      {' '}
                      <a class="small" href={`/incidents/${encodeURIComponent(a.incidentId)}`}>
                        {a.incidentId}
                      </a>
                    </>
                  )}
                </th>
                <td>{a.owner}</td>
                <td class={overdue ? 'over' : ''}>
                  {formatDay(a.dueAt, timeZone)}
                  {overdue && ' (overdue)'}
                </td>
                <td>{a.priority}</td>
                <td>{STATUS_WORDS[a.status]}</td>
                {canWrite && (
                  <td>
                    {a.status !== 'done' && a.status !== 'wont_do' && (
                      <button type="button" onClick={() => void markDone(a.id)} aria-label={`Mark ${a.id} done`}>
                        Mark done
                      </button>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

export function ActionForm({ link, defaultOwner, now, onCreated }: { link: { incidentId?: string; postmortemId?: string }; defaultOwner: string; now: number; onCreated(): void }) {
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState(defaultOwner);
  const [due, setDue] = useState(() => new Date(now + 14 * 86_400_000).toISOString().slice(0, 10));
  const [priority, setPriority] = useState<ActionPriority>('P1');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      // The due date is the end of that day in the viewer's zone.
      const dueAt = new Date(`${due}T23:59:00`).getTime();
      await incidentsApi.createAction({ title: title.trim(), owner: owner.trim(), dueAt, priority, ...link });
      setTitle('');
      onCreated();
    } catch (err: unknown) {
      setError(err instanceof ApiError ? err.message : 'Could not create the action item; reload and try again.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="form" onSubmit={(e) => void submit(e)} aria-labelledby="action-form-title">
      <h3 id="action-form-title">Add an action item</h3>
      <label for="ai-title">
        What will be done
        <input id="ai-title" required maxLength={1000} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
      </label>
      <div class="row">
        <label for="ai-owner">
          Owner
          <input id="ai-owner" required maxLength={500} value={owner} onInput={(e) => setOwner(e.currentTarget.value)} />
        </label>
        <label for="ai-due">
          Due date
          <input id="ai-due" type="date" required value={due} onInput={(e) => setDue(e.currentTarget.value)} />
        </label>
        <label for="ai-priority">
          Priority
          <select id="ai-priority" value={priority} onChange={(e) => setPriority(e.currentTarget.value as ActionPriority)}>
            <option value="P0">P0 (before anything else)</option>
            <option value="P1">P1</option>
            <option value="P2">P2</option>
            <option value="P3">P3</option>
          </select>
        </label>
      </div>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          Add action item
        </button>
      </div>
      <ErrorLine error={error} />
    </form>
  );
}
