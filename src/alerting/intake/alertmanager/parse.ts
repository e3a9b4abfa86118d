/**
 * One Alertmanager notification -> InboundAlerts. The notification is one alert group: every
 * alert shares the page key `groupKey`; each alert keeps its own identity by `fingerprint`.
 * A `resolved` alert resolves; the group's page closes when none of its alerts still fires.
 */
import { intakeKey } from '../keys.js';
import type { InboundAlert, Integration } from '../model.js';
import { invalid, problemsFromZod, type ParseResult } from '../parse-result.js';
import { parseTimestamp } from '../time.js';
import { alertmanagerPayloadSchema, type AlertmanagerAlert } from './schema.js';

export interface AlertmanagerNotification {
  /** Alertmanager's own group key, as sent. */
  groupKey: string;
  status: 'firing' | 'resolved';
  receiver: string;
  /** Alerts Alertmanager left out because of the receiver's `max_alerts`. */
  truncatedAlerts: number;
  alerts: InboundAlert[];
}

export function parseAlertmanagerPayload(body: unknown, integration: Pick<Integration, 'type' | 'name'>): ParseResult<AlertmanagerNotification> {
  const parsed = alertmanagerPayloadSchema.safeParse(body);
  if (!parsed.success) return invalid(problemsFromZod(parsed.error));
  const payload = parsed.data;
  const rawAlerts = (body as { alerts: unknown[] }).alerts;
  const groupKey = intakeKey(integration, payload.groupKey, payload.groupLabels);
  const alerts = payload.alerts.map((alert, i): InboundAlert => ({
    source: 'alertmanager',
    integration: integration.name,
    dedupKey: intakeKey(integration, alert.fingerprint, alert.labels),
    groupKey,
    status: alert.status,
    labels: alert.labels,
    annotations: alert.annotations,
    summary: summaryOf(alert),
    severity: alert.labels.severity ?? null,
    startsAt: parseTimestamp(alert.startsAt) ?? 0,
    endsAt: parseTimestamp(alert.endsAt),
    runbookUrl: alert.annotations.runbook_url || null,
    raw: rawAlerts[i],
  }));
  return {
    ok: true,
    value: { groupKey: payload.groupKey, status: payload.status, receiver: payload.receiver, truncatedAlerts: payload.truncatedAlerts, alerts },
  };
}

function summaryOf(alert: AlertmanagerAlert): string {
  const { annotations, labels } = alert;
  return annotations.summary || annotations.description || annotations.message || labels.alertname || `alert ${alert.fingerprint ?? ''}`.trim();
}
