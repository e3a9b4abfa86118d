/**
 * Editing and moving a postmortem through review. Publishing enforces the budget rule: an
 * incident that consumed more than the threshold must leave at least one top-priority action
 * item (not `wont_do`) behind, because a postmortem without a committed fix changes nothing.
 */
import { ConflictError, InputError } from '../errors/index.js';
import { TOP_PRIORITY, type ActionItem } from '../actions/model.js';
import type { Postmortem } from './model.js';

function assertEditable(pm: Postmortem): void {
  if (pm.state === 'published') throw new ConflictError(`postmortem ${pm.id} is published and can no longer change; add new action items instead`);
}

export function editSection(pm: Postmortem, key: string, body: unknown, now: number): Postmortem {
  assertEditable(pm);
  if (typeof body !== 'string') throw new InputError('section body must be text', [{ path: `sections.${key}`, message: 'must be text (Markdown)' }]);
  if (body.length > 50_000) throw new InputError('section is too long', [{ path: `sections.${key}`, message: 'keep a section under 50,000 characters' }]);
  if (!pm.sections.some((s) => s.key === key)) {
    throw new InputError(`no section "${key}" in this postmortem`, [{ path: 'key', message: `use one of ${pm.sections.map((s) => s.key).join(', ')}` }]);
  }
  return { ...pm, sections: pm.sections.map((s) => (s.key === key ? { ...s, body } : s)), updatedAt: now, version: pm.version + 1 };
}

/** Sections a reviewer cannot do without; empty ones are named in the error. */
const REQUIRED_FOR_REVIEW = ['summary', 'contributingCauses'];

export function submitForReview(pm: Postmortem, now: number): Postmortem {
  if (pm.state !== 'draft') throw new ConflictError(`postmortem ${pm.id} is ${pm.state}; only a draft can be submitted for review`);
  const empty = pm.sections.filter((s) => REQUIRED_FOR_REVIEW.includes(s.key) && s.body.trim() === '');
  if (empty.length > 0) {
    throw new InputError(`write ${empty.map((s) => s.title).join(' and ')} before asking for review`, empty.map((s) => ({ path: `sections.${s.key}`, message: 'is empty' })));
  }
  return { ...pm, state: 'in_review', submittedAt: now, updatedAt: now, version: pm.version + 1 };
}

export function returnToDraft(pm: Postmortem, now: number): Postmortem {
  if (pm.state !== 'in_review') throw new ConflictError(`postmortem ${pm.id} is ${pm.state}; only one in review can go back to draft`);
  return { ...pm, state: 'draft', updatedAt: now, version: pm.version + 1 };
}

/** `actions`: the action items linked to this postmortem or its incident. */
export function publishPostmortem(pm: Postmortem, actions: readonly ActionItem[], now: number): Postmortem {
  if (pm.state !== 'in_review') throw new ConflictError(`postmortem ${pm.id} is ${pm.state}; submit it for review before publishing`);
  if (pm.requirement.topPriorityActionRequired && !hasTopPriorityAction(pm, actions)) {
    throw new ConflictError(
      `postmortem ${pm.id} cannot be published: the incident ${pm.requirement.reasons.filter((r) => r.startsWith('consumed')).join('; ')}, ` +
        `so it needs at least one ${TOP_PRIORITY} action item that is not won't-do; add one with an owner and a due date`,
    );
  }
  return { ...pm, state: 'published', publishedAt: now, updatedAt: now, version: pm.version + 1 };
}

export function hasTopPriorityAction(pm: Pick<Postmortem, 'id' | 'incidentId'>, actions: readonly ActionItem[]): boolean {
  return actions.some((a) => (a.postmortemId === pm.id || a.incidentId === pm.incidentId) && a.priority === TOP_PRIORITY && a.status !== 'wont_do');
}
