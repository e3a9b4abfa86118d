export * from './model.js';
export { checkFairness, exceptionProblems, describeLimit } from './check.js';
export { evaluateProposedChange, type ProposedChangeInput, type ProposedChangeVerdict } from './proposed.js';
export { busiestWindows, intervalsByPerson } from './busiest.js';
export { checkFairnessAcrossSchedules, type CrossScheduleReport, type CrossScheduleViolation } from './across.js';
