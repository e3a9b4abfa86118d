/**
 * Creating and changing action items, with field-level validation. `wont_do` needs a reason,
 * so "we decided not to" is a recorded decision rather than a silent drop.
 */
import { InputError } from '../errors/index.js';
import { FieldChecks } from '../incidents/validate.js';
import { ACTION_PRIORITIES, ACTION_STATUSES, type ActionItem, type ActionPriority, type ActionSource, type ActionStatus } from './model.js';

export interface ActionInput {
  title?: unknown;
  description?: unknown;
  owner?: unknown;
  dueAt?: unknown;
  priority?: unknown;
  status?: unknown;
  wontDoReason?: unknown;
  trackerUrl?: unknown;
}

export interface ActionLinks {
  source: ActionSource;
  incidentId?: string | null;
  postmortemId?: string | null;
  pageId?: string | null;
}

const DAY_MS = 86_400_000;

export function createActionItem(input: ActionInput, links: ActionLinks, ctx: { id: string; now: number }): ActionItem {
  const c = new FieldChecks();
  const title = c.text('title', input.title, 300, 'action item title');
  const description = c.optionalText('description', input.description, 10_000, 'description') ?? '';
  const owner = c.text('owner', input.owner, 200, 'owner (a person id)');
  const dueAt = c.time('dueAt', input.dueAt, 'the due date');
  const priority = c.oneOf<ActionPriority>('priority', input.priority ?? 'P2', ACTION_PRIORITIES, 'priority');
  const status = c.oneOf<ActionStatus>('status', input.status ?? 'open', ACTION_STATUSES, 'status');
  const reason = c.optionalText('wontDoReason', input.wontDoReason, 2000, 'reason') ?? '';
  if (status === 'wont_do' && reason === '') c.add('wontDoReason', "is required when the status is wont_do; say why the team decided not to do it");
  const trackerUrl = c.url('trackerUrl', input.trackerUrl) ?? null;
  if (links.source === 'page' && !links.pageId) c.add('pageId', 'is required for a follow-up from a page');
  if (links.source !== 'page' && !links.incidentId) c.add('incidentId', 'is required; link the action item to the incident it came from');
  c.throwIfAny('action item');
  return {
    id: ctx.id,
    title,
    description,
    owner,
    dueAt,
    priority,
    status,
    wontDoReason: status === 'wont_do' ? reason : null,
    source: links.source,
    incidentId: links.incidentId ?? null,
    postmortemId: links.postmortemId ?? null,
    pageId: links.pageId ?? null,
    trackerUrl,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    doneAt: status === 'done' ? ctx.now : null,
    version: 1,
  };
}

export function updateActionItem(item: ActionItem, input: ActionInput, now: number): ActionItem {
  const c = new FieldChecks();
  const next: ActionItem = { ...item };
  if (input.title !== undefined) next.title = c.text('title', input.title, 300, 'action item title');
  if (input.description !== undefined) next.description = c.optionalText('description', input.description, 10_000, 'description') ?? '';
  if (input.owner !== undefined) next.owner = c.text('owner', input.owner, 200, 'owner (a person id)');
  if (input.dueAt !== undefined) next.dueAt = c.time('dueAt', input.dueAt, 'the due date');
  if (input.priority !== undefined) next.priority = c.oneOf('priority', input.priority, ACTION_PRIORITIES, 'priority');
  if (input.trackerUrl !== undefined) next.trackerUrl = c.url('trackerUrl', input.trackerUrl) ?? null;
  if (input.status !== undefined) next.status = c.oneOf('status', input.status, ACTION_STATUSES, 'status');
  const reason = input.wontDoReason === undefined ? item.wontDoReason ?? '' : c.optionalText('wontDoReason', input.wontDoReason, 2000, 'reason') ?? '';
  if (next.status === 'wont_do' && reason === '') c.add('wontDoReason', "is required when the status is wont_do; say why the team decided not to do it");
  c.throwIfAny('action item update');
  next.wontDoReason = next.status === 'wont_do' ? reason : null;
  next.doneAt = next.status === 'done' ? item.doneAt ?? now : null;
  next.updatedAt = now;
  next.version = item.version + 1;
  return next;
}

/** On-call's `createFollowUp` for a non-actionable page becomes a P0 item due in `dueDays`. */
export function actionItemFromPage(followUp: { pageId: string; title: string; detail: string }, owner: string, ctx: { id: string; now: number; dueDays?: number }): ActionItem {
  if (!followUp.pageId) throw new InputError('page follow-up is invalid: pageId: is required', [{ path: 'pageId', message: 'is required' }]);
  return createActionItem(
    { title: followUp.title, description: followUp.detail, owner, dueAt: ctx.now + (ctx.dueDays ?? 7) * DAY_MS, priority: 'P0' },
    { source: 'page', pageId: followUp.pageId },
    ctx,
  );
}
