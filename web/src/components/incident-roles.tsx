/**
 * Incident roles: who holds each, with assign, hand over and release for writers. The person
 * field suggests you and the people of the on-call config (free text stays allowed: responders
 * from outside the rotation take roles too).
 */
import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.js';
import { onCallApi } from '../api/oncall.js';
import { useLoader } from '../lib/hooks.js';
import { incidentsApi, type Incident, type IncidentRole } from '../api/incidents.js';
import { INCIDENT_ROLES, ROLE_TITLES } from '../../../src/incidents/model.js';
import { ErrorLine } from './error-line.js';

function RoleRow({ incident, role, canWrite, me, onChanged }: { incident: Incident; role: IncidentRole; canWrite: boolean; me: string; onChanged(): void }) {
  const holder = incident.roles[role];
  const [person, setPerson] = useState(holder ? '' : me);
  const [error, setError] = useState<string | null>(null);
  const act = async (action: 'assign' | 'handover' | 'release'): Promise<void> => {
    setError(null);
    try {
      await incidentsApi.role(incident.id, { action, role, ...(action === 'release' ? {} : { person: person.trim() }) });
      setPerson('');
      onChanged();
    } catch (err: unknown) {
      setError(err instanceof ApiError ? err.message : 'Could not change the role; reload and try again.');
    }
  };
  const id = `role-${role}`;
  return (
    <tr>
      <th scope="row">{ROLE_TITLES[role]}</th>
      <td>{holder ?? <span class="muted">nobody</span>}</td>
      {canWrite && incident.status !== 'resolved' && (
        <td>
          <form
            class="actions"
            onSubmit={(e) => {
              e.preventDefault();
              void act(holder ? 'handover' : 'assign');
            }}
          >
            <label class="sr-only" for={id}>
              {ROLE_TITLES[role]}: person
            </label>
            <input id={id} required placeholder="person" list={PEOPLE_LIST} autocomplete="off" value={person} onInput={(e) => setPerson(e.currentTarget.value)} />
            <button type="submit">{holder ? 'Hand over' : 'Assign'}</button>
            {holder && (
              <button type="button" onClick={() => void act('release')} aria-label={`Release ${ROLE_TITLES[role]}`}>
                Release
              </button>
            )}
          </form>
          <ErrorLine error={error} />
        </td>
      )}
    </tr>
  );
}

const PEOPLE_LIST = 'incident-role-people';

export function IncidentRoles({ incident, canWrite, me, onChanged }: { incident: Incident; canWrite: boolean; me: string; onChanged(): void }) {
  // Suggestions only: without an on-call config (or on error) the field is plain text.
  const people = useLoader(() => onCallApi.people().catch(() => ({ people: [] })), []);
  return (
    <>
    {canWrite && (
      <datalist id={PEOPLE_LIST}>
        <option value={me}>you</option>
        {(people.data?.people ?? []).filter((p) => p.id !== me).map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </datalist>
    )}
    <p class="muted small">
      People are named as their tokens are ({me} for you). Only the Communications lead, or the commander while nobody holds that role, may post to the status page.
    </p>
    <table>
      <caption class="sr-only">Incident roles</caption>
      <thead>
        <tr>
          <th scope="col">Role</th>
          <th scope="col">Held by</th>
          {canWrite && incident.status !== 'resolved' && <th scope="col">Assign or hand over</th>}
        </tr>
      </thead>
      <tbody>
        {INCIDENT_ROLES.map((role) => (
          <RoleRow key={`${role}-${incident.roles[role] ?? ''}`} incident={incident} role={role} canWrite={canWrite} me={me} onChanged={onChanged} />
        ))}
      </tbody>
    </table>
    </>
  );
}
