/**
 * Action items and the follow-through report. Follow-ups that on-call created for pages
 * resolved as not actionable (src/store/paging.ts `follow_ups`) are brought in as action items
 * with source `page` before every list and report, once per page (the page id is UNIQUE), so
 * they are owned, due and counted like any other item.
 */
import { followThroughReport, type FollowThroughReport } from '../../actions/follow-through.js';
import { renderWeeklyDigest, type Digest } from '../../actions/digest.js';
import type { ActionItem, ActionStatus } from '../../actions/model.js';
import { actionItemFromPage, createActionItem, updateActionItem, type ActionInput } from '../../actions/transitions.js';
import { ConflictError, InputError, NotFoundError } from '../../errors/index.js';
import type { FollowUp } from '../../store/paging.js';
import type { IncidentService } from './incident-service.js';

export interface ActionServiceDeps {
  followUps(): Promise<FollowUp[]>;
  /** Who owns a page's follow-up: whoever resolved the page (or acknowledged it). */
  pageOwner(pageId: string): Promise<string | null>;
}

export interface ActionListQuery {
  owner?: string;
  overdue?: boolean;
  status?: ActionStatus[];
  incidentId?: string;
}

export class ActionService {
  constructor(private readonly incidents: IncidentService, private readonly pages: ActionServiceDeps) {}

  private get deps() {
    return this.incidents.deps;
  }

  async create(input: ActionInput & { incidentId?: unknown; postmortemId?: unknown }): Promise<ActionItem> {
    const { store, now } = this.deps;
    let incidentId = typeof input.incidentId === 'string' ? input.incidentId : undefined;
    const postmortemId = typeof input.postmortemId === 'string' ? input.postmortemId : undefined;
    if (postmortemId !== undefined) {
      const pm = await store.postmortems.get(postmortemId);
      if (!pm) throw new InputError(`action item is invalid: postmortemId: no postmortem "${postmortemId}"`, [{ path: 'postmortemId', message: `no postmortem "${postmortemId}"; list them with GET /api/v1/postmortems` }]);
      if (incidentId !== undefined && incidentId !== pm.incidentId) throw new InputError('action item is invalid: incidentId does not match the postmortem', [{ path: 'incidentId', message: `postmortem ${pm.id} belongs to ${pm.incidentId}; leave incidentId out or use that one` }]);
      incidentId = pm.incidentId;
    }
    if (incidentId !== undefined && !(await store.incidents.get(incidentId))) {
      throw new InputError(`action item is invalid: incidentId: no incident "${incidentId}"`, [{ path: 'incidentId', message: `no incident "${incidentId}"; list them with GET /api/v1/incidents` }]);
    }
    const item = createActionItem(input, { source: postmortemId ? 'postmortem' : 'incident', incidentId: incidentId ?? null, postmortemId: postmortemId ?? null }, { id: await store.actions.nextId(), now: now() });
    await store.actions.save(item);
    return item;
  }

  async get(id: string): Promise<ActionItem> {
    const item = await this.deps.store.actions.get(id);
    if (!item) throw new NotFoundError(`no action item "${id}"; list them with GET /api/v1/actions`);
    return item;
  }

  async update(id: string, input: ActionInput): Promise<ActionItem> {
    const next = updateActionItem(await this.get(id), input, this.deps.now());
    await this.deps.store.actions.save(next);
    return next;
  }

  async list(query: ActionListQuery): Promise<ActionItem[]> {
    await this.syncPageFollowUps();
    return this.deps.store.actions.list({
      ...(query.owner !== undefined ? { owner: query.owner } : {}),
      ...(query.overdue ? { overdueAt: this.deps.now() } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.incidentId !== undefined ? { incidentIds: [query.incidentId] } : {}),
    });
  }

  async report(lastIncidents: number): Promise<FollowThroughReport> {
    await this.syncPageFollowUps();
    const { store, now } = this.deps;
    const incidents = await store.incidents.list({ limit: lastIncidents });
    const items = [...(await store.actions.list({ incidentIds: incidents.map((i) => i.id) })), ...(await store.actions.list({ source: 'page' }))];
    return followThroughReport({ incidents: incidents.map((i) => ({ id: i.id, title: i.title, declaredAt: i.declaredAt })), items, now: now(), lastIncidents });
  }

  async digest(lastIncidents: number): Promise<Digest> {
    return renderWeeklyDigest(await this.report(lastIncidents));
  }

  /** Page follow-ups without an action item become one (P0, due in 7 days, owned by who resolved the page). */
  async syncPageFollowUps(): Promise<number> {
    const { store } = this.deps;
    let created = 0;
    for (const followUp of await this.pages.followUps()) {
      if (await store.actions.findByPage(followUp.pageId)) continue;
      const owner = (await this.pages.pageOwner(followUp.pageId)) ?? 'unassigned';
      const item = actionItemFromPage({ pageId: followUp.pageId, title: followUp.title, detail: followUp.detail }, owner, { id: await store.actions.nextId(), now: followUp.createdAt });
      try {
        await store.actions.save(item);
        created++;
      } catch (err: unknown) {
        // Another request or replica brought it in first.
        if (!(err instanceof ConflictError)) throw err;
      }
    }
    return created;
  }
}
