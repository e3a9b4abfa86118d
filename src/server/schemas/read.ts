/** Response and query schemas of the read API (SLOs, alerts, gate, config status). */
import { z } from 'zod';
import { timestampQuery } from './common.js';

export const windowSchema = z.union([
  z.object({ type: z.literal('rolling'), minutes: z.number() }),
  z.object({ type: z.literal('calendar'), unit: z.enum(['week', 'month', 'quarter']), timeZone: z.string() }),
]);

export const burnRateSchema = z.object({
  window: z.string().describe('window label such as 1h or 5m'),
  minutes: z.number(),
  burnRate: z.number().describe('observed error ratio / allowed error ratio; 1 spends the budget exactly over the period'),
  total: z.number().describe('events in the window'),
});

export const alertStateSchema = z.object({
  kind: z.enum(['page', 'ticket', 'noData', 'budgetExhausted']),
  firing: z.boolean(),
  since: z.number().describe('epoch ms of the transition that set this state'),
  burnRates: z.record(z.string(), z.number()),
});

export const budgetSchema = z.object({
  remainingFraction: z.number().describe('1 untouched, 0 spent, negative when overspent'),
  remainingMinutes: z.number().describe('remaining budget as minutes of full outage'),
  totalMinutes: z.number().describe('the whole budget of the period as minutes of full outage'),
  good: z.number(),
  total: z.number(),
  sli: z.number().nullable().describe('good/total over the window; null without events'),
});

export const sloSummarySchema = z.object({
  name: z.string(),
  displayName: z.string().optional(),
  description: z.string().optional(),
  service: z.string(),
  journey: z.string().optional(),
  objective: z.number(),
  window: windowSchema,
  sli: z.object({ kind: z.string(), source: z.enum(['push', 'prometheus', 'remote_write']) }),
  budget: budgetSchema,
  burnRates: z.array(burnRateSchema),
  alerts: z.array(alertStateSchema),
  status: z.enum(['ok', 'ticket', 'page', 'exhausted', 'noData']).describe('the most severe firing condition'),
  lastDataAt: z.number().nullable(),
  evaluatedAt: z.number(),
});

export const sloDetailSchema = sloSummarySchema.extend({
  budgetSeries: z
    .array(z.object({ at: z.number(), remainingFraction: z.number() }))
    .describe('budget remaining at regular points over the window, oldest first (for charts)'),
  sliSeries: z
    .array(z.object({ at: z.number(), sli: z.number().nullable(), total: z.number() }))
    .describe('SLI (good/total) of the events between the previous point and `at`, at the same points as budgetSeries; null without events'),
  definition: z
    .object({ file: z.string(), line: z.number(), format: z.enum(['sloop', 'openslo', 'sloth']), startLine: z.number(), excerpt: z.string().nullable() })
    .describe('the config file lines that defined the SLO (excerpt is null when the file can no longer be read)'),
  alertWindows: z
    .array(
      z.object({
        severity: z.enum(['page', 'ticket']),
        longWindow: z.string(),
        shortWindow: z.string(),
        threshold: z.number().describe('burn rate both windows must exceed to fire'),
        disabled: z.boolean(),
      }),
    )
    .describe('the multi-window burn-rate alert conditions (current burns are in burnRates by window label)'),
  runbooks: z.record(z.string(), z.string()).describe('runbook URL per alert kind; "default" applies to kinds without their own'),
});

/** One component of a composite as the read API shows it. */
export const compositeComponentSchema = z.object({
  slo: z.string(),
  weight: z.number(),
  share: z.number().describe('weight / sum of the weights of the components with data; 0 without data'),
  consumed: z.number().nullable().describe('fraction of its own budget the component spent; null without data'),
});

/**
 * A composite SLO (OpenSLO compositeWeight) evaluated from its components (docs/slos.md,
 * "Composite SLOs"). Shown, not alerted on: `alerts` is always empty.
 */
export const compositeSummarySchema = z.object({
  name: z.string(),
  composite: z.literal(true),
  service: z.string().nullable().describe("the components' service; null when no component is configured"),
  objective: z.number(),
  window: windowSchema,
  components: z.array(compositeComponentSchema),
  budget: budgetSchema.nullable().describe('share-weighted consumption of the components\' budgets; null when no component has data'),
  burnRates: z.array(burnRateSchema).describe('share-weighted burn rates of the components over the windows of the composite\'s own policy'),
  alerts: z.array(alertStateSchema).max(0).describe('always empty: composites are shown, not alerted on (their components alert)'),
  status: z.enum(['ok', 'ticket', 'page', 'exhausted', 'noData']).describe('what the composite\'s policy would say; noData when no component has data'),
  lastDataAt: z.number().nullable(),
  evaluatedAt: z.number(),
});

export const compositeDetailSchema = compositeSummarySchema.extend({
  definition: sloDetailSchema.shape.definition,
  alertWindows: sloDetailSchema.shape.alertWindows,
});

export const sloListResponse = z.object({
  slos: z.array(z.union([sloSummarySchema, compositeSummarySchema])).describe('every SLO; each composite right after the last of its components'),
});
export const sloDetailResponse = z.union([sloDetailSchema, compositeDetailSchema]);

export const sloDetailParams = z.object({ name: z.string().min(1).max(200) });
export const sloDetailQuery = z.object({
  points: z
    .string()
    .regex(/^\d+$/, 'expected a whole number')
    .transform(Number)
    .pipe(z.number().int().min(2).max(2000))
    .optional()
    .describe('number of points in budgetSeries (default 100)'),
});

export const alertsQuery = z.object({
  slo: z.string().min(1).optional(),
  state: z.enum(['firing', 'resolved']).optional().describe('firing: currently firing alerts; resolved: resolved transitions'),
  kind: z.enum(['page', 'ticket', 'noData', 'budgetExhausted']).optional(),
  since: timestampQuery.optional().describe('transitions at or after this time (epoch ms or ISO-8601)'),
  limit: z.string().regex(/^\d+$/, 'expected a whole number').transform(Number).pipe(z.number().int().min(1).max(10_000)).optional(),
});

export const alertTransitionSchema = z.object({
  id: z.number(),
  slo: z.string(),
  kind: z.string(),
  event: z.enum(['fired', 'resolved']),
  at: z.number(),
  burnRates: z.record(z.string(), z.number()),
  details: z.record(z.string(), z.unknown()),
});

export const alertsResponse = z.object({
  firing: z.array(alertStateSchema.extend({ slo: z.string() })).describe('alerts firing now (matching slo/kind filters)'),
  transitions: z.array(alertTransitionSchema).describe('fired/resolved history, newest first'),
});

export const gateQuery = z.object({
  service: z.string().min(1).describe('service name as declared in the config'),
  changeLabel: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .describe('labels of the change (repeatable); an exception label such as reliability lets it ship during a freeze'),
});

export const gateResponse = z.object({
  service: z.string(),
  decision: z.enum(['allowed', 'frozen']),
  allowed: z.boolean(),
  reason: z.string(),
  exception: z.string().nullable().describe('the change label that let this change through a freeze'),
  responsible: z.array(
    z.object({
      slo: z.string(),
      remainingFraction: z.number(),
      projectedRecoveryAt: z.number().nullable().describe('when enough bad minutes roll out of the window for budget to remain; null when not within the window'),
    }),
  ),
  projectedRecoveryAt: z.number().nullable(),
  evaluatedAt: z.number(),
});

export const configStatusResponse = z.object({
  paths: z.array(z.string()),
  loadedAt: z.number().nullable(),
  slos: z.number(),
  services: z.number(),
  lastReload: z.object({
    at: z.number(),
    ok: z.boolean(),
    trigger: z.string(),
    errors: z.array(z.string()),
  }).nullable(),
});

export type SloSummary = z.output<typeof sloSummarySchema>;
export type SloDetail = z.output<typeof sloDetailSchema>;
export type CompositeSummary = z.output<typeof compositeSummarySchema>;
export type CompositeDetail = z.output<typeof compositeDetailSchema>;
/** A row of GET /api/v1/slos: a plain SLO or a composite (`composite: true`). */
export type SloListEntry = SloSummary | CompositeSummary;
export type SloDetailAnswer = SloDetail | CompositeDetail;
export type GateDecision = z.output<typeof gateResponse>;
export type ConfigStatus = z.output<typeof configStatusResponse>;
export type AlertsResponse = z.output<typeof alertsResponse>;
export type AlertsQuery = z.output<typeof alertsQuery>;
