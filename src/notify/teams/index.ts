export { createTeamsNotifier } from './teams-notifier.js';
export { teamsMessage, ADAPTIVE_CARD_CONTENT_TYPE, type TeamsMessage } from './teams-card.js';
