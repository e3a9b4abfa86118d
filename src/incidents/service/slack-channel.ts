/**
 * A dedicated Slack channel per incident, through Slack's Web API with a bot token:
 * `conversations.create` ({ name }) and `chat.postMessage` ({ channel, text, blocks }), both
 * JSON POSTs with `Authorization: Bearer xoxb-...`. Slack answers HTTP 200 with `{ ok: false,
 * error }` for refusals (name_taken, invalid_name, missing_scope, not_authed), which are not
 * retried; HTTP 429/5xx and network errors are, within the channel policy.
 */
import { describeError } from '../../errors/index.js';
import type { ChannelPolicy } from '../../reliability/index.js';
import type { DeliveryResult } from '../../notify/index.js';
import { DeliveryError } from '../../notify/delivery-error.js';
import { runDelivery } from '../../notify/run-delivery.js';
import type { Incident } from '../model.js';

export const SLACK_API_URL = 'https://slack.com/api';

/** `inc-7-checkout-errors`: Slack channel names are lowercase letters, digits, - and _, at most 80 characters. */
export function slackChannelName(incident: Pick<Incident, 'id' | 'title'>): string {
  const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9_]+/g, '-').replace(/^-+|-+$/g, '');
  return `${slug(incident.id)}-${slug(incident.title)}`.slice(0, 80).replace(/-+$/, '');
}

async function callSlack(apiUrl: string, method: string, token: string, body: unknown, signal: AbortSignal): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(`${apiUrl.replace(/\/+$/, '')}/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
      signal,
      redirect: 'error',
    });
  } catch (err: unknown) {
    if (signal.aborted) throw err;
    throw new DeliveryError('unreachable', true, `could not reach the Slack API (${describeError(err)})`, { cause: err });
  }
  if (response.status === 429 || response.status >= 500) throw new DeliveryError('serverError', true, `Slack API answered HTTP ${response.status}`);
  const json = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (!response.ok || !json) throw new DeliveryError('rejected', false, `Slack API answered HTTP ${response.status}`);
  if (json.ok !== true) {
    const error = String(json.error ?? 'unknown error');
    const hint = error === 'name_taken' ? 'a channel with that name exists; archive or rename it' : "check the bot token and its scopes (channels:manage, chat:write)";
    throw new DeliveryError('rejected', false, `Slack refused ${method}: ${error}; ${hint}`);
  }
  return json;
}

export type ChannelCreation = { ok: true; id: string; name: string } | { ok: false; name: string; detail: string };

export class SlackChannels {
  constructor(private readonly apiUrl: string, private readonly policy: ChannelPolicy) {}

  async create(token: string, name: string): Promise<ChannelCreation> {
    let channel: { id?: unknown; name?: unknown } = {};
    const result = await runDelivery('slack', `${this.apiUrl} conversations.create`, this.policy, async (signal) => {
      const json = await callSlack(this.apiUrl, 'conversations.create', token, { name, is_private: false }, signal);
      channel = (json.channel ?? {}) as typeof channel;
    });
    if (!result.ok) return { ok: false, name, detail: `${result.reason} after ${result.attempts} attempt(s): ${result.message}` };
    if (typeof channel.id !== 'string') return { ok: false, name, detail: 'Slack answered without a channel id' };
    return { ok: true, id: channel.id, name: typeof channel.name === 'string' ? channel.name : name };
  }

  postMessage(token: string, channelId: string, payload: { text: string; blocks: unknown[] }): Promise<DeliveryResult> {
    return runDelivery('slack', `channel ${channelId}`, this.policy, async (signal) => {
      await callSlack(this.apiUrl, 'chat.postMessage', token, { channel: channelId, ...payload }, signal);
    });
  }
}
