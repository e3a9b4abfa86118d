/**
 * The application service behind the incident routes and CLI. Every change follows one path:
 * load the incident, apply a pure domain transition, save the incident and the entries it
 * wrote in ONE transaction guarded by the loaded version, and, once committed, hand the change
 * to the chat poster (asynchronous, never blocking). A save that loses a race reloads and
 * re-applies the transition to the fresh incident (a few times), so concurrent notes or role
 * changes both land instead of one overwriting the other.
 */
import { ConflictError, InputError, NotFoundError } from '../../errors/index.js';
import type { IncidentStore } from '../../store/incident-store.js';
import type { PageDetail } from '../../store/paging.js';
import type { IncidentsConfig } from '../config.js';
import { severityChoices } from '../config.js';
import { declareIncident, type DeclareInput, type PageFacts } from '../declare.js';
import { computeIncidentImpact, type IncidentImpact, type SloSeries } from '../impact.js';
import type { Incident, IncidentChange, IncidentRole, TimelineEntry } from '../model.js';
import type { IncidentQuery } from '../repository.js';
import { assignRole, handOverRole, releaseRole, roleNotices } from '../roles.js';
import { renderTimelineMarkdown } from '../timeline-markdown.js';
import { addNote, overrideComponentStatus, postStatusPageUpdate, recordEvent, resolveIncident, updateIncident, type IncidentEvent, type UpdateInput } from '../transitions.js';
import type { IncidentChat } from './chat-poster.js';
import type { ChannelCreation } from './slack-channel.js';
import { ChangeBuilder } from '../timeline.js';

export interface IncidentServiceDeps {
  store: IncidentStore;
  /** Reads a page (src/store/paging.ts) for declare-from-page. */
  getPage(id: string): Promise<PageDetail | null>;
  config(): IncidentsConfig;
  now(): number;
  /** Per-minute counts of the named SLOs that exist in the loaded config (unknown names are left out). */
  series(slos: readonly string[]): SloSeries[];
  chat?: IncidentChat;
}

export interface IncidentView {
  incident: Incident;
  timeline: TimelineEntry[];
  notices: string[];
  severity: { id: string; label: string } | null;
}

/** What a caller sends: a declaration by hand, or `pageId` with everything else optional. */
export type DeclareRequest = Omit<DeclareInput, 'title' | 'severity' | 'page'> & { title?: unknown; severity?: unknown; pageId?: string };

export type RoleAction = 'assign' | 'handover' | 'release';

// Each round of a race has one winner, so n concurrent changes need at most n attempts.
const MAX_ATTEMPTS = 10;

export class IncidentService {
  constructor(readonly deps: IncidentServiceDeps) {}

  async declare(input: DeclareRequest, by: string): Promise<IncidentChange & { created: boolean }> {
    const { store, now } = this.deps;
    let page: PageFacts | undefined;
    if (input.pageId !== undefined) {
      const existing = await store.incidents.findByPage(input.pageId);
      if (existing) return { incident: existing, entries: [], notices: [`an incident (${existing.id}) was already declared from page ${input.pageId}`], created: false };
      const detail = await this.deps.getPage(input.pageId);
      if (!detail) throw new NotFoundError(`no page "${input.pageId}"; list pages with GET /api/v1/pages or \`sloop page list\``);
      const p = detail.page;
      page = { pageId: p.id, source: p.alert.source, summary: p.alert.summary, triggeredAt: p.triggeredAt, acknowledgedAt: p.acknowledgedAt, acknowledgedBy: p.acknowledgedBy, runbookUrl: p.alert.runbookUrl };
      const labels = p.alert.labels;
      input = {
        ...input,
        title: input.title ?? p.alert.summary.slice(0, 200),
        severity: input.severity ?? this.defaultSeverity(),
        services: input.services ?? (labels.service ? [labels.service] : undefined),
        slos: input.slos ?? (labels.slo ? [labels.slo] : undefined),
      };
    }
    const change = declareIncident({ ...input, title: input.title, severity: input.severity, ...(page ? { page } : {}) }, { id: await store.incidents.nextId(), now: now(), by, config: this.deps.config() });
    try {
      await store.incidents.saveChange(change, null);
    } catch (err: unknown) {
      // Two people declaring from the same page at once: the second gets the first incident.
      const winner = input.pageId !== undefined && err instanceof ConflictError ? await store.incidents.findByPage(input.pageId) : null;
      if (!winner) throw err;
      return { incident: winner, entries: [], notices: [`an incident (${winner.id}) was already declared from page ${input.pageId}`], created: false };
    }
    this.deps.chat?.post(change.incident, change.entries);
    return { ...change, created: true };
  }

  /** The second severity (SEV2 by default): a page worth an incident is rarely minor. */
  defaultSeverity(): string {
    const ids = this.deps.config().severities.map((s) => s.id);
    return ids[Math.min(1, ids.length - 1)]!;
  }

  list(query: IncidentQuery): Promise<Incident[]> {
    return this.deps.store.incidents.list(query);
  }

  async load(id: string): Promise<Incident> {
    const incident = await this.deps.store.incidents.get(id);
    if (!incident) throw new NotFoundError(`no incident "${id}"; list incidents with GET /api/v1/incidents or \`sloop incident list\``);
    return incident;
  }

  async show(id: string): Promise<IncidentView> {
    const incident = await this.load(id);
    const config = this.deps.config();
    const severity = severityChoices(config).find((s) => s.id === incident.severity) ?? null;
    return { incident, timeline: await this.deps.store.incidents.timeline(id), notices: roleNotices(incident, config), severity };
  }

  /** Loads, applies, saves with the loaded version; retries on a lost race; posts to chat unless told not to. */
  async apply(id: string, transition: (incident: Incident) => IncidentChange, options: { post?: boolean } = {}): Promise<IncidentChange> {
    for (let attempt = 1; ; attempt++) {
      const incident = await this.load(id);
      const change = transition(incident);
      if (change.entries.length === 0) return change;
      try {
        await this.deps.store.incidents.saveChange(change, incident.version);
      } catch (err: unknown) {
        if (err instanceof ConflictError && attempt < MAX_ATTEMPTS) {
          // A short random pause spreads out writers that keep colliding (chat results land too).
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
          continue;
        }
        throw err;
      }
      if (options.post !== false) this.deps.chat?.post(change.incident, change.entries);
      return change;
    }
  }

  update(id: string, input: UpdateInput, by: string): Promise<IncidentChange> {
    return this.apply(id, (i) => updateIncident(i, input, by, this.deps.config(), this.deps.now()));
  }

  role(id: string, input: { action: RoleAction; role: IncidentRole; person?: string }, by: string): Promise<IncidentChange> {
    const roleInput = { role: input.role, by, ...(input.person !== undefined ? { person: input.person } : {}) };
    const config = this.deps.config();
    return this.apply(id, (i) => {
      const now = this.deps.now();
      if (input.action === 'assign') return assignRole(i, roleInput, config, now);
      if (input.action === 'handover') return handOverRole(i, roleInput, config, now);
      return releaseRole(i, roleInput, config, now);
    });
  }

  note(id: string, text: string, author: string, pinned = false): Promise<IncidentChange> {
    return this.apply(id, (i) => addNote(i, { author, text, pinned }, this.deps.now()));
  }

  statusUpdate(id: string, input: { body: string; status?: string }, by: string): Promise<IncidentChange> {
    return this.apply(id, (i) => postStatusPageUpdate(i, { by, body: input.body, ...(input.status !== undefined ? { status: input.status } : {}) }, this.deps.config(), this.deps.now()));
  }

  overrideComponent(id: string, component: string, status: string | null, by: string): Promise<IncidentChange> {
    return this.apply(id, (i) => overrideComponentStatus(i, { by, component, status }, this.deps.now()));
  }

  resolve(id: string, by: string, note?: string): Promise<IncidentChange> {
    return this.apply(id, (i) => {
      const now = this.deps.now();
      const resolved = resolveIncident(i, by, this.deps.config(), now);
      if (!note) return resolved;
      // The closing note goes in the same change, so it is saved (and posted) with the resolution.
      const noted = addNote({ ...resolved.incident, version: resolved.incident.version - 1 }, { author: by, text: note }, now);
      return { incident: noted.incident, entries: [...resolved.entries, ...noted.entries], notices: resolved.notices };
    });
  }

  /** A runbook someone ran (by hand or one-click remediation), with its outcome, on the timeline. */
  runbookRun(id: string, input: { runbook: string; outcome: string }, by: string): Promise<IncidentChange> {
    return this.apply(id, (i) => recordEvent(i, { type: 'runbookRun', at: this.deps.now(), by, runbook: input.runbook, outcome: input.outcome }), { post: false });
  }

  /** Events from other domains (chat results, runbook runs); recorded without posting to chat. */
  record(id: string, event: IncidentEvent): Promise<IncidentChange> {
    return this.apply(id, (i) => recordEvent(i, event), { post: false });
  }

  /** A Slack channel created (or not) for the incident; the id is kept in the entry's data for later posts. */
  recordSlackChannel(id: string, creation: ChannelCreation, at: number): Promise<IncidentChange> {
    return this.apply(id, (i) => {
      const b = new ChangeBuilder(i);
      if (creation.ok) b.write('chatDelivery', at, 'sloop', `Created Slack channel #${creation.name}`, { channel: 'slack', ok: true, slackChannelId: creation.id, slackChannelName: creation.name });
      else b.write('chatDelivery', at, 'sloop', `Could not create Slack channel #${creation.name}: ${creation.detail}`, { channel: 'slack', ok: false });
      return b.done();
    }, { post: false });
  }

  async pin(id: string, entryId: string, pinned: boolean): Promise<TimelineEntry> {
    await this.load(id);
    if (!entryId.startsWith(`${id}/`)) throw new InputError(`timeline entry ${entryId} is not part of incident ${id}`, [{ path: 'entry', message: `use an entry id of ${id}, such as ${id}/1` }]);
    return this.deps.store.incidents.setPinned(entryId, pinned, this.deps.now());
  }

  async timelineMarkdown(id: string): Promise<string> {
    const incident = await this.load(id);
    return renderTimelineMarkdown(incident, await this.deps.store.incidents.timeline(id));
  }

  /** Budget impact from the SLI counts sloop holds; SLOs not in the loaded config are named in `unknownSlos`. */
  async impact(id: string): Promise<{ impact: IncidentImpact; unknownSlos: string[] }> {
    const incident = await this.load(id);
    return this.impactOf(incident);
  }

  impactOf(incident: Incident): { impact: IncidentImpact; unknownSlos: string[] } {
    const series = this.deps.series(incident.slos);
    const known = new Set(series.map((s) => s.slo.name));
    return { impact: computeIncidentImpact(incident, series, this.deps.now()), unknownSlos: incident.slos.filter((s) => !known.has(s)) };
  }
}
