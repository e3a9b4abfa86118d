/**
 * The intake boundary: `OnAlerts` for the integration routes. Alerts are grouped by page key
 * (one Alertmanager group pages once) and each group is one transaction; a throw makes the
 * sender retry, and a retried request folds into the page it already opened.
 */
import { groupInboundAlerts, toAlertSnapshot, type OnAlerts } from '../../alerting/intake/index.js';
import type { PagingEngine } from './engine.js';
import type { AlertOutcome } from './model.js';

export function pagingOnAlerts(engine: PagingEngine, afterChange: () => void = () => {}): OnAlerts {
  return async (integration, alerts) => {
    const outcomes: AlertOutcome[] = [];
    for (const group of groupInboundAlerts(alerts)) {
      const lead = group.alerts.find((a) => a.status === group.status) ?? group.alerts[0];
      outcomes.push(await engine.handleAlert({ dedupKey: group.groupKey, status: group.status, alert: toAlertSnapshot(lead), by: `${integration.type} integration ${integration.name}` }));
    }
    afterChange();
    return { message: summarise(outcomes) };
  };
}

function summarise(outcomes: readonly AlertOutcome[]): string {
  const counts = new Map<string, number>();
  for (const o of outcomes) counts.set(o.outcome, (counts.get(o.outcome) ?? 0) + 1);
  const parts = [...counts].map(([what, n]) => `${n} ${what}`);
  const unrouted = outcomes.find((o) => o.outcome === 'unrouted');
  return `${parts.join(', ') || 'nothing to do'}${unrouted && unrouted.outcome === 'unrouted' ? `; ${unrouted.reason}` : ''}`;
}
