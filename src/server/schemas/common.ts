import { z } from 'zod';

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string().describe('INPUT, NOT_FOUND, AUTHENTICATION, NOT_ALLOWED, PAYLOAD_TOO_LARGE, UNAVAILABLE, CONFLICT, CONFIG or INTERNAL'),
    message: z.string(),
    problems: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

export const sloNameParams = z.object({
  slo: z.string().min(1).max(200).describe('SLO name as declared in the config'),
});

/** Epoch milliseconds or an ISO-8601 timestamp; both arrive as strings in a query. */
export const timestampQuery = z
  .string()
  .refine((s) => /^\d+$/.test(s) || !Number.isNaN(Date.parse(s)), 'expected epoch milliseconds or an ISO-8601 timestamp')
  .transform((s) => (/^\d+$/.test(s) ? Number(s) : Date.parse(s)));
