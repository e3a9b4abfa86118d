import type { ChannelPolicies } from '../channel-policies.js';
import { originOf, postJson } from '../http-post.js';
import type { Notifier } from '../notification.js';
import { runDelivery } from '../run-delivery.js';
import { slackMessage } from './slack-message.js';

/** Posts to a Slack incoming webhook URL (it posts to the one channel the webhook was made for). */
export function createSlackNotifier(webhookUrl: string, policies: ChannelPolicies): Notifier {
  const origin = originOf(webhookUrl);
  const policy = policies.for(`slack ${origin}`);
  return {
    channel: 'slack',
    destination: origin,
    send(notification, signal) {
      const body = JSON.stringify(slackMessage(notification));
      return runDelivery('slack', origin, policy, (s) => postJson(webhookUrl, body, {}, s), signal);
    },
  };
}
