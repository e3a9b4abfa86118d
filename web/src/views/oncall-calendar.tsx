/** One schedule: a four-week calendar of final shifts, its overrides and swaps, and the form to add one. */
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api/client.js';
import { onCallApi } from '../api/oncall.js';
import { weekStart } from '../components/calendar-days.js';
import { OverrideForm } from '../components/override-form.js';
import { ShiftCalendar } from '../components/shift-calendar.js';
import { formatDay, formatExact } from '../lib/format.js';
import { useLoader, useNow, useServerEvents } from '../lib/hooks.js';
import { ErrorLine } from '../components/error-line.js';

/** Overrides and swaps saved or deleted anywhere (another tab, the CLI, another replica). */
const SCHEDULE_EVENTS = ['schedule.changed'];

const DAYS = 28;
const DAY_MS = 86_400_000;

async function loadSchedule(name: string, from: number) {
  const { schedules } = await api.schedules();
  const schedule = schedules.find((s) => s.name === name);
  if (!schedule) throw new ApiError(`There is no schedule "${name}". Pick one from the On call page.`, 404);
  // Padding by a day keeps shifts that cross the grid's edges in any zone.
  const [shifts, changes, people] = await Promise.all([api.shifts(name, from - DAY_MS, from + (DAYS + 1) * DAY_MS), onCallApi.changes(name), onCallApi.people()]);
  const names = new Map(people.people.map((p) => [p.id, p.name] as const));
  return { schedule, shifts: shifts.shifts, changes: changes.changes, names };
}

function describeChange(change: Record<string, unknown>, names: Map<string, string>, timeZone: string): string {
  const n = (id: unknown): string => (typeof id === 'string' ? (names.get(id) ?? id) : '?');
  const range = (s: unknown, e: unknown): string => (typeof s === 'number' && typeof e === 'number' ? `${formatExact(s, timeZone)} to ${formatExact(e, timeZone)}` : '');
  if (change.kind === 'override') return `${n(change.person)} covers ${range(change.start, change.end)}`;
  const first = change.first as Record<string, unknown> | undefined;
  const second = change.second as Record<string, unknown> | undefined;
  if (change.kind === 'swap' && first && second) return `${n(first.person)} (${range(first.start, first.end)}) swaps with ${n(second.person)} (${range(second.start, second.end)})`;
  return String(change.kind ?? 'change');
}

export function OnCallCalendarView({ name, timeZone, canWrite }: { name: string; timeZone: string; canWrite: boolean }) {
  const now = useNow();
  const [from, setFrom] = useState(() => weekStart(Date.now(), timeZone));
  const [message, setMessage] = useState<string | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const loaded = useLoader(() => loadSchedule(name, from), [name, from]);
  useServerEvents(SCHEDULE_EVENTS, loaded.reload, { accept: (event) => event.schedule === name });
  const data = loaded.data;
  const people = data ? [...new Set(data.schedule.layers.flatMap((l) => l.participants))] : [];

  const remove = async (id: string): Promise<void> => {
    setDeleteError(null);
    try {
      await onCallApi.deleteChange(name, id);
      setMessage(`Deleted ${id}.`);
      loaded.reload();
    } catch (err: unknown) {
      setDeleteError(err instanceof ApiError ? err.message : 'Could not delete; reload the page and try again.');
    }
  };

  return (
    <main id="main" class="content">
      <p>
        <a href="/oncall">← On call</a>
      </p>
      <h1>Schedule {name}</h1>
      <ErrorLine error={loaded.error} />
      {data && (
        <>
          <p class="muted">
            Rotates in {data.schedule.timeZone}; shown in {timeZone}. Layers: {data.schedule.layers.map((l) => `${l.name} (${l.participants.length} people)`).join(', ')}. Fairness: nobody above{' '}
            {Math.round(data.schedule.fairness.maxShare * 100)}% of {data.schedule.fairness.horizonDays} days.
          </p>
          <section aria-labelledby="cal-title">
            <div class="toolbar">
              <h2 id="cal-title">
                Final shifts, {formatDay(from, timeZone)} to {formatDay(from + (DAYS - 1) * DAY_MS, timeZone)}
              </h2>
              <div class="actions">
                <button type="button" onClick={() => setFrom((f) => weekStart(f - 7 * DAY_MS + 12 * 3_600_000, timeZone))}>
                  ← Earlier week
                </button>
                <button type="button" onClick={() => setFrom(weekStart(Date.now(), timeZone))}>
                  This week
                </button>
                <button type="button" onClick={() => setFrom((f) => weekStart(f + 7 * DAY_MS + 12 * 3_600_000, timeZone))}>
                  Later week →
                </button>
              </div>
            </div>
            <ShiftCalendar shifts={data.shifts} from={from} days={DAYS} timeZone={timeZone} now={now} names={data.names} />
          </section>
          <section aria-labelledby="changes-title">
            <h2 id="changes-title">Overrides and swaps</h2>
            {message && (
              <p class="success" role="status">
                {message}
              </p>
            )}
            <ErrorLine error={deleteError} />
            {data.changes.length === 0 ? (
              <p class="muted">None yet: the calendar shows the rotation as configured.</p>
            ) : (
              <table>
                <caption class="sr-only">Overrides and swaps of {name}</caption>
                <thead>
                  <tr>
                    <th scope="col">Id</th>
                    <th scope="col">Change</th>
                    <th scope="col">By</th>
                    <th scope="col">Reason</th>
                    {canWrite && <th scope="col"><span class="sr-only">Actions</span></th>}
                  </tr>
                </thead>
                <tbody>
                  {data.changes.map((c) => (
                    <tr key={c.id}>
                      <td>{c.id}</td>
                      <td>{describeChange(c.change, data.names, timeZone)}</td>
                      <td>{c.createdBy}</td>
                      <td>{c.reason ?? ''}</td>
                      {canWrite && (
                        <td>
                          <button type="button" onClick={() => void remove(c.id)} aria-label={`Delete ${c.id}`}>
                            Delete
                          </button>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {canWrite && people.length > 0 && (
              <OverrideForm
                schedule={name}
                people={people}
                names={data.names}
                now={now}
                onSaved={(m) => {
                  setMessage(m);
                  loaded.reload();
                }}
              />
            )}
          </section>
        </>
      )}
    </main>
  );
}
