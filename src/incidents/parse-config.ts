/**
 * Parses an `apiVersion: sloop/v1`, `kind: Incidents` document into IncidentsConfig. Sections
 * left out keep their defaults; a `severities` list replaces the default rubric as a whole
 * (a partial rubric mixed with defaults would be confusing to read). Every problem becomes a
 * positioned Diagnostic; parsing continues past it.
 */
import { IANAZone } from 'luxon';
import type { Document, LineCounter, Node } from 'yaml';
import type { Diagnostic } from '../errors/index.js';
import { DocContext, MapReader, type LoadedDocument } from '../slo/spec/index.js';
import { defaultIncidentsConfig, WEEKDAYS, type ChatSettings, type Weekday, type WeeklyDigestSchedule, type IncidentsConfig, type PostmortemTemplate, type SeverityLevel } from './config.js';
import { INCIDENT_ROLES, type IncidentRole } from './model.js';

export const INCIDENTS_KIND = 'Incidents';

export interface ParsedIncidentsConfig {
  config: IncidentsConfig;
  diagnostics: Diagnostic[];
}

const TOP_KEYS = ['apiVersion', 'kind', 'metadata', 'severities', 'postmortems', 'chat', 'digest'];
const SEVERITY_KEYS = ['id', 'rubric', 'response', 'requiredRoles', 'requiresStatusPageUpdate', 'requiresPostmortem', 'componentImpact'];
const POSTMORTEM_KEYS = ['budgetShareThreshold', 'dueWithinDays', 'defaultTemplate', 'templates'];
const TEMPLATE_KEYS = ['name', 'sections'];
const SECTION_KEYS = ['key', 'title', 'prompt'];
const CHAT_KEYS = ['slack', 'teams', 'statusPageUrl'];
const IMPACTS = ['degraded_performance', 'partial_outage', 'major_outage'] as const;
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const ENV_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function parseIncidentsDocument(doc: Document, lineCounter: LineCounter, file: string): ParsedIncidentsConfig {
  const ctx = new DocContext(file, lineCounter, []);
  const config = defaultIncidentsConfig();
  const root = MapReader.of(ctx, doc.contents as Node | null, '', TOP_KEYS, 'a mapping with apiVersion, kind and incident settings');
  if (!root) return { config, diagnostics: ctx.diagnostics };
  if (root.string('kind') !== INCIDENTS_KIND) ctx.error(root.node_('kind') ?? root.node, 'kind', `must be \`${INCIDENTS_KIND}\` for incident settings`);
  if (root.has('severities')) config.severities = parseSeverities(ctx, root);
  const pm = root.map('postmortems', POSTMORTEM_KEYS);
  if (pm) parsePostmortems(ctx, pm, config);
  config.postmortems.requiredForSeverities = config.severities.filter((s) => s.requiresPostmortem).map((s) => s.id);
  const chat = root.map('chat', CHAT_KEYS);
  if (chat) config.chat = parseChat(ctx, chat);
  const weekly = root.map('digest', ['weekly'])?.map('weekly', ['day', 'at', 'timeZone']);
  if (weekly) {
    const schedule = parseWeeklyDigest(ctx, weekly);
    if (schedule) config.digest = { weekly: schedule };
  }
  return { config, diagnostics: ctx.diagnostics };
}

/** The one `kind: Incidents` document among loaded files, or defaults when there is none. */
export function incidentsConfigFromDocuments(documents: readonly LoadedDocument[]): ParsedIncidentsConfig {
  const mine = documents.filter((d) => d.apiVersion === 'sloop/v1' && d.kind === INCIDENTS_KIND);
  if (mine.length === 0) return { config: defaultIncidentsConfig(), diagnostics: [] };
  const first = parseIncidentsDocument(mine[0]!.doc, mine[0]!.lineCounter, mine[0]!.file);
  for (const extra of mine.slice(1)) {
    const ctx = new DocContext(extra.file, extra.lineCounter, first.diagnostics);
    ctx.error(extra.doc.contents as Node, 'kind', `a second ${INCIDENTS_KIND} document; keep one (the first is in ${mine[0]!.file})`);
  }
  return first;
}

function parseSeverities(ctx: DocContext, root: MapReader): SeverityLevel[] {
  const out: SeverityLevel[] = [];
  const seen = new Set<string>();
  for (const { node, path } of root.list('severities')) {
    const r = MapReader.of(ctx, node, path, SEVERITY_KEYS, 'a severity mapping with id and rubric');
    if (!r) continue;
    const id = r.require('id', 'name the severity, e.g. SEV1') ? r.text('id') : undefined;
    if (id !== undefined && !ID_PATTERN.test(id)) ctx.error(r.node_('id'), r.field('id'), `"${id}" is not a valid id; use letters, digits, ".", "_" and "-"`);
    else if (id !== undefined && seen.has(id)) ctx.error(r.node_('id'), r.field('id'), `severity "${id}" is declared twice; keep one`);
    const rubric = r.require('rubric', 'write down when this severity applies, so nobody debates it mid-incident') ? r.string('rubric') : undefined;
    const requiredRoles = parseRoles(ctx, r);
    const impact = r.string('componentImpact');
    if (impact !== undefined && !(IMPACTS as readonly string[]).includes(impact)) {
      ctx.error(r.node_('componentImpact'), r.field('componentImpact'), `"${impact}" is not a component impact; use ${IMPACTS.join(', ')}`);
    }
    if (id === undefined || rubric === undefined || !ID_PATTERN.test(id) || seen.has(id)) continue;
    seen.add(id);
    out.push({
      id,
      rubric,
      response: r.string('response') ?? '',
      requiredRoles,
      requiresStatusPageUpdate: r.boolean('requiresStatusPageUpdate') ?? false,
      requiresPostmortem: r.boolean('requiresPostmortem') ?? false,
      componentImpact: impact !== undefined && (IMPACTS as readonly string[]).includes(impact) ? (impact as SeverityLevel['componentImpact']) : 'degraded_performance',
    });
  }
  if (out.length === 0 && !ctx.diagnostics.some((d) => d.severity === 'error')) {
    ctx.error(root.node_('severities') ?? root.node, 'severities', 'is empty; list at least one severity or remove the key to use SEV1-SEV3');
  }
  return out;
}

function parseRoles(ctx: DocContext, r: MapReader): IncidentRole[] {
  const roles: IncidentRole[] = [];
  for (const { node, path } of r.list('requiredRoles')) {
    const value = (node as { value?: unknown }).value;
    if (typeof value === 'string' && (INCIDENT_ROLES as readonly string[]).includes(value)) roles.push(value as IncidentRole);
    else ctx.error(node, path, `unknown role ${JSON.stringify(value)}; use ${INCIDENT_ROLES.join(', ')}`);
  }
  return roles;
}

function parsePostmortems(ctx: DocContext, pm: MapReader, config: IncidentsConfig): void {
  const threshold = readShare(ctx, pm, 'budgetShareThreshold');
  if (threshold !== undefined) config.postmortems.budgetShareThreshold = threshold;
  const due = pm.number('dueWithinDays');
  if (due !== undefined) {
    if (Number.isInteger(due) && due >= 1) config.postmortems.dueWithinDays = due;
    else ctx.error(pm.node_('dueWithinDays'), pm.field('dueWithinDays'), 'must be a whole number of days, at least 1');
  }
  for (const { node, path } of pm.list('templates')) {
    const template = parseTemplate(ctx, node, path);
    if (!template) continue;
    config.templates = [...config.templates.filter((t) => t.name !== template.name), template];
  }
  const chosen = pm.string('defaultTemplate');
  if (chosen !== undefined) {
    if (config.templates.some((t) => t.name === chosen)) config.defaultTemplate = chosen;
    else ctx.error(pm.node_('defaultTemplate'), pm.field('defaultTemplate'), `no template named "${chosen}"; use one of ${config.templates.map((t) => t.name).join(', ')}`);
  }
}

/** `20%` or `0.2`. */
function readShare(ctx: DocContext, r: MapReader, key: string): number | undefined {
  const text = r.text(key);
  if (text === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)\s*(%?)$/.exec(text.trim());
  const value = m ? Number(m[1]) / (m[2] === '%' ? 100 : 1) : NaN;
  if (!(value > 0 && value <= 1)) {
    ctx.error(r.node_(key), r.field(key), `"${text}" is not a share of the budget; write a percentage such as 20% (or 0.2)`);
    return undefined;
  }
  return value;
}

function parseTemplate(ctx: DocContext, node: Node, path: string): PostmortemTemplate | undefined {
  const r = MapReader.of(ctx, node, path, TEMPLATE_KEYS, 'a template mapping with name and sections');
  if (!r) return undefined;
  const name = r.require('name', 'name the template') ? r.text('name') : undefined;
  const sections: PostmortemTemplate['sections'] = [];
  const keys = new Set<string>();
  for (const item of r.list('sections')) {
    const s = MapReader.of(ctx, item.node, item.path, SECTION_KEYS, 'a section mapping with key, title and prompt');
    if (!s) continue;
    const key = s.require('key', 'give the section a key such as summary') ? s.text('key') : undefined;
    const title = s.require('title', 'give the section a heading') ? s.string('title') : undefined;
    if (key !== undefined && keys.has(key)) {
      ctx.error(s.node_('key'), s.field('key'), `section "${key}" appears twice; keep one`);
      continue;
    }
    if (key === undefined || title === undefined) continue;
    keys.add(key);
    sections.push({ key, title, prompt: s.string('prompt') ?? '' });
  }
  if (sections.length === 0) ctx.error(r.node_('sections') ?? r.node, r.field('sections'), 'list at least one section (key, title, prompt)');
  return name !== undefined && sections.length > 0 ? { name, sections } : undefined;
}

function parseChat(ctx: DocContext, chat: MapReader): ChatSettings {
  const envOf = (reader: MapReader | undefined, key: string): string | null => {
    if (!reader) return null;
    const name = reader.string(key);
    if (name === undefined) return null;
    if (!ENV_PATTERN.test(name)) {
      ctx.error(reader.node_(key), reader.field(key), `"${name}" is not an environment variable name; name the variable that holds the secret (e.g. SLACK_INCIDENTS_WEBHOOK), not the secret itself`);
      return null;
    }
    return name;
  };
  const slack = chat.map('slack', ['webhookUrlEnv', 'botTokenEnv']);
  const teams = chat.map('teams', ['webhookUrlEnv']);
  const url = chat.string('statusPageUrl');
  if (url !== undefined && !/^https?:\/\/\S+$/.test(url)) ctx.error(chat.node_('statusPageUrl'), chat.field('statusPageUrl'), `"${url}" is not an http(s) URL`);
  return {
    slackWebhookUrlEnv: envOf(slack, 'webhookUrlEnv'),
    slackBotTokenEnv: envOf(slack, 'botTokenEnv'),
    teamsWebhookUrlEnv: envOf(teams, 'webhookUrlEnv'),
    statusPageUrl: url !== undefined && /^https?:\/\/\S+$/.test(url) ? url : null,
  };
}

/** `digest.weekly`: when the follow-through digest goes out (destinations come from the environment). */
function parseWeeklyDigest(ctx: DocContext, weekly: MapReader): WeeklyDigestSchedule | undefined {
  const day = weekly.string('day')?.toLowerCase();
  const at = weekly.string('at');
  const timeZone = weekly.string('timeZone');
  let ok = true;
  if (day === undefined || !(WEEKDAYS as readonly string[]).includes(day)) {
    ctx.error(weekly.node_('day') ?? weekly.node, weekly.field('day'), `${day === undefined ? 'missing' : `"${day}" is not a weekday`}; use one of ${WEEKDAYS.join(', ')}`);
    ok = false;
  }
  if (at === undefined || !/^([01]\d|2[0-3]):[0-5]\d$/.test(at)) {
    ctx.error(weekly.node_('at') ?? weekly.node, weekly.field('at'), `${at === undefined ? 'missing' : `"${at}" is not a time`}; write 24-hour HH:MM in quotes, e.g. "09:00"`);
    ok = false;
  }
  if (timeZone === undefined || !IANAZone.isValidZone(timeZone)) {
    ctx.error(weekly.node_('timeZone') ?? weekly.node, weekly.field('timeZone'), `${timeZone === undefined ? 'missing' : `"${timeZone}" is not a time zone`}; use an IANA name such as Europe/Berlin or UTC`);
    ok = false;
  }
  return ok ? { day: day as Weekday, at: at!, timeZone: timeZone! } : undefined;
}
