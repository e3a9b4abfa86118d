export { CountsCache, exactMinutesFor, type CountsResolution } from './counts-cache.js';
export { TieredCounts, type LiveCounts } from './tiered-counts.js';
export { ALERT_KINDS, engineStateFrom, toStoreTransition, transitionsFor } from './conditions.js';
export { EventFeed, type EventListener } from './event-feed.js';
export { DEFAULT_SYNC_MINUTES, EVALUATOR_LEASE, Evaluator, LATE_DATA_EVENT, type LateDataEvent, type EvaluatorOptions, type TickResult } from './evaluator.js';
export { budgetSeries, computeBudget, computeBurnRates, projectedRecovery, windowLabel, type BudgetView, type BurnRateView } from './slo-status.js';
export { DEFAULT_PROMETHEUS_LAG_MS, isPulledSlo, pullPrometheusCounts, type PullOptions } from './prometheus-pull.js';
