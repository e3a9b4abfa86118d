/**
 * PagerDuty Events API v2 (`POST /v2/enqueue`), as documented by PagerDuty. Unknown fields are
 * ignored. Error messages follow PagerDuty's wording (`'payload.summary' is missing or blank`)
 * so tools that surface PagerDuty's errors read naturally.
 */
import { z } from 'zod';
import { isTimestamp } from '../time.js';

export const PD_SEVERITIES = ['critical', 'error', 'warning', 'info'] as const;
export const PD_ACTIONS = ['trigger', 'acknowledge', 'resolve'] as const;
export const MAX_DEDUP_KEY_LENGTH = 255;
export const MAX_SUMMARY_LENGTH = 1024;

const optionalText = (field: string) => z.string({ error: `'${field}' must be a string` }).optional();

const payloadSchema = z.object({
  summary: z.string({ error: `'payload.summary' is missing or blank` }).trim().min(1, { message: `'payload.summary' is missing or blank` }),
  source: z.string({ error: `'payload.source' is missing or blank` }).trim().min(1, { message: `'payload.source' is missing or blank` }),
  severity: z.enum(PD_SEVERITIES, { error: `'payload.severity' is invalid (must be one of the following: 'critical', 'warning', 'error' or 'info')` }),
  timestamp: z
    .string({ error: `'payload.timestamp' must be an ISO 8601 timestamp` })
    .refine(isTimestamp, { message: `'payload.timestamp' must be an ISO 8601 timestamp such as 2026-11-27T12:00:00Z` })
    .optional(),
  component: optionalText('payload.component'),
  group: optionalText('payload.group'),
  class: optionalText('payload.class'),
  custom_details: z.unknown().optional(),
});

const linkSchema = z.object({ href: z.string({ error: `'links[].href' is missing` }), text: z.string().optional() });
const imageSchema = z.object({ src: z.string({ error: `'images[].src' is missing` }), href: z.string().optional(), alt: z.string().optional() });

export const pagerDutyEventSchema = z
  .object({
    routing_key: z.string({ error: `'routing_key' is missing or blank` }).min(1, { message: `'routing_key' is missing or blank` }),
    event_action: z.enum(PD_ACTIONS, { error: `'event_action' is invalid (must be one of the following: 'trigger', 'acknowledge' or 'resolve')` }),
    dedup_key: z
      .string({ error: `'dedup_key' must be a string` })
      .max(MAX_DEDUP_KEY_LENGTH, { message: `'dedup_key' is too long (maximum is ${MAX_DEDUP_KEY_LENGTH} characters)` })
      .optional(),
    payload: payloadSchema.optional(),
    links: z.array(linkSchema, { error: `'links' must be a list` }).default([]),
    images: z.array(imageSchema, { error: `'images' must be a list` }).default([]),
    client: optionalText('client'),
    client_url: optionalText('client_url'),
  })
  .superRefine((event, ctx) => {
    if (event.event_action === 'trigger' && event.payload === undefined) {
      ctx.addIssue({ code: 'custom', path: ['payload'], message: `'payload' is missing; a trigger event needs payload.summary, payload.source and payload.severity` });
    }
    if (event.event_action !== 'trigger' && !event.dedup_key) {
      ctx.addIssue({ code: 'custom', path: ['dedup_key'], message: `'dedup_key' is missing or blank; ${event.event_action} needs the dedup_key of the triggered event` });
    }
  });

export type PagerDutyEventInput = z.infer<typeof pagerDutyEventSchema>;
