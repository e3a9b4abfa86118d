export type { ConfigOrigin, EscalationPolicy, EscalationStep, EscalationTarget, FinalStep } from './model.js';
export { MAX_REPEAT } from './model.js';
export { parseDuration, formatDuration } from './duration.js';
export { parseEscalationSections, type EscalationSections } from './parse.js';
export { checkEscalationReferences, type KnownNames } from './references.js';
export type { AlertSnapshot, Decision, Page, PageAction, PageEvent, PageStatus, PendingTimer, StepRef, TimelineEntry, TimelineKind, TimerReason } from './page.js';
export { decide, describeTargets } from './decide.js';
export { planDeliveries, deliveryKey, isDeliveryStillWanted, type DeliveryPlan, type OnCallDirectory, type PlannedDelivery, type Unreached } from './deliveries.js';
