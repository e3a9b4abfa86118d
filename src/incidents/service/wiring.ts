/**
 * Builds the incident services a server needs from its store, clock, config and in-memory SLI
 * counts. Chat reliability comes from the environment:
 *
 *   SLOOP_CHAT_TIMEOUT_MS     per-attempt timeout for Slack/Teams posts (default 5000)
 *   SLOOP_CHAT_MAX_ATTEMPTS   attempts per post, including the first (default 3)
 *   SLOOP_SLACK_API_URL       Slack Web API base for channel creation (default https://slack.com/api)
 */
import { InputError } from '../../errors/index.js';
import { DEFAULT_RELIABILITY, type ReliabilitySettings, type SmtpSettings } from '../../notify/index.js';
import type { MinuteCountsView } from '../../slo/math/index.js';
import type { Slo } from '../../slo/model.js';
import type { Store } from '../../store/store.js';
import type { IncidentsConfig } from '../config.js';
import type { SloSeries } from '../impact.js';
import { ActionService } from './action-service.js';
import { IncidentChat } from './chat-poster.js';
import { DigestScheduler } from './digest-scheduler.js';
import { DigestSender, digestTargetsFromEnv } from './digest-sender.js';
import { IncidentTimelineFeed } from './incident-timeline-feed.js';
import { IncidentService } from './incident-service.js';
import { PostmortemService } from './postmortem-service.js';

export interface IncidentServicesOptions {
  store: Store;
  now: () => number;
  config: () => IncidentsConfig;
  sloByName(name: string): Slo | undefined;
  countsOf(name: string): MinuteCountsView | undefined;
  env: Readonly<Record<string, string | undefined>>;
  smtp?: SmtpSettings;
  onError?(err: unknown): void;
  /** Loop intervals of the background work (defaults: timeline feed 2 s, digest check 60 s). */
  intervals?: { timelineFeedMs?: number; digestMs?: number };
}

export interface IncidentServices {
  incidents: IncidentService;
  postmortems: PostmortemService;
  actions: ActionService;
  chat: IncidentChat;
  digest: DigestSender;
  /** Writes page and SLO alert events onto open incidents' timelines (lease-claimed). */
  timelineFeed: IncidentTimelineFeed;
  /** Sends the digest on the `digest.weekly` schedule (lease-claimed, once per week). */
  digestScheduler: DigestScheduler;
  /** Starts and stops the two loops above (the server runtime calls these). */
  background: { start(): Promise<void>; stop(): Promise<void> };
  /** Severity choices with their rubric, for forms and CLI help. */
  config(): IncidentsConfig;
}

export function chatReliabilityFromEnv(env: Readonly<Record<string, string | undefined>>): ReliabilitySettings {
  const read = (name: string, fallback: number, min: number, max: number): number => {
    const text = env[name];
    if (text === undefined || text === '') return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max) throw new InputError(`${name}=${text} must be a whole number between ${min} and ${max}`);
    return value;
  };
  return { ...DEFAULT_RELIABILITY, timeoutMs: read('SLOOP_CHAT_TIMEOUT_MS', 5000, 50, 60_000), maxAttempts: read('SLOOP_CHAT_MAX_ATTEMPTS', 3, 1, 10) };
}

export function createIncidentServices(options: IncidentServicesOptions): IncidentServices {
  const { store, now, config } = options;
  const series = (names: readonly string[]): SloSeries[] =>
    names.flatMap((name) => {
      const slo = options.sloByName(name);
      const counts = options.countsOf(name);
      return slo && counts ? [{ slo, counts }] : [];
    });
  const reliability = chatReliabilityFromEnv(options.env);
  let incidents: IncidentService;
  const chat = new IncidentChat({
    settings: () => config().chat,
    env: options.env,
    now,
    reliability,
    record: async (incidentId, event) => {
      await incidents.record(incidentId, event);
    },
    ...(options.env.SLOOP_SLACK_API_URL ? { slackApiUrl: options.env.SLOOP_SLACK_API_URL } : {}),
    recordChannel: async (incidentId, creation, at) => {
      await incidents.recordSlackChannel(incidentId, creation, at);
    },
    findChannel: async (incidentId) => {
      const entry = (await store.incidents.incidents.timeline(incidentId)).find((e) => typeof e.data.slackChannelId === 'string');
      return entry ? { id: String(entry.data.slackChannelId), name: String(entry.data.slackChannelName) } : null;
    },
    onError: options.onError,
  });
  incidents = new IncidentService({ store: store.incidents, getPage: (id) => store.paging.getPage(id), config, now, series, chat });
  const actions = new ActionService(incidents, {
    followUps: () => store.paging.listFollowUps(),
    async pageOwner(pageId) {
      const page = (await store.paging.getPage(pageId))?.page;
      return page?.resolvedBy ?? page?.acknowledgedBy ?? null;
    },
  });
  const digest = new DigestSender(() => digestTargetsFromEnv(options.env, options.smtp), reliability);
  const timelineFeed = new IncidentTimelineFeed({ store, incidents, sloByName: options.sloByName, now, intervalMs: options.intervals?.timelineFeedMs, onError: options.onError });
  const digestScheduler = new DigestScheduler({ store, config, actions, sender: digest, now, intervalMs: options.intervals?.digestMs, onError: options.onError });
  return {
    incidents,
    postmortems: new PostmortemService(incidents),
    actions,
    chat,
    digest,
    timelineFeed,
    digestScheduler,
    background: {
      async start() {
        await timelineFeed.start();
        digestScheduler.start();
      },
      async stop() {
        await timelineFeed.stop();
        await digestScheduler.stop();
      },
    },
    config,
  };
}
