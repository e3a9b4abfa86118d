/**
 * Create an override or a swap. For either, the fairness verdict is fetched and shown in words
 * (who would be over the limit and by how many hours) before the save button does anything;
 * when the verdict refuses, the save needs an approved exception (approved by, reason, until),
 * which the server records with the change.
 */
import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.js';
import { onCallApi, type FairnessVerdict } from '../api/oncall.js';
import { formatDay } from '../lib/format.js';
import { PersonName } from './person-name.js';
import { ErrorLine } from './error-line.js';

/** "2026-11-28T09:00" for a datetime-local input, in the browser's (the viewer's) zone. */
export function toLocalInput(at: number): string {
  const d = new Date(at);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const fromLocalInput = (value: string): number => new Date(value).getTime();

interface Checked {
  key: string;
  label: string;
  verdict: FairnessVerdict;
}

const DAY_MS = 86_400_000;
const hours = (h: number): string => (Math.round(h * 10) / 10).toLocaleString('en-GB');
const viewerZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

export function OverrideForm({ schedule, people, names, now, onSaved }: { schedule: string; people: string[]; names: Map<string, string>; now: number; onSaved(message: string): void }) {
  const hour = Math.ceil(now / 3_600_000) * 3_600_000;
  const [mode, setMode] = useState<'override' | 'swap'>('override');
  const [person, setPerson] = useState(people[0] ?? '');
  const [from, setFrom] = useState(toLocalInput(hour));
  const [to, setTo] = useState(toLocalInput(hour + 8 * 3_600_000));
  const [other, setOther] = useState(people[1] ?? '');
  const [otherFrom, setOtherFrom] = useState(toLocalInput(hour + 7 * 86_400_000));
  const [otherTo, setOtherTo] = useState(toLocalInput(hour + 7 * 86_400_000 + 8 * 3_600_000));
  const [reason, setReason] = useState('');
  const [approvedBy, setApprovedBy] = useState('');
  const [exceptionReason, setExceptionReason] = useState('');
  const [until, setUntil] = useState(toLocalInput(hour + 14 * 86_400_000));
  const [checked, setChecked] = useState<Checked | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const key = JSON.stringify([mode, person, from, to, other, otherFrom, otherTo]);
  // A verdict counts only for the fields it was fetched for; any edit asks for a new check.
  const current = checked?.key === key ? checked : null;
  const refused = current?.verdict.exceptionRequired ?? false;
  const name = (id: string): string => names.get(id) ?? id;
  const fail = (err: unknown): void => setError(err instanceof ApiError ? err.message : 'Something went wrong; reload the page and try again.');

  const check = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const first = { person, from: fromLocalInput(from), to: fromLocalInput(to) };
      const answer =
        mode === 'override'
          ? await onCallApi.fairness(schedule, person, first.from, first.to)
          : await onCallApi.swapFairness(schedule, first, { person: other, from: fromLocalInput(otherFrom), to: fromLocalInput(otherTo) });
      const label = mode === 'override' ? `${name(person)} covers` : `${name(person)} swaps with ${name(other)}`;
      setChecked({ key, label, verdict: answer.verdict! });
    } catch (err: unknown) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const save = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (!current) return void check();
    setBusy(true);
    setError(null);
    const exception = refused ? { approvedBy: approvedBy.trim(), reason: exceptionReason.trim(), until: fromLocalInput(until) } : undefined;
    const extra = { ...(reason.trim() ? { reason: reason.trim() } : {}), ...(exception ? { exception } : {}) };
    try {
      const saved =
        mode === 'override'
          ? await onCallApi.createOverride(schedule, { person, from: fromLocalInput(from), to: fromLocalInput(to), ...extra })
          : await onCallApi.createSwap(schedule, {
              first: { person, from: fromLocalInput(from), to: fromLocalInput(to) },
              second: { person: other, from: fromLocalInput(otherFrom), to: fromLocalInput(otherTo) },
              ...extra,
            });
      setChecked(null);
      onSaved(`Saved ${mode} ${saved.change.id}. ${saved.verdict.message}`);
    } catch (err: unknown) {
      // The schedule changed since the check (someone else saved a change): check again.
      if (err instanceof ApiError && err.status === 409) setChecked(null);
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const personSelect = (id: string, label: string, value: string, set: (v: string) => void) => (
    <label for={id}>
      {label}
      <select id={id} value={value} onChange={(e) => set(e.currentTarget.value)}>
        {people.map((p) => (
          <option key={p} value={p}>
            {name(p)}
          </option>
        ))}
      </select>
    </label>
  );
  const when = (id: string, label: string, value: string, set: (v: string) => void) => (
    <label for={id}>
      {label}
      <input id={id} type="datetime-local" required value={value} onInput={(e) => set(e.currentTarget.value)} />
    </label>
  );

  return (
    <form class="form" onSubmit={(e) => void save(e)} aria-labelledby="change-title">
      <h3 id="change-title">Create an override or swap</h3>
      <fieldset>
        <legend>Kind of change</legend>
        <label class="inline">
          <input type="radio" name="mode" value="override" checked={mode === 'override'} onChange={() => setMode('override')} /> Override: one person covers a time range
        </label>
        <label class="inline">
          <input type="radio" name="mode" value="swap" checked={mode === 'swap'} onChange={() => setMode('swap')} /> Swap: two people trade time ranges
        </label>
      </fieldset>
      <div class="row">
        {personSelect('ov-person', mode === 'override' ? 'Who covers' : 'First person', person, setPerson)}
        {when('ov-from', mode === 'override' ? 'From' : "First person's time from", from, setFrom)}
        {when('ov-to', mode === 'override' ? 'To' : 'to', to, setTo)}
      </div>
      {mode === 'swap' && (
        <div class="row">
          {personSelect('ov-other', 'Second person', other, setOther)}
          {when('ov-other-from', "Second person's time from", otherFrom, setOtherFrom)}
          {when('ov-other-to', 'to', otherTo, setOtherTo)}
        </div>
      )}
      <label for="ov-reason">
        Reason <span class="hint">(optional, kept with the change)</span>
        <input id="ov-reason" value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </label>
      <p class="hint">Times are in your zone. Check fairness first: the verdict shows here, and nothing is saved until you press Save.</p>
      <div class="actions">
        <button type="button" onClick={() => void check()} disabled={busy}>
          Check fairness
        </button>
        <button type="submit" class="primary" disabled={busy || !current}>
          Save {mode}
        </button>
      </div>
      <div role="status" aria-live="polite">
        {current && <VerdictText label={current.label} verdict={current.verdict} names={names} />}
      </div>
      {refused && (
        <fieldset>
          <legend>Exception (required to save a change the rule refuses)</legend>
          <label for="ex-by">
            Approved by
            <input id="ex-by" required value={approvedBy} onInput={(e) => setApprovedBy(e.currentTarget.value)} />
          </label>
          <label for="ex-reason">
            Why the exception
            <input id="ex-reason" required value={exceptionReason} onInput={(e) => setExceptionReason(e.currentTarget.value)} />
          </label>
          {when('ex-until', 'Exception ends', until, setUntil)}
        </fieldset>
      )}
      <ErrorLine error={error} />
    </form>
  );
}

/** The verdict in words, then each person over the limit with the numbers, and whether an exception is needed. */
function VerdictText({ label, verdict, names }: { label: string; verdict: FairnessVerdict; names: Map<string, string> }) {
  const zone = viewerZone();
  return (
    <div class={`verdict ${verdict.accepted ? 'ok' : 'refused'}`}>
      <p>
        <strong>{verdict.accepted ? 'Fair: ' : 'Refused by the fairness rule: '}</strong>
        {label}. {verdict.message}
      </p>
      {verdict.overLimit.length > 0 && (
        <ul aria-label="Over the fairness limit">
          {verdict.overLimit.map((p) => (
            <li key={p.person}>
              <PersonName id={p.person} names={names} />: {hours(p.hours)} h on call in the {Math.round((p.windowEnd - p.windowStart) / DAY_MS)} days from {formatDay(p.windowStart, zone)},{' '}
              <strong>{hours(p.hoursOverLimit)} h over</strong> the limit of {hours(p.limitHours)} h ({hours(p.hoursBefore)} h without this change)
            </li>
          ))}
        </ul>
      )}
      {verdict.exceptionRequired && <p>Saving it needs an approved exception: fill in the fields below.</p>}
    </div>
  );
}
