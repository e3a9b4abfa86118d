/**
 * Incident configuration (`kind: Incidents`) as plain data, and the defaults used when no
 * such document exists. The defaults are the common SEV1/SEV2/SEV3 rubric, so a team can
 * declare incidents before writing any config.
 */
import type { ComponentStatus, IncidentRole } from './model.js';

export interface SeverityLevel {
  /** Identifier used in incidents and APIs: `SEV1`. */
  id: string;
  /** The written rubric shown wherever a severity is chosen. */
  rubric: string;
  /** Who is pulled in; shown next to the rubric. */
  response: string;
  requiredRoles: IncidentRole[];
  requiresStatusPageUpdate: boolean;
  requiresPostmortem: boolean;
  /** What an open, public incident of this severity does to its status-page components. */
  componentImpact: Exclude<ComponentStatus, 'operational' | 'under_maintenance'>;
}

export interface PostmortemPolicy {
  /** A single incident that consumed more than this share of an SLO's window budget requires a postmortem (0.2 = 20%). */
  budgetShareThreshold: number;
  /** Days from resolution until the postmortem should be published. */
  dueWithinDays: number;
  /** Severities that always require one (derived from `requiresPostmortem`). */
  requiredForSeverities: string[];
}

export interface TemplateSection {
  key: string;
  title: string;
  /** Guiding questions shown in the empty section (never published as content). */
  prompt: string;
}

export interface PostmortemTemplate {
  name: string;
  sections: TemplateSection[];
}

/** Chat webhooks come from environment variables so secrets never sit in YAML. */
export interface ChatSettings {
  slackWebhookUrlEnv: string | null;
  slackBotTokenEnv: string | null;
  teamsWebhookUrlEnv: string | null;
  /** Link posted with every chat update. */
  statusPageUrl: string | null;
}

export interface IncidentsConfig {
  severities: SeverityLevel[];
  postmortems: PostmortemPolicy;
  templates: PostmortemTemplate[];
  /** Template used when an incident's severity names none. */
  defaultTemplate: string;
  chat: ChatSettings;
  /** The built-in weekly follow-through digest; absent: not sent on a schedule. */
  digest?: { weekly: WeeklyDigestSchedule };
}

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** When the weekly digest goes out: a weekday and wall-clock time in an IANA time zone. */
export interface WeeklyDigestSchedule {
  day: Weekday;
  /** `HH:MM`, 24-hour, local to `timeZone`. */
  at: string;
  timeZone: string;
}

export const DEFAULT_SEVERITIES: readonly SeverityLevel[] = [
  {
    id: 'SEV1',
    rubric: 'Full or near-full outage of a critical journey.',
    response: 'All hands, executive communication, status page.',
    requiredRoles: ['commander', 'resolverLead', 'communicationsLead', 'scribe'],
    requiresStatusPageUpdate: true,
    requiresPostmortem: true,
    componentImpact: 'major_outage',
  },
  {
    id: 'SEV2',
    rubric: 'Significant degradation, or one critical feature down.',
    response: 'On-call plus one or two more people.',
    requiredRoles: ['commander', 'resolverLead'],
    requiresStatusPageUpdate: true,
    requiresPostmortem: true,
    componentImpact: 'partial_outage',
  },
  {
    id: 'SEV3',
    rubric: 'Minor or contained.',
    response: 'Handled in the rotation, no escalation.',
    requiredRoles: [],
    requiresStatusPageUpdate: false,
    requiresPostmortem: false,
    componentImpact: 'degraded_performance',
  },
];

export const DEFAULT_TEMPLATE: PostmortemTemplate = {
  name: 'default',
  sections: [
    { key: 'summary', title: 'Summary', prompt: 'What happened, in three sentences a customer could follow.' },
    { key: 'impact', title: 'Impact', prompt: 'Who was affected, for how long, and how much error budget it cost (prefilled from SLI data).' },
    { key: 'timeline', title: 'Timeline', prompt: 'Key moments, prefilled from the incident timeline; add what the timeline missed.' },
    {
      key: 'contributingCauses',
      title: 'Contributing causes',
      prompt:
        'There is never a single root cause, and never a person to blame. Which guardrail was missing (a check, a limit, a staged rollout)? ' +
        'Which dashboard or signal was misleading? Which alert was late, noisy or absent? What made the wrong action easy or the right one hard?',
    },
    { key: 'wentWell', title: 'What went well', prompt: 'What helped: detection, tooling, runbooks, people and practices worth keeping.' },
    { key: 'wentPoorly', title: 'What went poorly', prompt: 'Where the response was slowed down: access, missing runbooks, unclear ownership, noisy channels.' },
    { key: 'gotLucky', title: 'Where we got lucky', prompt: 'What could have made this much worse, and did not by chance? These are near misses to fix too.' },
    { key: 'actionItems', title: 'Action items', prompt: 'Each with an owner, a due date and a priority; prefer guardrails and automation over "be more careful".' },
  ],
};

export const DEFAULT_POSTMORTEM_POLICY: PostmortemPolicy = {
  budgetShareThreshold: 0.2,
  dueWithinDays: 5,
  requiredForSeverities: DEFAULT_SEVERITIES.filter((s) => s.requiresPostmortem).map((s) => s.id),
};

export const DEFAULT_CHAT: ChatSettings = { slackWebhookUrlEnv: null, slackBotTokenEnv: null, teamsWebhookUrlEnv: null, statusPageUrl: null };

export function defaultIncidentsConfig(): IncidentsConfig {
  return {
    severities: DEFAULT_SEVERITIES.map((s) => ({ ...s, requiredRoles: [...s.requiredRoles] })),
    postmortems: { ...DEFAULT_POSTMORTEM_POLICY, requiredForSeverities: [...DEFAULT_POSTMORTEM_POLICY.requiredForSeverities] },
    templates: [DEFAULT_TEMPLATE],
    defaultTemplate: DEFAULT_TEMPLATE.name,
    chat: { ...DEFAULT_CHAT },
  };
}

export function findSeverity(config: Pick<IncidentsConfig, 'severities'>, id: string): SeverityLevel | undefined {
  return config.severities.find((s) => s.id === id);
}

export interface ResolvedChat {
  slackWebhookUrl: string | null;
  slackBotToken: string | null;
  teamsWebhookUrl: string | null;
  /** Variables named in config but unset or empty: chat is skipped for them, and this says so. */
  missing: string[];
}

/** Reads the configured variables from `env` (passed in, so this stays pure). */
export function resolveChatSettings(chat: ChatSettings, env: Readonly<Record<string, string | undefined>>): ResolvedChat {
  const missing: string[] = [];
  const read = (name: string | null): string | null => {
    if (name === null) return null;
    const value = env[name];
    if (value === undefined || value === '') {
      missing.push(name);
      return null;
    }
    return value;
  };
  return {
    slackWebhookUrl: read(chat.slackWebhookUrlEnv),
    slackBotToken: read(chat.slackBotTokenEnv),
    teamsWebhookUrl: read(chat.teamsWebhookUrlEnv),
    missing,
  };
}

/** The rubric as one line per severity, for every place a severity is chosen (CLI prompts, forms, API errors). */
export function severityChoices(config: Pick<IncidentsConfig, 'severities'>): Array<{ id: string; label: string }> {
  return config.severities.map((s) => ({ id: s.id, label: `${s.id}: ${s.rubric}${s.response ? ` ${s.response}` : ''}` }));
}
