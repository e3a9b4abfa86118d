/**
 * SLO overview: every SLO grouped by service and journey, with filters and a budget sort.
 * Kept light for 1,000 SLOs: one plain row per SLO, memoised grouping, and service sections
 * with `content-visibility: auto` so the browser skips laying out what is off screen.
 */
import { Component } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { api } from '../api/client.js';
import type { CompositeSummary, GateDecision, SloListEntry } from '../api/types.js';
import { BudgetBar } from '../components/budget-bar.js';
import { GateBadge, StatusBadge } from '../components/status-badge.js';
import { RelativeTime } from '../components/time.js';
import { formatBurn, formatObjective } from '../lib/format.js';
import { useAlertEvents, useLoader, useNow } from '../lib/hooks.js';
import { currentBurn, FILTERS, groupSlos, isComposite, matchesFilter, type OverviewFilter, type OverviewSort } from '../lib/overview.js';
import { EmptyState } from './empty-state.js';
import { ErrorLine } from '../components/error-line.js';

async function loadOverview(): Promise<{ slos: SloListEntry[]; gates: Map<string, GateDecision | null> }> {
  const { slos } = await api.slos();
  const services = [...new Set(slos.flatMap((s) => (s.service === null ? [] : [s.service])))];
  const decisions = await Promise.all(services.map((s) => api.gate(s).catch(() => null)));
  return { slos, gates: new Map(services.map((s, i) => [s, decisions[i]!])) };
}

interface RowProps {
  slo: SloListEntry;
  now: number;
  timeZone: string;
  /** Display name per SLO name, for a composite's component list. */
  labels: ReadonlyMap<string, string>;
}

function labelOf(slo: SloListEntry): string {
  return 'displayName' in slo && slo.displayName ? slo.displayName : slo.name;
}

/** A row re-renders only when its SLO, the clock or the zone changed: re-sorting just moves rows. */
class SloRow extends Component<RowProps> {
  override shouldComponentUpdate(next: RowProps): boolean {
    return next.slo !== this.props.slo || next.now !== this.props.now || next.timeZone !== this.props.timeZone || next.labels !== this.props.labels;
  }

  override render() {
    return <SloRowCells {...this.props} />;
  }
}

/** A composite's marker and its weighted components (each linked), under its name. */
function CompositeParts({ slo, labels }: { slo: CompositeSummary; labels: ReadonlyMap<string, string> }) {
  return (
    <>
      {' '}
      <span class="badge composite-marker" title="composite SLO: a weighted combination of the SLOs listed below; shown, not alerted on">
        composite
      </span>
      <span class="composite-parts muted">
        {' of '}
        {slo.components.map((c, i) => (
          <span key={c.slo}>
            {i > 0 && ', '}
            <a href={`/slos/${encodeURIComponent(c.slo)}`}>{labels.get(c.slo) ?? c.slo}</a> ×{c.weight}
          </span>
        ))}
      </span>
    </>
  );
}

function SloRowCells({ slo, now, timeZone, labels }: RowProps) {
  const burn = currentBurn(slo);
  const composite = isComposite(slo) ? slo : null;
  return (
    <tr data-composite={composite ? 'true' : undefined}>
      <th scope="row">
        <a href={`/slos/${encodeURIComponent(slo.name)}`}>{labelOf(slo)}</a>
        {composite && <CompositeParts slo={composite} labels={labels} />}
      </th>
      <td class="num">{formatObjective(slo.objective)}</td>
      <td>{slo.budget ? <BudgetBar fraction={slo.budget.remainingFraction} /> : <span class="muted">no data</span>}</td>
      <td class="num" title={burn ? `burn rate over ${burn.window}` : 'no events yet'}>
        {formatBurn(burn?.burnRate ?? null)}
        {burn && <span class="muted"> ({burn.window})</span>}
      </td>
      <td>
        <StatusBadge status={slo.status} />
      </td>
      <td>{slo.lastDataAt === null ? <span class="muted">never</span> : <RelativeTime at={slo.lastDataAt} now={now} timeZone={timeZone} />}</td>
    </tr>
  );
}

export function OverviewView({ timeZone }: { timeZone: string }) {
  const loaded = useLoader(loadOverview, []);
  useAlertEvents(loaded.reload);
  const now = useNow();
  const [filter, setFilter] = useState<OverviewFilter>('all');
  const [sort, setSort] = useState<OverviewSort>('budget-asc');
  const slos = loaded.data?.slos ?? [];
  const groups = useMemo(() => groupSlos(slos, filter, sort), [slos, filter, sort]);
  const labels = useMemo(() => new Map(slos.map((s) => [s.name, labelOf(s)])), [slos]);
  const counts = useMemo(() => Object.fromEntries(FILTERS.map((f) => [f.value, slos.filter((s) => matchesFilter(s, f.value)).length])), [slos]);

  return (
    <main id="main" class="content">
      <div class="title-row">
        <h1>Service level objectives</h1>
        <button type="button" onClick={loaded.reload} disabled={loaded.loading}>
          {loaded.loading ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      <ErrorLine error={loaded.error} />
      {loaded.data && slos.length === 0 && <EmptyState />}
      {slos.length > 0 && (
        <>
          <div class="toolbar">
            <div role="group" aria-label="Filter SLOs" class="filters">
              {FILTERS.map((f) => (
                <button type="button" key={f.value} aria-pressed={filter === f.value} onClick={() => setFilter(f.value)}>
                  {f.label} <span class="count">{counts[f.value]}</span>
                </button>
              ))}
            </div>
            <label class="sort">
              Sort by{' '}
              <select value={sort} onChange={(e) => setSort((e.target as HTMLSelectElement).value as OverviewSort)}>
                <option value="budget-asc">Budget remaining, lowest first</option>
                <option value="budget-desc">Budget remaining, highest first</option>
                <option value="name">Name</option>
              </select>
            </label>
          </div>
          {groups.length === 0 && <p class="muted">No SLO matches this filter.</p>}
          {groups.map((group) => {
            const gate = loaded.data?.gates.get(group.service) ?? null;
            return (
              <section class="service" key={group.service} aria-labelledby={`svc-${group.service}`}>
                <div class="service-head">
                  <h2 id={`svc-${group.service}`}>{group.service}</h2>
                  {loaded.data?.gates.has(group.service) && <GateBadge decision={gate?.decision ?? null} reason={gate?.reason} />}
                  <span class="muted">{group.count} SLO{group.count === 1 ? '' : 's'}</span>
                </div>
                {group.journeys.map((j) => (
                  <table class="slos" key={j.journey ?? ''}>
                    <caption>{j.journey ? `Journey: ${j.journey}` : 'Not in a journey'}</caption>
                    <thead>
                      <tr>
                        <th scope="col">SLO</th>
                        <th scope="col" class="num">Objective</th>
                        <th scope="col">Budget remaining</th>
                        <th scope="col" class="num">Burn rate</th>
                        <th scope="col">Alert state</th>
                        <th scope="col">Last data</th>
                      </tr>
                    </thead>
                    <tbody>
                      {j.slos.map((slo) => (
                        <SloRow key={slo.name} slo={slo} now={now} timeZone={timeZone} labels={labels} />
                      ))}
                    </tbody>
                  </table>
                ))}
              </section>
            );
          })}
        </>
      )}
    </main>
  );
}
