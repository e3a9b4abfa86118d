/**
 * Runs one `decide()` result inside the caller's transaction: page state, timeline, timers,
 * planned deliveries, announcements and follow-ups are written together or not at all. A step
 * that reaches nobody is fed back to `decide` as `nobodyReached` in the same transaction, so
 * the page moves on at once instead of waiting out a step nobody received.
 */
import {
  decide,
  planDeliveries,
  type Decision,
  type EscalationPolicy,
  type OnCallDirectory,
  type Page,
  type PageAction,
  type PlannedDelivery,
  type TimelineEntry,
} from '../escalation/index.js';
import type { NewDelivery, PagingTx } from '../../store/paging.js';

export interface ApplyContext {
  directory: OnCallDirectory;
  now: number;
}

/** Chained nobodyReached decisions per call; a policy has few steps, so this is never reached in practice. */
const MAX_CHAIN = 50;

export async function applyDecision(tx: PagingTx, decision: Decision, policy: EscalationPolicy, ctx: ApplyContext): Promise<Page> {
  let current = decision;
  for (let chain = 0; chain < MAX_CHAIN; chain++) {
    if (current.ignored !== undefined && current.actions.length === 0) return current.page;
    await tx.savePage(current.page, ctx.now);
    const unreached = await runActions(tx, current.page, current.actions, ctx);
    if (!unreached) return current.page;
    current = decide(current.page, policy, { type: 'nobodyReached', ...unreached }, ctx.now);
  }
  await tx.addTimeline(current.page.id, [{ at: ctx.now, kind: 'nobodyReached', message: 'Stopped escalating: every step reached nobody. Fix the policy targets and contact methods.' }]);
  return current.page;
}

type NotifyAction = Extract<PageAction, { type: 'notify' }>;

/** Returns the position of a notify step that reached nobody, if any. */
async function runActions(tx: PagingTx, page: Page, actions: readonly PageAction[], ctx: ApplyContext): Promise<Pick<NotifyAction, 'cycle' | 'step' | 'repeat'> | null> {
  let unreached: Pick<NotifyAction, 'cycle' | 'step' | 'repeat'> | null = null;
  for (const action of actions) {
    switch (action.type) {
      case 'recordTimeline':
        await tx.addTimeline(action.pageId, [action.entry]);
        break;
      case 'scheduleTimer':
        await tx.scheduleTimer(action.pageId, { id: action.timerId, at: action.at, reason: action.reason });
        break;
      case 'cancelTimers':
        await tx.cancelTimers(action.pageId);
        break;
      case 'cancelDeliveries':
        await tx.cancelDeliveries(action.pageId, `not sent: the page was ${page.status}`, ctx.now);
        break;
      case 'notify': {
        const reachedNobody = await notify(tx, action, ctx);
        if (reachedNobody) unreached = { cycle: action.cycle, step: action.step, repeat: action.repeat };
        break;
      }
      case 'announce':
        await announce(tx, page, action, ctx);
        break;
      case 'createFollowUp':
        await tx.createFollowUp({ pageId: action.pageId, priority: action.priority, title: action.title, detail: action.detail, createdAt: ctx.now });
        break;
    }
  }
  return unreached;
}

async function notify(tx: PagingTx, action: NotifyAction, ctx: ApplyContext): Promise<boolean> {
  const plan = planDeliveries(action, ctx.directory, ctx.now);
  const entries: TimelineEntry[] = plan.unreached.map((u) => ({ at: ctx.now, kind: 'nobodyReached', message: `Could not page ${u.target}: ${u.reason}` }));
  if (plan.withoutRules.length > 0) {
    entries.push({ at: ctx.now, kind: 'notified', message: `${plan.withoutRules.join(', ')} ha${plan.withoutRules.length === 1 ? 's' : 've'} no notification rules; paging their first contact method now` });
  }
  if (entries.length > 0) await tx.addTimeline(action.pageId, entries);
  await tx.insertDeliveries(plan.deliveries.map((d) => ({ kind: 'page', plan: d })));
  return plan.deliveries.length === 0;
}

/** Tells everyone reached in this cycle that the page changed hands or closed, on the method that reached them. */
async function announce(tx: PagingTx, page: Page, action: Extract<PageAction, { type: 'announce' }>, ctx: ApplyContext): Promise<void> {
  const recipients = await tx.deliveredRecipients(action.pageId, action.cycle);
  const deliveries: NewDelivery[] = [];
  for (const { personId, contactMethodId } of recipients) {
    if (personId === action.by) continue;
    const person = ctx.directory.person(personId);
    if (!person) continue;
    const plan: PlannedDelivery = {
      idempotencyKey: announcementKey(page.id, action.cycle, personId, action.status),
      pageId: page.id,
      cycle: action.cycle,
      step: page.step,
      repeat: page.repeat,
      personId,
      contactMethodId,
      ruleIndex: 0,
      dueAt: ctx.now,
      fallbackContactMethodIds: person.contactMethods.map((m) => m.id).filter((id) => id !== contactMethodId),
    };
    deliveries.push({ kind: 'announce', plan });
  }
  await tx.insertDeliveries(deliveries);
}

/** `page/<id>/c<cycle>/announce/<person>/<status>`: each person hears each status change once per cycle. */
export function announcementKey(pageId: string, cycle: number, personId: string, status: string): string {
  const e = encodeURIComponent;
  return `page/${e(pageId)}/c${cycle}/announce/${e(personId)}/${status}`;
}
