/** Picks the channel for a person's contact method. */
import type { ContactMethod } from '../oncall/schedule/model.js';
import type { ChannelPolicies } from './channel-policies.js';
import { createEmailNotifier, type SmtpSettings } from './email/index.js';
import type { Notifier } from './notification.js';
import { createSlackNotifier } from './slack/index.js';
import { createTeamsNotifier } from './teams/index.js';
import { createWebhookNotifier } from './webhook/index.js';

export interface NotifierDeps {
  policies: ChannelPolicies;
  /** Needed only for email contact methods. */
  smtp?: SmtpSettings;
  clock?: () => number;
}

export function createNotifier(method: ContactMethod, deps: NotifierDeps): Notifier {
  switch (method.type) {
    case 'webhook':
      return createWebhookNotifier({ url: method.url, secret: method.secret }, deps.policies, deps.clock);
    case 'slack':
      return createSlackNotifier(method.url, deps.policies);
    case 'teams':
      return createTeamsNotifier(method.url, deps.policies);
    case 'email':
      return deps.smtp ? createEmailNotifier(method.address, deps.smtp, deps.policies) : unconfiguredEmail(method.address);
  }
}

function unconfiguredEmail(address: string): Notifier {
  return {
    channel: 'email',
    destination: address,
    send: async () => ({
      ok: false,
      channel: 'email',
      destination: address,
      attempts: 0,
      durationMs: 0,
      reason: 'misconfigured',
      message: `email to ${address}: no SMTP server is configured; set notifications.smtp in the server config`,
    }),
  };
}
