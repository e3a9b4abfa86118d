/** Every action item by due date, and the follow-through report: did the last incidents' fixes ship? */
import { incidentsApi } from '../api/incidents.js';
import { ActionTable } from '../components/action-items.js';
import { formatDay, formatPercent } from '../lib/format.js';
import { useLoader, useNow } from '../lib/hooks.js';
import { ErrorLine } from '../components/error-line.js';

export function ActionsView({ timeZone, canWrite }: { timeZone: string; canWrite: boolean }) {
  const now = useNow();
  const loaded = useLoader(() => Promise.all([incidentsApi.actions(), incidentsApi.followThrough()]), []);
  const [actions, follow] = loaded.data ?? [null, null];
  const report = follow?.report ?? null;
  return (
    <main id="main" class="content">
      <p>
        <a href="/incidents">← Incidents</a>
      </p>
      <h1>Action items and follow-through</h1>
      <ErrorLine error={loaded.error} />
      {report && (
        <section aria-labelledby="ft-title">
          <h2 id="ft-title">Follow-through of the last {report.incidents.length} incidents</h2>
          <dl class="facts">
            <div><dt>Items from incidents</dt><dd>{report.incidentItems.total}</dd></div>
            <div><dt>Shipped</dt><dd>{report.incidentItems.shipped}</dd></div>
            <div><dt>Open</dt><dd>{report.incidentItems.open}</dd></div>
            <div><dt>Overdue</dt><dd class={report.incidentItems.overdue > 0 ? 'bad-text' : ''}>{report.incidentItems.overdue}</dd></div>
            <div><dt>Won't do</dt><dd>{report.incidentItems.wontDo}</dd></div>
            <div><dt>Page follow-ups open</dt><dd>{report.pageFollowUps.open} of {report.pageFollowUps.total}</dd></div>
            <div><dt>Median days to ship</dt><dd>{report.medianDaysToShip === null ? 'none shipped yet' : report.medianDaysToShip.toFixed(1)}</dd></div>
            <div><dt>Shipped on time</dt><dd>{report.onTimeShare === null ? 'none shipped yet' : formatPercent(report.onTimeShare, 0)}</dd></div>
          </dl>
          {report.overdueByOwner.length === 0 ? (
            <p class="muted">Nothing overdue.</p>
          ) : (
            <table>
              <caption>Overdue by owner</caption>
              <thead>
                <tr>
                  <th scope="col">Owner</th>
                  <th scope="col">Overdue items</th>
                </tr>
              </thead>
              <tbody>
                {report.overdueByOwner.map((o) => (
                  <tr key={o.owner}>
                    <th scope="row">{o.owner}</th>
                    <td>{o.items.map((i) => `${i.id} ${i.title} (${i.priority}, due ${formatDay(i.dueAt, timeZone)}, ${Math.round(i.daysOverdue)} d late)`).join('; ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
      {actions && (
        <section aria-labelledby="all-actions-title">
          <h2 id="all-actions-title">All action items</h2>
          <ActionTable items={actions.actions} now={now} timeZone={timeZone} canWrite={canWrite} onChanged={loaded.reload} caption="By due date; page follow-ups included" />
        </section>
      )}
    </main>
  );
}
