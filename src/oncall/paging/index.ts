export type { AlertOutcome, IncomingAlert, PagingConfig, ScheduleChanges } from './model.js';
export { EMPTY_PAGING_CONFIG } from './model.js';
export { buildDirectory } from './directory.js';
export { applyDecision, announcementKey, type ApplyContext } from './apply.js';
export { PagingEngine, EVENT_CURSOR, type PagingEngineOptions } from './engine.js';
export { PagingWorker, CONSUMER_LEASE, type PagingWorkerOptions } from './worker.js';
export { pagingOnAlerts } from './inbound.js';
export { sloTransitionToAlert } from './slo-alerts.js';
export { retryOnConflict, isConflict } from './retry.js';
