import type { ChannelPolicies } from '../channel-policies.js';
import { originOf, postJson } from '../http-post.js';
import type { Notifier } from '../notification.js';
import { runDelivery } from '../run-delivery.js';
import { teamsMessage } from './teams-card.js';

/** Posts an Adaptive Card to a Teams Workflows webhook URL (it answers 202 Accepted). */
export function createTeamsNotifier(webhookUrl: string, policies: ChannelPolicies): Notifier {
  const origin = originOf(webhookUrl);
  const policy = policies.for(`teams ${origin}`);
  return {
    channel: 'teams',
    destination: origin,
    send(notification, signal) {
      const body = JSON.stringify(teamsMessage(notification));
      return runDelivery('teams', origin, policy, (s) => postJson(webhookUrl, body, {}, s), signal);
    },
  };
}
