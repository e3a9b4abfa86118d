/**
 * Posts incident updates to the configured Slack and Teams webhooks without ever holding up
 * incident handling: `post` returns at once; each delivery runs through its channel policy
 * (timeout, retries, circuit breaker from src/notify) in the background, and its result, a
 * success or the reason it failed, is then written to the incident's timeline as a
 * `chatDelivery` entry. `idle()` waits for deliveries in flight (tests, shutdown).
 *
 * With a Slack bot token, a declaration also creates a channel for the incident (see
 * ./slack-channel.ts); the creation is recorded on the timeline with the channel id, and every
 * update, the declaration included, is then posted there too.
 */
import { ChannelPolicies, type ChannelType, type DeliveryResult, type ReliabilitySettings } from '../../notify/index.js';
import { originOf, postJson } from '../../notify/http-post.js';
import { runDelivery } from '../../notify/run-delivery.js';
import { incidentChatMessage, slackPayload, teamsPayload } from '../chat-message.js';
import { resolveChatSettings, type ChatSettings } from '../config.js';
import type { IncidentEvent } from '../transitions.js';
import type { Incident, TimelineEntry } from '../model.js';
import { SLACK_API_URL, SlackChannels, slackChannelName, type ChannelCreation } from './slack-channel.js';

export interface ChatTarget {
  channel: Extract<ChannelType, 'slack' | 'teams'>;
  url: string;
}

export interface IncidentChatOptions {
  settings: () => ChatSettings;
  env: Readonly<Record<string, string | undefined>>;
  /** Writes the delivery result to the incident's timeline (never posts again). */
  record(incidentId: string, event: Extract<IncidentEvent, { type: 'chatDelivery' }>): Promise<void>;
  now: () => number;
  reliability?: ReliabilitySettings;
  onError?(err: unknown): void;
  /** Slack Web API base URL (default https://slack.com/api; tests point it at a local fake). */
  slackApiUrl?: string;
  /** Records a channel creation (or why it failed) on the timeline, with the channel id. */
  recordChannel?(incidentId: string, creation: ChannelCreation, at: number): Promise<void>;
  /** The incident's channel recorded earlier (after a restart, or by another replica). */
  findChannel?(incidentId: string): Promise<{ id: string; name: string } | null>;
}

export class IncidentChat {
  readonly #o: IncidentChatOptions;
  readonly #policies: ChannelPolicies;
  readonly #inFlight = new Set<Promise<void>>();
  readonly #slack: SlackChannels;
  /** Channel per incident, as a promise so updates wait for a creation still in flight. */
  readonly #channels = new Map<string, Promise<{ id: string; name: string } | null>>();

  constructor(options: IncidentChatOptions) {
    this.#o = options;
    this.#policies = new ChannelPolicies(options.reliability);
    const api = options.slackApiUrl ?? SLACK_API_URL;
    this.#slack = new SlackChannels(api, this.#policies.for(`slack-api ${api}`));
  }

  /** The webhooks to post to now, and the configured variables that are unset. */
  targets(): { targets: ChatTarget[]; missing: string[] } {
    const resolved = resolveChatSettings(this.#o.settings(), this.#o.env);
    const targets: ChatTarget[] = [];
    if (resolved.slackWebhookUrl) targets.push({ channel: 'slack', url: resolved.slackWebhookUrl });
    if (resolved.teamsWebhookUrl) targets.push({ channel: 'teams', url: resolved.teamsWebhookUrl });
    return { targets, missing: resolved.missing };
  }

  /** Fire and forget: schedules the posts for one change and returns immediately. */
  post(incident: Incident, entries: readonly TimelineEntry[]): void {
    if (entries.length === 0 || entries.every((e) => e.kind === 'chatDelivery')) return;
    const { targets, missing } = this.targets();
    const botToken = resolveChatSettings(this.#o.settings(), this.#o.env).slackBotToken;
    const declared = entries.some((e) => e.kind === 'declared');
    if (declared) {
      for (const name of missing) {
        this.#track(this.#o.record(incident.id, { type: 'chatDelivery', at: this.#o.now(), channel: name, ok: false, detail: `environment variable ${name} is not set; set it (webhook URL or bot token) and restart sloop` }));
      }
    }
    const message = incidentChatMessage(incident, entries, { statusPageUrl: this.#o.settings().statusPageUrl });
    for (const target of targets) {
      const body = JSON.stringify(target.channel === 'slack' ? slackPayload(message) : teamsPayload(message));
      const destination = originOf(target.url);
      const policy = this.#policies.for(`${target.channel} ${destination}`);
      const delivery = runDelivery(target.channel, destination, policy, (signal) => postJson(target.url, body, { 'x-sloop-idempotency-key': message.idempotencyKey }, signal))
        .then((result) => this.#o.record(incident.id, chatEvent(result, target, this.#o.now())));
      this.#track(delivery);
    }
    if (botToken) this.#postToChannel(incident, declared, botToken, slackPayload(message));
  }

  #postToChannel(incident: Incident, declared: boolean, token: string, payload: { text: string; blocks: unknown[] }): void {
    let channel = this.#channels.get(incident.id);
    if (!channel) {
      channel = declared ? this.#createChannel(incident, token) : (this.#o.findChannel?.(incident.id) ?? Promise.resolve(null));
      this.#channels.set(incident.id, channel);
    }
    this.#track(channel.then(async (found) => {
      if (!found) return;
      const result = await this.#slack.postMessage(token, found.id, payload);
      await this.#o.record(incident.id, chatEvent(result, { channel: 'slack', url: '' }, this.#o.now(), `slack #${found.name}`));
    }));
  }

  async #createChannel(incident: Incident, token: string): Promise<{ id: string; name: string } | null> {
    const creation = await this.#slack.create(token, slackChannelName(incident));
    // A failed record must not lose the channel: later updates still go there.
    await this.#o.recordChannel?.(incident.id, creation, this.#o.now()).catch((err: unknown) => this.#o.onError?.(err));
    return creation.ok ? { id: creation.id, name: creation.name } : null;
  }

  /** Resolves when every delivery started so far has finished and been recorded. */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  #track(work: Promise<void>): void {
    const tracked = work.catch((err: unknown) => this.#o.onError?.(err)).finally(() => this.#inFlight.delete(tracked));
    this.#inFlight.add(tracked);
  }
}

function chatEvent(result: DeliveryResult, target: ChatTarget, at: number, name?: string): Extract<IncidentEvent, { type: 'chatDelivery' }> {
  const channel = name ?? `${target.channel} ${result.destination}`;
  if (result.ok) return { type: 'chatDelivery', at, channel, ok: true, detail: `delivered in ${result.attempts} attempt(s)` };
  return { type: 'chatDelivery', at, channel, ok: false, detail: `${result.reason} after ${result.attempts} attempt(s): ${result.message}` };
}
