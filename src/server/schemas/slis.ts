import { z } from 'zod';

/** Upper bound per request; bigger pushes should be split (the body limit applies as well). */
export const MAX_SAMPLES_PER_REQUEST = 100_000;

const timestamp = z
  .union([
    z.number().int().nonnegative().describe('epoch milliseconds'),
    z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO-8601 timestamp such as 2026-01-31T12:00:00Z'),
  ])
  .describe('When the events happened: epoch milliseconds or ISO-8601. Samples are counted in their UTC minute.');

export const sampleSchema = z
  .object({
    timestamp,
    good: z.number().int().nonnegative().describe('good events'),
    total: z.number().int().nonnegative().describe('all events (good + bad)'),
  })
  .refine((s) => s.good <= s.total, { message: 'good must not exceed total', path: ['good'] });

export type SampleInput = z.output<typeof sampleSchema>;

const samples = z.array(sampleSchema).min(1, 'send at least one sample').max(MAX_SAMPLES_PER_REQUEST);
const idempotencyKey = z
  .string()
  .min(1)
  .max(200)
  .describe('A retry with the same key (per token) is not counted twice; also accepted as the Idempotency-Key header.');

export const sloEventsBody = z.object({ samples, idempotencyKey: idempotencyKey.optional() });

export const bulkEventsBody = z.object({
  batches: z
    .array(z.object({ slo: z.string().min(1), samples }))
    .min(1, 'send at least one batch'),
  idempotencyKey: idempotencyKey.optional(),
});

export const ingestResponse = z.object({
  accepted: z.number().int().describe('samples stored (for a duplicate: what the original request stored)'),
  duplicate: z.boolean().describe('true when the idempotency key was already seen; nothing was counted again'),
});

export type IngestBatchInput = { slo: string; samples: SampleInput[] };
