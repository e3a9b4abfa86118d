/** A severity choice with the written rubric beside it, so responders pick by definition, not by feel. */
import type { SeverityLevel } from '../api/incidents.js';

export function SeverityPicker({ id, severities, value, onChange }: { id: string; severities: SeverityLevel[]; value: string; onChange(value: string): void }) {
  return (
    <div class="sev-layout">
      <div>
        <label for={id}>Severity</label>
        <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)} aria-describedby={`${id}-rubric`}>
          {severities.map((s) => (
            <option key={s.id} value={s.id}>
              {s.id}
            </option>
          ))}
        </select>
      </div>
      <dl class="rubric" id={`${id}-rubric`} aria-label="Severity rubric">
        {severities.map((s) => (
          <div key={s.id} class={s.id === value ? 'chosen' : ''}>
            <dt>
              {s.id}
              {s.id === value && <span class="sr-only"> (chosen)</span>}
            </dt>
            <dd>
              {s.rubric} {s.response && <span class="muted">{s.response}</span>}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
