/**
 * Postmortems from incidents: created prefilled (timeline, budget impact computed from the SLI
 * counts now, participants), edited section by section, moved through review and published
 * under the budget rule, exported as Markdown, and tracked when overdue.
 */
import type { ActionItem } from '../../actions/model.js';
import { ConflictError, NotFoundError } from '../../errors/index.js';
import { createPostmortem } from '../../postmortems/create.js';
import { editSection, publishPostmortem, returnToDraft, submitForReview } from '../../postmortems/lifecycle.js';
import { renderPostmortemMarkdown } from '../../postmortems/markdown.js';
import type { Postmortem, PostmortemState } from '../../postmortems/model.js';
import { overduePostmortems, postmortemRequired, type OverduePostmortem } from '../../postmortems/required.js';
import type { IncidentService } from './incident-service.js';

export class PostmortemService {
  constructor(private readonly incidents: IncidentService) {}

  private get deps() {
    return this.incidents.deps;
  }

  async createFromIncident(incidentId: string, options: { template?: string } = {}): Promise<Postmortem> {
    const { store, now, config } = this.deps;
    const incident = await this.incidents.load(incidentId);
    const existing = await store.postmortems.findByIncident(incidentId);
    if (existing) throw new ConflictError(`incident ${incidentId} already has postmortem ${existing.id}; open it with GET /api/v1/postmortems/${existing.id}`);
    const entries = await store.incidents.timeline(incidentId);
    const { impact } = this.incidents.impactOf(incident);
    const pm = createPostmortem({ incident, entries, impact, config: config(), ...(options.template ? { template: options.template } : {}) }, { id: await store.postmortems.nextId(), now: now() });
    await store.postmortems.save(pm);
    return pm;
  }

  async get(id: string): Promise<Postmortem> {
    const pm = await this.deps.store.postmortems.get(id);
    if (!pm) throw new NotFoundError(`no postmortem "${id}"; list them with GET /api/v1/postmortems`);
    return pm;
  }

  list(query: { state?: PostmortemState[]; limit?: number }): Promise<Postmortem[]> {
    return this.deps.store.postmortems.list(query);
  }

  async editSections(id: string, sections: Record<string, string>): Promise<Postmortem> {
    const now = this.deps.now();
    // Several sections in one request are one saved change: one version step, not one per section.
    return this.change(id, (pm) => Object.entries(sections).reduce((acc, [key, body]) => ({ ...editSection(acc, key, body, now), version: pm.version + 1 }), pm));
  }

  submit(id: string): Promise<Postmortem> {
    return this.change(id, (pm) => submitForReview(pm, this.deps.now()));
  }

  returnToDraft(id: string): Promise<Postmortem> {
    return this.change(id, (pm) => returnToDraft(pm, this.deps.now()));
  }

  async publish(id: string): Promise<Postmortem> {
    const pm = await this.get(id);
    const actions = await this.actionsOf(pm);
    return this.change(id, (fresh) => publishPostmortem(fresh, actions, this.deps.now()));
  }

  async markdown(id: string): Promise<string> {
    const pm = await this.get(id);
    return renderPostmortemMarkdown(pm, await this.actionsOf(pm));
  }

  actionsOf(pm: Pick<Postmortem, 'incidentId'>): Promise<ActionItem[]> {
    return this.deps.store.actions.list({ incidentIds: [pm.incidentId] });
  }

  /** Unpublished postmortems past due, plus resolved incidents that need one and have none. */
  async overdue(): Promise<OverduePostmortem[]> {
    const { store, config, now } = this.deps;
    const policy = config().postmortems;
    const postmortems = await store.postmortems.list({ state: ['draft', 'in_review'], limit: 1000 });
    const resolved = await store.incidents.list({ status: ['resolved'], limit: 500 });
    const started = new Set((await store.postmortems.list({ limit: 1000 })).map((p) => p.incidentId));
    const required = resolved
      .filter((incident) => !started.has(incident.id))
      .map((incident) => ({ incident, requirement: postmortemRequired(incident, this.incidents.impactOf(incident).impact, policy) }));
    return overduePostmortems({ postmortems, required, policy, now: now() });
  }

  private async change(id: string, fn: (pm: Postmortem) => Postmortem): Promise<Postmortem> {
    const next = fn(await this.get(id));
    await this.deps.store.postmortems.save(next);
    return next;
  }
}
