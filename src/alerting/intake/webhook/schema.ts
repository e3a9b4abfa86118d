/**
 * sloop's generic inbound webhook: one alert object, or a JSON array of them. Small on
 * purpose; anything a sender wants to keep goes into `labels` (routing, grouping) or
 * `annotations` (text for people). Unknown fields are ignored.
 */
import { z } from 'zod';
import { isTimestamp } from '../time.js';

export const MAX_WEBHOOK_ALERTS = 1000;

const stringMap = z.record(z.string(), z.string(), { error: 'must be a mapping of names to string values' });
const timestamp = z.string().refine(isTimestamp, { message: 'must be an RFC 3339 timestamp such as 2026-11-27T12:00:00Z' });

export const webhookAlertSchema = z
  .object({
    dedupKey: z.string().trim().min(1, { message: 'must not be empty; omit it to key the alert by its labels' }).max(255, { message: 'must be at most 255 characters' }).optional(),
    /** Alerts sharing a groupKey share one page; defaults to the dedup key. */
    groupKey: z.string().trim().min(1).max(255).optional(),
    status: z.enum(['firing', 'resolved', 'acknowledged'], { error: 'must be "firing", "resolved" or "acknowledged"' }).default('firing'),
    summary: z.string().trim().max(1024, { message: 'must be at most 1024 characters' }).optional(),
    severity: z.string().trim().min(1).optional(),
    labels: stringMap.default({}),
    annotations: stringMap.default({}),
    runbookUrl: z.url({ message: 'must be an absolute URL such as https://runbooks.example.com/checkout' }).optional(),
    startsAt: timestamp.optional(),
    endsAt: timestamp.optional(),
  })
  .superRefine((alert, ctx) => {
    if (!alert.dedupKey && Object.keys(alert.labels).length === 0) {
      ctx.addIssue({ code: 'custom', path: ['dedupKey'], message: 'is required when there are no labels; send a dedupKey or labels that identify the alert' });
    }
    if (alert.status === 'firing' && !alert.summary) {
      ctx.addIssue({ code: 'custom', path: ['summary'], message: 'is required for a firing alert; say what is wrong in one line' });
    }
  });

export const webhookAlertListSchema = z
  .array(webhookAlertSchema)
  .min(1, { message: 'the list is empty; send at least one alert' })
  .max(MAX_WEBHOOK_ALERTS, { message: `send at most ${MAX_WEBHOOK_ALERTS} alerts per request` });

export type WebhookAlertInput = z.infer<typeof webhookAlertSchema>;
