/**
 * One SLO: budget, burndown chart, the multi-window burn-rate table, alert history, runbooks.
 * A composite SLO gets its own body: components, weighted budget, burn table, definition.
 */
import { api } from '../api/client.js';
import type { AlertsResponse, CompositeDetail } from '../api/types.js';
import { BudgetLeft } from '../components/budget-bar.js';
import { ALERT_KIND_LABELS, BurnTable } from '../components/burn-table.js';
import { TitledSection } from '../components/titled-section.js';
import { BurndownChart } from '../components/burndown-chart.js';
import { SliChart } from '../components/sli-chart.js';
import { YamlSource } from '../components/yaml-source.js';
import { StatusBadge } from '../components/status-badge.js';
import { RelativeTime } from '../components/time.js';
import { formatObjective, formatPercent, formatSloWindow } from '../lib/format.js';
import { useAlertEvents, useLoader, useNow } from '../lib/hooks.js';
import { isComposite } from '../lib/overview.js';
import { ErrorLine } from '../components/error-line.js';

function safeUrl(url: string): string | null {
  try {
    const parsed = new URL(url, location.origin);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

function History({ alerts, now, timeZone }: { alerts: AlertsResponse; now: number; timeZone: string }) {
  if (alerts.transitions.length === 0) return <p class="muted">No alert has fired for this SLO yet.</p>;
  return (
    <table class="history">
      <caption class="sr-only">Alert history, newest first</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Alert</th>
          <th scope="col">Event</th>
          <th scope="col">Why</th>
        </tr>
      </thead>
      <tbody>
        {alerts.transitions.map((t) => (
          <tr key={t.id}>
            <td>
              <RelativeTime at={t.at} now={now} timeZone={timeZone} />
            </td>
            <td>{ALERT_KIND_LABELS[t.kind] ?? t.kind}</td>
            <td>{t.event === 'fired' ? 'Fired' : 'Resolved'}</td>
            <td>{typeof t.details.reason === 'string' ? t.details.reason : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function SloDetailView({ name, timeZone }: { name: string; timeZone: string }) {
  const loaded = useLoader(() => Promise.all([api.slo(name), api.alerts(name)]), [name]);
  useAlertEvents(loaded.reload);
  const now = useNow();
  const [answer, alerts] = loaded.data ?? [null, null];
  const composite = answer && isComposite(answer) ? answer : null;
  const slo = answer && !isComposite(answer) ? answer : null;
  const runbooks = slo ? Object.entries(slo.runbooks).map(([kind, url]) => [kind, safeUrl(url)] as const).filter((e): e is readonly [string, string] => e[1] !== null) : [];
  return (
    <main id="main" class="content">
      <p>
        <a href="/">← All SLOs</a>
      </p>
      <ErrorLine error={loaded.error} />
      {!answer && !loaded.error && <p class="muted">Loading {name}…</p>}
      {composite && <CompositeBody slo={composite} now={now} timeZone={timeZone} />}
      {slo && alerts && (
        <>
          <div class="title-row">
            <h1>{slo.displayName ?? slo.name}</h1>
            <StatusBadge status={slo.status} />
          </div>
          {slo.description && <p>{slo.description}</p>}
          <dl class="facts">
            <div><dt>Service</dt><dd>{slo.service}</dd></div>
            {slo.journey && <div><dt>Journey</dt><dd>{slo.journey}</dd></div>}
            <div><dt>Objective</dt><dd>{formatObjective(slo.objective)}</dd></div>
            <div><dt>Window</dt><dd>{formatSloWindow(slo.window)}</dd></div>
            <div><dt>SLI</dt><dd>{slo.sli.kind} ({slo.sli.source})</dd></div>
            <div><dt>SLI now</dt><dd>{slo.budget.sli === null ? 'no events' : formatPercent(slo.budget.sli, 3)}</dd></div>
            <div><dt>Last data</dt><dd>{slo.lastDataAt === null ? 'never' : <RelativeTime at={slo.lastDataAt} now={now} timeZone={timeZone} />}</dd></div>
          </dl>
          <TitledSection id="budget" title="Error budget">
            <BudgetLeft budget={slo.budget} />
            <BurndownChart series={slo.budgetSeries} timeZone={timeZone} />
          </TitledSection>
          <TitledSection id="sli" title="SLI over time">
            <SliChart series={slo.sliSeries} objective={slo.objective} timeZone={timeZone} />
          </TitledSection>
          <TitledSection id="burn" title="Burn rate">
            <BurnTable slo={slo} />
          </TitledSection>
          <TitledSection id="history" title="Alert history">
            <History alerts={alerts} now={now} timeZone={timeZone} />
          </TitledSection>
          <TitledSection id="runbook" title="Runbooks">
            {runbooks.length === 0 ? (
              <p class="muted">No runbook linked. Add <code>alerting.runbooks.default: https://…</code> to the SLO.</p>
            ) : (
              <ul>
                {runbooks.map(([kind, url]) => (
                  <li key={kind}>
                    <a href={url} rel="noopener noreferrer" target="_blank">
                      {kind === 'default' ? 'Runbook' : `${ALERT_KIND_LABELS[kind] ?? kind} runbook`}
                    </a>{' '}
                    <span class="muted">{url}</span>
                  </li>
                ))}
              </ul>
            )}
          </TitledSection>
          <TitledSection id="yaml" title="Definition">
            <YamlSource definition={slo.definition} />
          </TitledSection>
        </>
      )}
    </main>
  );
}

/** A composite: no SLI of its own, no alerts (its components alert), no runbooks. */
function CompositeBody({ slo, now, timeZone }: { slo: CompositeDetail; now: number; timeZone: string }) {
  return (
    <>
      <div class="title-row">
        <h1>
          {slo.name} <span class="badge composite-marker">composite</span>
        </h1>
        <StatusBadge status={slo.status} />
      </div>
      <p>
        A weighted combination of the SLOs below: it spends the share-weighted fraction of each component&apos;s own budget. Shown, not alerted on: its components
        alert.
      </p>
      <dl class="facts">
        <div><dt>Service</dt><dd>{slo.service ?? 'none'}</dd></div>
        <div><dt>Objective</dt><dd>{formatObjective(slo.objective)}</dd></div>
        <div><dt>Window</dt><dd>{formatSloWindow(slo.window)}</dd></div>
        <div><dt>SLI now</dt><dd>{slo.budget === null || slo.budget.sli === null ? 'no events' : formatPercent(slo.budget.sli, 3)} <span class="muted">(weighted)</span></dd></div>
        <div><dt>Last data</dt><dd>{slo.lastDataAt === null ? 'never' : <RelativeTime at={slo.lastDataAt} now={now} timeZone={timeZone} />}</dd></div>
      </dl>
      <TitledSection id="components" title="Components">
        <table class="components">
          <caption class="sr-only">Components with their weights, shares and own budget spent</caption>
          <thead>
            <tr>
              <th scope="col">SLO</th>
              <th scope="col" class="num">Weight</th>
              <th scope="col" class="num">Share</th>
              <th scope="col" class="num">Own budget spent</th>
            </tr>
          </thead>
          <tbody>
            {slo.components.map((c) => (
              <tr key={c.slo}>
                <th scope="row">
                  <a href={`/slos/${encodeURIComponent(c.slo)}`}>{c.slo}</a>
                </th>
                <td class="num">{c.weight}</td>
                <td class="num">{formatPercent(c.share)}</td>
                <td class="num">{c.consumed === null ? <span class="muted">no data</span> : formatPercent(c.consumed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TitledSection>
      <TitledSection id="budget" title="Error budget">
        {slo.budget ? (
          <BudgetLeft budget={slo.budget} />
        ) : (
          <p class="muted">No data: no component has recorded events yet.</p>
        )}
      </TitledSection>
      <TitledSection id="burn" title="Burn rate">
        <BurnTable slo={slo} />
      </TitledSection>
      <TitledSection id="yaml" title="Definition">
        <YamlSource definition={slo.definition} />
      </TitledSection>
    </>
  );
}
