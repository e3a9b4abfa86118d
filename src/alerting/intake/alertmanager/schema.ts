/**
 * Alertmanager's webhook payload, version 4 (notify/webhook/webhook.go, template/template.go).
 * Unknown fields are ignored, never rejected: newer Alertmanagers add fields such as
 * `notification_reason` (v0.32) and `routeLabels` (v0.34), and an upgrade of the sender must
 * not break paging.
 */
import { z } from 'zod';
import { isTimestamp } from '../time.js';

const stringMap = z.record(z.string(), z.string(), { error: 'must be a mapping of names to string values' });
const timestamp = z.string().refine(isTimestamp, { message: 'must be an RFC 3339 timestamp such as 2026-11-27T12:00:00Z' });
const status = z.enum(['firing', 'resolved'], { error: 'must be "firing" or "resolved"' });

export const alertmanagerAlertSchema = z.object({
  status,
  labels: stringMap,
  annotations: stringMap.default({}),
  startsAt: timestamp,
  endsAt: timestamp.optional(),
  generatorURL: z.string().optional(),
  fingerprint: z.string().optional(),
});

export const alertmanagerPayloadSchema = z.object({
  version: z.literal('4', { error: 'must be "4"; sloop reads Alertmanager webhook payload version 4 (Alertmanager 0.x sends it)' }),
  groupKey: z.string({ error: 'is required: the Alertmanager group key' }).min(1, { message: 'must not be empty' }),
  truncatedAlerts: z.number().int().nonnegative().default(0),
  status,
  receiver: z.string().default(''),
  groupLabels: stringMap.default({}),
  commonLabels: stringMap.default({}),
  commonAnnotations: stringMap.default({}),
  externalURL: z.string().default(''),
  alerts: z.array(alertmanagerAlertSchema, { error: 'must be a list of alerts' }),
});

export type AlertmanagerPayload = z.infer<typeof alertmanagerPayloadSchema>;
export type AlertmanagerAlert = z.infer<typeof alertmanagerAlertSchema>;
