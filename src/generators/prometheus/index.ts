export { generatePrometheusRules } from './generate.js';
export { serializeRuleFile, countRules, type RuleCounts } from './serialize.js';
export { RECORD as PROMETHEUS_RECORD_NAMES, PERIOD_BASE_MINUTES } from './context.js';
export { formatDuration as formatPrometheusDuration, formatNumber as formatPromqlNumber } from './promql.js';
export * from './types.js';
