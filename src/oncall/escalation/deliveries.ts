/**
 * Expands a `notify` action into timed deliveries: targets -> people (schedules resolved at
 * `now` through the injected directory) -> each person's notification rules ("webhook now,
 * email after 2 minutes"). Every delivery carries an idempotency key built only from the page's
 * position and the rule, so the durable layer can store it with a unique constraint and a
 * restart can never send the same step to the same contact method twice.
 */
import type { Person } from '../schedule/model.js';
import type { EscalationTarget } from './model.js';
import type { Page, PageAction, StepRef } from './page.js';

/** Lookups into the on-call config; `resolveOnCall` is the final-schedule computation. */
export interface OnCallDirectory {
  resolveOnCall(schedule: string, at: number): string[];
  teamMembers(team: string): string[];
  person(id: string): Person | undefined;
}

export interface PlannedDelivery {
  idempotencyKey: string;
  pageId: string;
  cycle: number;
  step: StepRef;
  repeat: number;
  personId: string;
  contactMethodId: string;
  ruleIndex: number;
  dueAt: number;
  /** The person's other contact methods, in their listed order, for `deliverWithFallback`. */
  fallbackContactMethodIds: string[];
}

export interface Unreached {
  /** What could not be reached: `schedule primary`, `person bob`, ... */
  target: string;
  reason: string;
}

export interface DeliveryPlan {
  deliveries: PlannedDelivery[];
  /** People notified through the default rule because they have none; worth a readiness warning. */
  withoutRules: string[];
  unreached: Unreached[];
}

type NotifyAction = Extract<PageAction, { type: 'notify' }>;

export function planDeliveries(notify: NotifyAction, directory: OnCallDirectory, now: number): DeliveryPlan {
  const unreached: Unreached[] = [];
  const people = resolvePeople(notify.targets, directory, now, unreached);
  const deliveries: PlannedDelivery[] = [];
  const withoutRules: string[] = [];
  for (const personId of people) {
    const person = directory.person(personId);
    if (!person) {
      unreached.push({ target: `person ${personId}`, reason: 'is not defined under people' });
      continue;
    }
    if (person.contactMethods.length === 0) {
      unreached.push({ target: `person ${personId}`, reason: 'has no contact methods; add one under people' });
      continue;
    }
    // Without rules, a person is still paged at once on their first contact method.
    const rules = person.notificationRules.length > 0 ? person.notificationRules : [{ contactMethod: person.contactMethods[0].id, afterSeconds: 0 }];
    if (person.notificationRules.length === 0) withoutRules.push(personId);
    rules.forEach((rule, ruleIndex) => {
      if (!person.contactMethods.some((m) => m.id === rule.contactMethod)) {
        unreached.push({ target: `person ${personId}`, reason: `notification rule ${ruleIndex} names unknown contact method "${rule.contactMethod}"` });
        return;
      }
      deliveries.push({
        idempotencyKey: deliveryKey(notify, personId, rule.contactMethod, ruleIndex),
        pageId: notify.pageId,
        cycle: notify.cycle,
        step: notify.step,
        repeat: notify.repeat,
        personId,
        contactMethodId: rule.contactMethod,
        ruleIndex,
        dueAt: now + rule.afterSeconds * 1000,
        fallbackContactMethodIds: person.contactMethods.map((m) => m.id).filter((id) => id !== rule.contactMethod),
      });
    });
  }
  return { deliveries, withoutRules, unreached };
}

/** One person named by several targets of a step (schedule and team) is paged once. */
function resolvePeople(targets: readonly EscalationTarget[], directory: OnCallDirectory, now: number, unreached: Unreached[]): string[] {
  const people = new Set<string>();
  for (const target of targets) {
    if (target.type === 'people') target.people.forEach((p) => people.add(p));
    else if (target.type === 'team') {
      const members = directory.teamMembers(target.team);
      if (members.length === 0) unreached.push({ target: `team ${target.team}`, reason: 'has no members' });
      members.forEach((p) => people.add(p));
    } else {
      const onCall = directory.resolveOnCall(target.schedule, now);
      if (onCall.length === 0) unreached.push({ target: `schedule ${target.schedule}`, reason: 'has nobody on call right now (a gap)' });
      onCall.forEach((p) => people.add(p));
    }
  }
  return [...people];
}

/** `page/<id>/c<cycle>/s<step>/r<repeat>/<person>/<contact method>/<rule>`, ids URI-encoded. */
export function deliveryKey(position: Pick<NotifyAction, 'pageId' | 'cycle' | 'step' | 'repeat'>, personId: string, contactMethodId: string, ruleIndex: number): string {
  const e = encodeURIComponent;
  return `page/${e(position.pageId)}/c${position.cycle}/s${position.step}/r${position.repeat}/${e(personId)}/${e(contactMethodId)}/${ruleIndex}`;
}

/**
 * A delivery planned by a rule may fall due after the page moved on. It is still wanted while
 * the page is triggered in the same cycle (a person's later rules are not cut short by the next
 * step, unlike Grafana OnCall #934); an acknowledgement or resolve cancels it for everyone.
 */
export function isDeliveryStillWanted(page: Page, delivery: Pick<PlannedDelivery, 'pageId' | 'cycle'>): boolean {
  return page.id === delivery.pageId && page.status === 'triggered' && page.cycle === delivery.cycle;
}
