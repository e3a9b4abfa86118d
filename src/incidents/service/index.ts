export { IncidentService, type DeclareRequest, type IncidentServiceDeps, type IncidentView, type RoleAction } from './incident-service.js';
export { PostmortemService } from './postmortem-service.js';
export { ActionService, type ActionServiceDeps, type ActionListQuery } from './action-service.js';
export { IncidentChat, type IncidentChatOptions, type ChatTarget } from './chat-poster.js';
export { DigestSender, digestTargetsFromEnv, type DigestTargets } from './digest-sender.js';
export { IncidentsConfigCell } from './config-cell.js';
export { createIncidentServices, type IncidentServices, type IncidentServicesOptions } from './wiring.js';
export { IncidentTimelineFeed, pageEntryToIncidentEvent, transitionConcerns, TIMELINE_FEED_CURSOR, TIMELINE_FEED_LEASE, type IncidentTimelineFeedOptions } from './incident-timeline-feed.js';
export { DigestScheduler, DIGEST_LEASE, DIGEST_WEEK_CURSOR, type DigestSchedulerOptions } from './digest-scheduler.js';
