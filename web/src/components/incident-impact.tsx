/**
 * What the incident cost in error budget, per affected SLO, from `GET …/impact` (the same SLI
 * counts and formulas as alerting and the postmortem). The minutes column converts the share
 * into minutes of full outage using the SLO's whole budget (`budget.totalMinutes` of the SLO),
 * the unit the SLO detail page uses. Reloads when the incident changes (its version), no polling.
 */
import { api } from '../api/client.js';
import { incidentsApi, type IncidentImpact } from '../api/incidents.js';
import { formatShare } from '../../../src/incidents/impact.js';
import { useLoader } from '../lib/hooks.js';
import { formatExact } from '../lib/format.js';
import { ErrorLine } from './error-line.js';

interface SloFacts {
  displayName: string | null;
  totalMinutes: number;
}

async function loadImpact(id: string): Promise<{ impact: IncidentImpact; unknownSlos: string[]; slos: Map<string, SloFacts | null> }> {
  const answer = await incidentsApi.impact(id);
  // One SLO's detail failing only loses its minutes column, not the table.
  const facts = await Promise.all(
    answer.impact.slos.map((s) =>
      api.slo(s.slo).then(
        // Incidents name plain SLOs; a composite of that name has no budget minutes of its own here.
        (d): SloFacts | null => ('composite' in d ? null : { displayName: d.displayName ?? null, totalMinutes: d.budget.totalMinutes }),
        () => null,
      ),
    ),
  );
  return { ...answer, slos: new Map(answer.impact.slos.map((s, i) => [s.slo, facts[i] ?? null])) };
}

const minutes = (m: number): string => (m < 10 ? m.toFixed(1) : Math.round(m).toLocaleString('en-US'));

function ResponseTimes({ impact }: { impact: IncidentImpact }) {
  const rows: Array<[string, number | null]> = [
    [impact.ongoing ? 'Impact so far' : 'Impact lasted', impact.durationMinutes],
    ['Detected (first bad minute to page)', impact.detectionMinutes],
    ['Acknowledged (page to acknowledgement)', impact.acknowledgeMinutes],
    ['Mitigated (impact start to monitoring)', impact.mitigateMinutes],
  ];
  return (
    <dl class="facts">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value === null ? <span class="muted">not yet</span> : `${minutes(value)} min`}</dd>
        </div>
      ))}
    </dl>
  );
}

export function IncidentImpactTable({ incidentId, version, timeZone }: { incidentId: string; version: number; timeZone: string }) {
  const loaded = useLoader(() => loadImpact(incidentId), [incidentId, version]);
  if (!loaded.data) return loaded.error ? <ErrorLine error={loaded.error} /> : <p class="muted">Computing the budget impact…</p>;
  const { impact, unknownSlos, slos } = loaded.data;
  return (
    <>
      {impact.slos.length === 0 ? (
        <p class="muted">No SLO is linked to this incident, so no budget is measured against it.</p>
      ) : (
        <table class="impact">
          <caption class="sr-only">Error budget consumed per SLO</caption>
          <thead>
            <tr>
              <th scope="col">SLO</th>
              <th scope="col" class="num">Budget consumed</th>
              <th scope="col" class="num">Minutes of full outage</th>
              <th scope="col" class="num">Bad / all events</th>
              <th scope="col">First bad minute</th>
            </tr>
          </thead>
          <tbody>
            {impact.slos.map((s) => {
              const facts = slos.get(s.slo) ?? null;
              return (
                <tr key={s.slo} data-slo={s.slo}>
                  <th scope="row">
                    <a href={`/slos/${encodeURIComponent(s.slo)}`}>{facts?.displayName ?? s.slo}</a>
                  </th>
                  <td class="num" title={s.sentence}>
                    {formatShare(s.consumed)} <span class="muted small">of the {s.windowLabel} budget</span>
                  </td>
                  <td class="num">
                    {facts ? (
                      <>
                        {minutes(s.consumed * facts.totalMinutes)} <span class="muted small">of {minutes(facts.totalMinutes)}</span>
                      </>
                    ) : (
                      <span class="muted">unknown</span>
                    )}
                  </td>
                  <td class="num">
                    {s.badEvents.toLocaleString('en-US')} / {s.totalEvents.toLocaleString('en-US')}
                  </td>
                  <td>{s.firstBadAt === null ? <span class="muted">none found</span> : formatExact(s.firstBadAt, timeZone)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {unknownSlos.length > 0 && <p class="muted small">Not in the loaded SLO config, so not measured: {unknownSlos.join(', ')}.</p>}
      <ResponseTimes impact={impact} />
      <ErrorLine error={loaded.error} />
    </>
  );
}
