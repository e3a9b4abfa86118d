export { createSlackNotifier } from './slack-notifier.js';
export { slackMessage, escapeMrkdwn, type SlackMessage } from './slack-message.js';
