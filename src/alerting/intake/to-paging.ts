/**
 * Small pure helpers for the paging side of the boundary: one page per `groupKey`, and the
 * escalation model's AlertSnapshot for a page's notifications.
 */
import type { AlertSnapshot } from '../../oncall/escalation/index.js';
import type { InboundAlert, InboundStatus } from './model.js';

export interface InboundGroup {
  groupKey: string;
  /**
   * firing while any alert of the group fires; acknowledged when the sender acknowledged and
   * nothing fires; resolved only when every alert in the group resolved.
   */
  status: InboundStatus;
  alerts: InboundAlert[];
}

/** Groups alerts by page key, in first-seen order. */
export function groupInboundAlerts(alerts: readonly InboundAlert[]): InboundGroup[] {
  const groups = new Map<string, InboundAlert[]>();
  for (const alert of alerts) {
    const list = groups.get(alert.groupKey);
    if (list) list.push(alert);
    else groups.set(alert.groupKey, [alert]);
  }
  return [...groups].map(([groupKey, members]) => ({ groupKey, status: groupStatus(members), alerts: members }));
}

function groupStatus(alerts: readonly InboundAlert[]): InboundStatus {
  if (alerts.some((a) => a.status === 'firing')) return 'firing';
  if (alerts.some((a) => a.status === 'acknowledged')) return 'acknowledged';
  return 'resolved';
}

/** What a page keeps of the alert that opened it; `severity` joins the labels when absent. */
export function toAlertSnapshot(alert: InboundAlert): AlertSnapshot {
  const labels = alert.severity && !('severity' in alert.labels) ? { ...alert.labels, severity: alert.severity } : alert.labels;
  return { source: alert.source, summary: alert.summary, labels, annotations: alert.annotations, runbookUrl: alert.runbookUrl };
}
