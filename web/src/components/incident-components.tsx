/**
 * Affected components: the status-page components this incident sets by hand (they win over the
 * status derived from its severity), and for writers a form to set or clear one. The server
 * allows it to the Communications lead, or the commander while nobody holds that role, and says
 * so in words otherwise. /status counts an incident's overrides only once the incident has a
 * public update. What /status shows is not repeated here: the server rebuilds that page on its
 * own schedule (seconds), so a copy here could be stale right after a change.
 */
import { useState } from 'preact/hooks';
import { incidentsApi, type ComponentStatus, type Incident } from '../api/incidents.js';
import { COMPONENT_STATUSES } from '../../../src/incidents/model.js';
import { STATUS_LABELS } from '../../../src/statuspage/component-status.js';
import { useLoader } from '../lib/hooks.js';
import { ErrorLine } from './error-line.js';
import { useWrite } from './incident-write.js';

export function IncidentComponents({ incident, canWrite, onChanged }: { incident: Incident; canWrite: boolean; onChanged(): void }) {
  // Only the names and ids: the list changes with the config, not with the incident.
  const components = useLoader(() => incidentsApi.statusComponents(), []);
  const list = components.data?.components ?? [];
  const nameOf = (id: string): string => list.find((c) => c.id === id)?.name ?? id;
  const overrides = Object.entries(incident.componentOverrides).sort(([a], [b]) => a.localeCompare(b));
  const [component, setComponent] = useState('');
  const [status, setStatus] = useState<ComponentStatus>('partial_outage');
  const write = useWrite(onChanged);
  const open = incident.status !== 'resolved';
  const chosen = component || list[0]?.id || '';

  return (
    <>
      {overrides.length === 0 ? (
        <p class="muted">No component set by hand: /status derives each component's status from the incident's severity.</p>
      ) : (
        <table>
          <caption class="sr-only">Components this incident sets on the status page</caption>
          <thead>
            <tr>
              <th scope="col">Component</th>
              <th scope="col">Set to</th>
              {canWrite && open && <th scope="col">Clear</th>}
            </tr>
          </thead>
          <tbody>
            {overrides.map(([id, set]) => {
              return (
                <tr key={id} data-component={id}>
                  <th scope="row">{nameOf(id)}</th>
                  <td>{STATUS_LABELS[set]}</td>
                  {canWrite && open && (
                    <td>
                      <button type="button" aria-label={`Clear the override of ${nameOf(id)}`} onClick={() => !write.busy && void write.run(() => incidentsApi.overrideComponent(incident.id, id, null))}>
                        Clear
                      </button>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {overrides.length > 0 && (
        <p class="muted small">
          {incident.publicUpdates.length === 0 ? 'Not on /status yet: the page counts this incident once it has a public update.' : '/status shows this within seconds.'}
        </p>
      )}
      {components.error && <ErrorLine error={components.error} />}
      {canWrite && open && list.length > 0 && (
        <form
          class="actions"
          aria-label="Set a component's status"
          onSubmit={(e) => {
            e.preventDefault();
            void write.run(() => incidentsApi.overrideComponent(incident.id, chosen, status));
          }}
        >
          <label for="component-pick">Component</label>
          <select id="component-pick" value={chosen} onChange={(e) => setComponent(e.currentTarget.value)}>
            {list.map((c) => (
              <option key={c.id} value={c.id}>
                {c.group ? `${c.group}: ${c.name}` : c.name}
              </option>
            ))}
          </select>
          <label for="component-status">Status</label>
          <select id="component-status" value={status} onChange={(e) => setStatus(e.currentTarget.value as ComponentStatus)}>
            {COMPONENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
          <button type="submit" disabled={write.busy}>
            Set component status
          </button>
        </form>
      )}
      <ErrorLine error={write.error} />
    </>
  );
}
