export * from './model.js';
export { checkFairness, exceptionProblems, describeLimit } from './check.js';
export { evaluateProposedChange, summarizeVerdict, type PersonOverLimit, type ProposedChangeInput, type ProposedChangeVerdict, type VerdictSummary } from './proposed.js';
export { busiestWindows, intervalsByPerson } from './busiest.js';
export { checkFairnessAcrossSchedules, type CrossScheduleReport, type CrossScheduleViolation } from './across.js';
