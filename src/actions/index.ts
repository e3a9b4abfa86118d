export * from './model.js';
export { createActionItem, updateActionItem, actionItemFromPage, type ActionInput, type ActionLinks } from './transitions.js';
export { followThroughReport, median, type FollowThroughReport, type ReportIncident, type OverdueItem, type ItemCounts } from './follow-through.js';
export { renderWeeklyDigest, type Digest } from './digest.js';
export type { ActionRepository, ActionQuery } from './repository.js';
