/** Request and response schemas of the on-call schedule routes (also the OpenAPI document). */
import { z } from 'zod';
import { timestampQuery } from './common.js';

/** A time in a JSON body: epoch ms, or ISO 8601 with an offset (a bare local time is ambiguous). */
export const timestampBody = z.union([
  z.number().int().nonnegative(),
  z.string().refine((s) => /(Z|[+-]\d{2}:?\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)), 'expected epoch milliseconds or an ISO 8601 date-time with an offset, e.g. 2026-03-01T09:00:00+01:00').transform((s) => Date.parse(s)),
]);

export const scheduleParams = z.object({ name: z.string().min(1).max(200).describe('schedule name as declared in the OnCall config') });
export const personParams = z.object({ id: z.string().min(1).max(200).describe('person id as declared in the OnCall config') });
export const changeParams = scheduleParams.extend({ id: z.string().min(1).max(40).describe('override or swap id') });

export const atQuery = z.object({ at: timestampQuery.optional().describe('the instant to ask about (epoch ms or ISO 8601); default now') });

const rangeFields = {
  from: timestampQuery.describe('start of the range (epoch ms or ISO 8601)'),
  to: timestampQuery.describe('end of the range, exclusive'),
};
export const MAX_RANGE_DAYS = 400;
const DAY_MS = 86_400_000;
const checkRange = <T extends { from: number; to: number }>(schema: z.ZodType<T>) =>
  schema
    .refine((q) => q.to > q.from, { message: 'must be after from', path: ['to'] })
    .refine((q) => q.to - q.from <= MAX_RANGE_DAYS * DAY_MS, { message: `the range may span at most ${MAX_RANGE_DAYS} days`, path: ['to'] });

export const rangeQuery = checkRange(z.object(rangeFields));
export const optionalRangeQuery = z.object({ from: rangeFields.from.optional(), to: rangeFields.to.optional() });

export const loadQuery = checkRange(z.object({
  ...rangeFields,
  schedule: z.string().min(1).optional().describe('only this schedule'),
  person: z.string().min(1).optional().describe('only this person'),
}));

export const fairnessQuery = z.object({
  person: z.string().min(1).optional().describe('with from and to: the person of a proposed override, or the first person of a proposed swap'),
  from: timestampQuery.optional().describe('start of the proposed override (of the first person\'s time in a swap)'),
  to: timestampQuery.optional().describe('end of the proposed override (of the first person\'s time in a swap)'),
  with: z.string().min(1).optional().describe('with withFrom and withTo: a proposed swap; this person takes person\'s time from..to, and person takes theirs'),
  withFrom: timestampQuery.optional().describe('start of the second person\'s time in a proposed swap'),
  withTo: timestampQuery.optional().describe('end of the second person\'s time in a proposed swap'),
})
  .refine((q) => q.from === undefined || q.to === undefined || q.to > q.from, { message: 'must be after from', path: ['to'] })
  .refine((q) => q.withFrom === undefined || q.withTo === undefined || q.withTo > q.withFrom, { message: 'must be after withFrom', path: ['withTo'] })
  .refine((q) => q.with === undefined || q.with !== q.person, { message: 'a swap needs two different people', path: ['with'] });

export const feedQuery = z.object({ token: z.string().max(200).optional().describe('signed feed token from the calendar-link route') });

export const exceptionBody = z.object({
  approvedBy: z.string().trim().min(1).max(200).describe('who approved breaking the fairness rule'),
  reason: z.string().trim().min(1).max(2000).describe('why'),
  until: timestampBody.describe('when the exception ends'),
  maxShare: z.number().gt(0).max(1).optional().describe('raise the limit to this share instead of lifting it'),
});

export const overrideBody = z.object({
  person: z.string().min(1).max(200).describe('person id who covers'),
  from: timestampBody,
  to: timestampBody,
  reason: z.string().max(2000).optional(),
  exception: exceptionBody.optional().describe('required when the override breaks the fairness rule; recorded'),
}).refine((b) => b.to > b.from, { message: 'must be after from', path: ['to'] });

const swapSide = z.object({ person: z.string().min(1).max(200), from: timestampBody, to: timestampBody })
  .refine((s) => s.to > s.from, { message: 'must be after from', path: ['to'] });

export const swapBody = z.object({
  first: swapSide.describe('first.person takes second\'s time'),
  second: swapSide.describe('second.person takes first\'s time'),
  reason: z.string().max(2000).optional(),
  exception: exceptionBody.optional(),
}).refine((b) => b.first.person !== b.second.person, { message: 'a swap needs two different people', path: ['second', 'person'] });

const shiftSchema = z.object({
  start: z.number(),
  end: z.number(),
  people: z.array(z.string()),
  source: z.array(z.record(z.string(), z.string())),
});

export const scheduleListResponse = z.object({
  schedules: z.array(z.object({
    name: z.string(),
    timeZone: z.string(),
    team: z.string().optional(),
    description: z.string().optional(),
    layers: z.array(z.object({ name: z.string(), participants: z.array(z.string()), coOnCall: z.boolean() })),
    fairness: z.object({ maxShare: z.number(), horizonDays: z.number(), minRotationSize: z.number() }),
    onCallNow: z.array(z.string()),
  })),
});

export const onCallResponse = z.object({
  schedule: z.string(),
  at: z.number(),
  people: z.array(z.object({ id: z.string(), name: z.string() })),
  shift: shiftSchema.nullable(),
});

export const shiftsResponse = z.object({ schedule: z.string(), from: z.number(), to: z.number(), shifts: z.array(shiftSchema) });
export const gapsResponse = z.object({ schedule: z.string(), from: z.number(), to: z.number(), gaps: z.array(z.object({ start: z.number(), end: z.number() })) });

const storedChange = z.object({
  id: z.string(),
  schedule: z.string(),
  change: z.record(z.string(), z.unknown()),
  createdBy: z.string(),
  reason: z.string().nullable(),
  createdAt: z.number(),
});
export const changeListResponse = z.object({ changes: z.array(storedChange) });
export const changeCreatedResponse = z.object({
  change: storedChange,
  verdict: z.object({ accepted: z.boolean(), message: z.string() }),
  exceptions: z.array(z.record(z.string(), z.unknown())).describe('exceptions recorded with this change'),
});
/** The verdict on a proposed change, the same for overrides and swaps. */
export const proposedVerdict = z.object({
  accepted: z.boolean(),
  message: z.string().describe('the verdict in words; a refused change\'s 409 on save carries the same sentence'),
  exceptionRequired: z.boolean().describe('saving needs an approved exception (approvedBy, reason, until)'),
  overLimit: z.array(z.object({
    person: z.string(),
    windowStart: z.number().describe('start of the person\'s busiest window after the change'),
    windowEnd: z.number(),
    hours: z.number().describe('hours on call in that window after the change'),
    hoursBefore: z.number().describe('the same person\'s busiest-window hours without the change'),
    limitHours: z.number(),
    hoursOverLimit: z.number(),
    share: z.number(),
    limitShare: z.number(),
    message: z.string(),
  })).describe('each person the change pushes over the fairness limit (or further over it); empty when accepted'),
});

export const fairnessResponse = z.object({
  schedule: z.string(),
  proposed: z.record(z.string(), z.unknown()).nullable().describe('the proposed override or swap judged (kind, person or first/second, start, end); null without one'),
  verdict: proposedVerdict.nullable().describe('for a proposed override or swap; null without one'),
  report: z.record(z.string(), z.unknown()),
});
export const feedLinkResponse = z.object({ url: z.string().describe('path with ?token=; prefix it with the server address') });
