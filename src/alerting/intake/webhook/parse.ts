/** Generic webhook body -> InboundAlerts; `now` stands in for a missing `startsAt`. */
import { intakeKey } from '../keys.js';
import type { InboundAlert, Integration } from '../model.js';
import { invalid, problemsFromZod, type ParseResult } from '../parse-result.js';
import { parseTimestamp } from '../time.js';
import { webhookAlertListSchema, webhookAlertSchema, type WebhookAlertInput } from './schema.js';

export function parseWebhookBody(body: unknown, integration: Pick<Integration, 'type' | 'name'>, now: number): ParseResult<InboundAlert[]> {
  if (typeof body !== 'object' || body === null) {
    return invalid([{ path: '(body)', message: 'must be one alert object or a list of alert objects' }]);
  }
  const list = Array.isArray(body);
  const parsed = list ? webhookAlertListSchema.safeParse(body) : webhookAlertSchema.safeParse(body);
  if (!parsed.success) return invalid(problemsFromZod(parsed.error));
  const inputs: WebhookAlertInput[] = list ? (parsed.data as WebhookAlertInput[]) : [parsed.data as WebhookAlertInput];
  const raws: unknown[] = list ? (body as unknown[]) : [body];
  return { ok: true, value: inputs.map((input, i) => toInboundAlert(input, raws[i], integration, now)) };
}

function toInboundAlert(input: WebhookAlertInput, raw: unknown, integration: Pick<Integration, 'type' | 'name'>, now: number): InboundAlert {
  const dedupKey = intakeKey(integration, input.dedupKey, input.labels);
  const severity = input.severity ?? input.labels.severity ?? null;
  return {
    source: 'webhook',
    integration: integration.name,
    dedupKey,
    groupKey: input.groupKey ? intakeKey(integration, input.groupKey, input.labels) : dedupKey,
    status: input.status,
    labels: input.labels,
    annotations: input.annotations,
    summary: input.summary ?? `${input.status} ${input.dedupKey ?? input.labels.alertname ?? 'alert'}`,
    severity,
    startsAt: parseTimestamp(input.startsAt) ?? now,
    endsAt: parseTimestamp(input.endsAt) ?? (input.status === 'resolved' ? now : null),
    runbookUrl: input.runbookUrl ?? input.annotations.runbook_url ?? null,
    raw,
  };
}
