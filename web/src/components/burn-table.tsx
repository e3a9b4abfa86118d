/** The multi-window burn-rate conditions of an SLO or a composite, each with its current burn and state. */
import type { SloDetail } from '../api/types.js';
import { formatBurn, formatThreshold } from '../lib/format.js';

export const ALERT_KIND_LABELS: Record<string, string> = { page: 'Page', ticket: 'Ticket', noData: 'No data', budgetExhausted: 'Budget exhausted' };

/** A row above its threshold reads Firing when `alerts` has that severity firing (a composite's alerts are always empty). */
export function BurnTable({ slo }: { slo: Pick<SloDetail, 'burnRates' | 'alerts' | 'alertWindows'> }) {
  const burnOf = new Map(slo.burnRates.map((b) => [b.window, b]));
  const firing = new Set(slo.alerts.filter((a) => a.firing).map((a) => a.kind));
  const cell = (window: string, threshold: number) => {
    const b = burnOf.get(window);
    const over = b !== undefined && b.total > 0 && b.burnRate > threshold;
    return (
      <td class={`num ${over ? 'over' : ''}`}>
        {formatBurn(b && b.total > 0 ? b.burnRate : null)} <span class="muted">/ {formatThreshold(threshold)}</span>
        {over && <span class="sr-only"> (above threshold)</span>}
      </td>
    );
  };
  return (
    <table class="burn">
      <caption>Multi-window burn-rate conditions: an alert fires when both windows burn faster than the threshold.</caption>
      <thead>
        <tr>
          <th scope="col">Severity</th>
          <th scope="col">Long window</th>
          <th scope="col" class="num">Burn / threshold</th>
          <th scope="col">Short window</th>
          <th scope="col" class="num">Burn / threshold</th>
          <th scope="col">State</th>
        </tr>
      </thead>
      <tbody>
        {slo.alertWindows.map((w) => {
          const long = burnOf.get(w.longWindow);
          const short = burnOf.get(w.shortWindow);
          const both = !!long && !!short && long.burnRate > w.threshold && short.burnRate > w.threshold && long.total > 0;
          return (
            <tr key={`${w.severity}-${w.longWindow}-${w.shortWindow}`}>
              <th scope="row">{ALERT_KIND_LABELS[w.severity]}</th>
              <td>{w.longWindow}</td>
              {cell(w.longWindow, w.threshold)}
              <td>{w.shortWindow}</td>
              {cell(w.shortWindow, w.threshold)}
              <td>
                {w.disabled ? (
                  <span class="muted">disabled</span>
                ) : both ? (
                  <span class={`badge ${firing.has(w.severity) ? 'status-page' : 'status-ticket'}`}>{firing.has(w.severity) ? 'Firing' : 'Above threshold'}</span>
                ) : (
                  <span class="badge status-ok">Below threshold</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
