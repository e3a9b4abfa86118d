export { CountsCache } from './counts-cache.js';
export { ALERT_KINDS, engineStateFrom, toStoreTransition, transitionsFor } from './conditions.js';
export { EventFeed, type EventListener } from './event-feed.js';
export { EVALUATOR_LEASE, Evaluator, type EvaluatorOptions, type TickResult } from './evaluator.js';
export { budgetSeries, computeBudget, computeBurnRates, projectedRecovery, windowLabel, type BudgetView, type BurnRateView } from './slo-status.js';
