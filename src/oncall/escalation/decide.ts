/**
 * The escalation state machine: `decide(page, policy, event, now)` returns the next page and
 * the actions to run. It is pure (time comes in as `now`, ids are derived from the page), so
 * the durable layer can replay it after a crash and get the same timer ids and notifications.
 *
 *   trigger ─> triggered ──ack──> acknowledged ──ack timeout──> triggered (cycle+1, step 0)
 *                 │  └─timer: next step / repeat / final step / exhausted
 *                 └──────────── resolve | autoResolve ──────────────> resolved
 */
import { NotFoundError } from '../../errors/index.js';
import { formatDuration } from './duration.js';
import type { EscalationPolicy, EscalationTarget } from './model.js';
import type { Decision, Page, PageAction, PageEvent, StepRef, TimelineEntry, TimerReason } from './page.js';

export function decide(page: Page | null, policy: EscalationPolicy, event: PageEvent, now: number): Decision {
  if (event.type === 'trigger') {
    return page === null ? openPage(policy, event, now) : retrigger(page, now);
  }
  if (page === null) throw new NotFoundError(`no open page for this ${event.type} event; check the page id`);
  if (page.status === 'resolved') return { page, actions: [], ignored: 'the page is already resolved' };
  switch (event.type) {
    case 'timerFired':
      return onTimer(page, policy, event.timerId, now);
    case 'acknowledge':
      return acknowledge(page, policy, event.by, event.via, now);
    case 'resolve':
      return resolve(page, event, now);
    case 'autoResolve':
      return autoResolve(page, event.reason, now);
    case 'nobodyReached':
      return nobodyReached(page, policy, event, now);
  }
}

function openPage(policy: EscalationPolicy, event: Extract<PageEvent, { type: 'trigger' }>, now: number): Decision {
  const page: Page = {
    id: event.pageId,
    dedupKey: event.dedupKey,
    policy: policy.name,
    alert: event.alert,
    status: 'triggered',
    cycle: 0,
    step: 0,
    repeat: 0,
    exhausted: false,
    timer: null,
    timerSeq: 0,
    triggeredAt: now,
    lastTriggeredAt: now,
    retriggerCount: 0,
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
    resolvedBy: null,
    resolution: null,
    actionable: null,
  };
  const opened = timeline(page, now, 'triggered', `Triggered by ${event.alert.source}: ${event.alert.summary}; escalating with policy ${policy.name}`);
  const fired = fireStep(page, policy, 0, 0, now);
  return { page: fired.page, actions: [opened, ...fired.actions] };
}

/** Same dedup key on an open page: one incident pages once, so only the timeline learns of it. */
function retrigger(page: Page, now: number): Decision {
  if (page.status === 'resolved') return { page, actions: [], ignored: 'the page is resolved; open a new page for a new trigger' };
  const next = { ...page, retriggerCount: page.retriggerCount + 1, lastTriggeredAt: now };
  return { page: next, actions: [timeline(next, now, 'retriggered', `Alert fired again (${next.retriggerCount} repeat(s) folded into this page); no new notification`)] };
}

function onTimer(page: Page, policy: EscalationPolicy, timerId: string, now: number): Decision {
  if (!page.timer || page.timer.id !== timerId) return { page, actions: [], ignored: `timer ${timerId} is no longer pending` };
  const cleared = { ...page, timer: null };
  if (page.timer.reason === 'ackExpiry') return ackExpired(cleared, policy, now);
  return advance(cleared, policy, now);
}

/** The wait after the current step elapsed without an acknowledgement: page the next one. */
function advance(page: Page, policy: EscalationPolicy, now: number): Decision {
  const next = nextPosition(page, policy);
  if (next === null) {
    const exhausted = { ...page, exhausted: true };
    const passes = policy.repeat + 1;
    return {
      page: exhausted,
      actions: [timeline(exhausted, now, 'exhausted', `Nobody acknowledged after ${passes} pass(es) through policy ${policy.name}; nobody is left to page. The page stays open.`)],
    };
  }
  return fireStep(page, policy, next.step, next.repeat, now);
}

function nextPosition(page: Page, policy: EscalationPolicy): { step: StepRef; repeat: number } | null {
  if (page.step === 'final') return null;
  if (page.step + 1 < policy.steps.length) return { step: page.step + 1, repeat: page.repeat };
  if (page.repeat < policy.repeat) return { step: 0, repeat: page.repeat + 1 };
  if (policy.finalStep) return { step: 'final', repeat: page.repeat };
  return null;
}

/** Notifies a step and schedules what follows it: the step's wait, or nothing after the final step. */
function fireStep(page: Page, policy: EscalationPolicy, step: StepRef, repeat: number, now: number): Decision {
  const targets = targetsOf(policy, step);
  let next: Page = { ...page, step, repeat, exhausted: step === 'final' };
  const notify: PageAction = { type: 'notify', pageId: page.id, cycle: page.cycle, step, repeat, targets };
  const label = step === 'final' ? 'the final step' : `step ${step + 1} of ${policy.steps.length}`;
  const pass = repeat > 0 ? ` (repeat ${repeat} of ${policy.repeat})` : '';
  const actions: PageAction[] = [timeline(next, now, 'notified', `Paging ${label}${pass}: ${describeTargets(targets)}`), notify];
  if (step !== 'final') {
    const waitMs = policy.steps[step].waitMs;
    const scheduled = schedule(next, 'escalate', now + waitMs);
    next = scheduled.page;
    actions.push(scheduled.action);
  }
  return { page: next, actions };
}

function targetsOf(policy: EscalationPolicy, step: StepRef): EscalationTarget[] {
  if (step === 'final') return policy.finalStep?.targets ?? [];
  // A policy edited to fewer steps while a page was open: continue from its last step.
  return policy.steps[Math.min(step, policy.steps.length - 1)].targets;
}

function acknowledge(page: Page, policy: EscalationPolicy, by: string, via: string | undefined, now: number): Decision {
  const again = page.status === 'acknowledged';
  let next: Page = { ...page, status: 'acknowledged', acknowledgedAt: now, acknowledgedBy: by, timer: null };
  const how = via ? ` via ${via}` : '';
  const expiry = policy.ackTimeoutMs === null ? '' : `; escalation restarts if it is not resolved within ${formatDuration(policy.ackTimeoutMs)}`;
  const actions: PageAction[] = [
    { type: 'cancelTimers', pageId: page.id },
    { type: 'cancelDeliveries', pageId: page.id },
    timeline(next, now, 'acknowledged', `${again ? 'Acknowledged again' : 'Acknowledged'} by ${by}${how}; escalation stopped for everyone${expiry}`, by),
  ];
  if (!again) actions.push({ type: 'announce', pageId: page.id, cycle: page.cycle, status: 'acknowledged', by });
  if (policy.ackTimeoutMs !== null) {
    const scheduled = schedule(next, 'ackExpiry', now + policy.ackTimeoutMs);
    next = scheduled.page;
    actions.push(scheduled.action);
  }
  return { page: next, actions };
}

function ackExpired(page: Page, policy: EscalationPolicy, now: number): Decision {
  const reopened: Page = { ...page, status: 'triggered', cycle: page.cycle + 1, acknowledgedAt: null, acknowledgedBy: null, exhausted: false };
  const entry = timeline(reopened, now, 'ackExpired', `Acknowledgement by ${page.acknowledgedBy ?? 'unknown'} expired without a resolve; escalating again from the first step`);
  const fired = fireStep(reopened, policy, 0, 0, now);
  return { page: fired.page, actions: [entry, ...fired.actions] };
}

function resolve(page: Page, event: Extract<PageEvent, { type: 'resolve' }>, now: number): Decision {
  const next: Page = { ...close(page, now), resolvedBy: event.by, resolution: 'manual', actionable: event.actionable };
  const how = event.via ? ` via ${event.via}` : '';
  const note = event.note ? `: ${event.note}` : '';
  const actions: PageAction[] = [
    ...stopAll(page),
    timeline(next, now, 'resolved', `Resolved by ${event.by}${how} as ${event.actionable ? 'actionable' : 'NOT actionable'}${note}`, event.by),
    { type: 'announce', pageId: page.id, cycle: page.cycle, status: 'resolved', by: event.by },
  ];
  if (!event.actionable) {
    const alert = page.alert.labels.alertname ?? page.alert.summary;
    actions.push({
      type: 'createFollowUp',
      pageId: page.id,
      priority: 'highest',
      title: `Fix or delete the alert "${alert}": it paged a human for nothing`,
      detail: `Page ${page.id} (${page.alert.summary}) was resolved by ${event.by} as not actionable. ` +
        'An alert that needs no action trains people to ignore pages: make it actionable, turn it into a ticket, or delete it.',
    });
    actions.push(timeline(next, now, 'followUpCreated', 'Created a highest-priority follow-up to fix or delete this alert'));
  }
  return { page: next, actions };
}

function autoResolve(page: Page, reason: string | undefined, now: number): Decision {
  const next: Page = { ...close(page, now), resolution: 'auto' };
  const why = reason ? ` (${reason})` : '';
  return {
    page: next,
    actions: [
      ...stopAll(page),
      timeline(next, now, 'autoResolved', `The alert resolved itself${why}; page closed`),
      { type: 'announce', pageId: page.id, cycle: page.cycle, status: 'resolved', by: null },
    ],
  };
}

/** A step reached nobody: waiting its full wait would only delay the next step, so go on now. */
function nobodyReached(page: Page, policy: EscalationPolicy, event: Extract<PageEvent, { type: 'nobodyReached' }>, now: number): Decision {
  const current = page.status === 'triggered' && page.cycle === event.cycle && page.step === event.step && page.repeat === event.repeat;
  if (!current) return { page, actions: [], ignored: 'the page has moved on from that step' };
  const entry = timeline(page, now, 'nobodyReached', 'Nobody could be reached at this step; escalating immediately');
  const advanced = advance({ ...page, timer: null }, policy, now);
  return { page: advanced.page, actions: [{ type: 'cancelTimers', pageId: page.id }, entry, ...advanced.actions] };
}

function close(page: Page, now: number): Page {
  return { ...page, status: 'resolved', resolvedAt: now, timer: null };
}

function stopAll(page: Page): PageAction[] {
  return [
    { type: 'cancelTimers', pageId: page.id },
    { type: 'cancelDeliveries', pageId: page.id },
  ];
}

function schedule(page: Page, reason: TimerReason, at: number): { page: Page; action: PageAction } {
  const seq = page.timerSeq + 1;
  const id = `${page.id}:${reason}:${seq}`;
  return {
    page: { ...page, timerSeq: seq, timer: { id, at, reason } },
    action: { type: 'scheduleTimer', pageId: page.id, timerId: id, at, reason },
  };
}

function timeline(page: Page, at: number, kind: TimelineEntry['kind'], message: string, actor?: string): PageAction {
  const entry: TimelineEntry = { at, kind, message };
  if (actor !== undefined) entry.actor = actor;
  return { type: 'recordTimeline', pageId: page.id, entry };
}

export function describeTargets(targets: readonly EscalationTarget[]): string {
  if (targets.length === 0) return 'nobody';
  return targets
    .map((t) => (t.type === 'schedule' ? `on-call of schedule ${t.schedule}` : t.type === 'team' ? `team ${t.team}` : t.people.join(', ')))
    .join('; ');
}
