import { describe, expect, it } from 'vitest';
import { decide } from './decide.js';
import type { EscalationPolicy } from './model.js';
import type { AlertSnapshot, Page, PageAction, PageEvent } from './page.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 27, 9, 0);

const alert: AlertSnapshot = {
  source: 'slo',
  summary: 'checkout availability burning budget at 14.4x',
  labels: { alertname: 'CheckoutAvailability', service: 'checkout', severity: 'page' },
  annotations: {},
  runbookUrl: 'https://runbooks.example/checkout',
};

function policy(fields: Partial<EscalationPolicy> = {}): EscalationPolicy {
  return {
    name: 'checkout',
    steps: [
      { targets: [{ type: 'schedule', schedule: 'primary' }], waitMs: 5 * MIN },
      { targets: [{ type: 'people', people: ['lead'] }], waitMs: 10 * MIN },
    ],
    repeat: 0,
    finalStep: null,
    ackTimeoutMs: null,
    origin: { file: 'oncall.yaml', line: 1, column: 1 },
    ...fields,
  };
}

/** Plays the durable layer: keeps the page and its timers, fires timers as the clock passes them. */
class Harness {
  page: Page | null = null;
  timers = new Map<string, number>();
  log: PageAction[] = [];
  constructor(readonly policy: EscalationPolicy) {}

  send(event: PageEvent, now: number) {
    const decision = decide(this.page, this.policy, event, now);
    this.page = decision.page;
    for (const action of decision.actions) {
      if (action.type === 'scheduleTimer') this.timers.set(action.timerId, action.at);
      if (action.type === 'cancelTimers') this.timers.clear();
    }
    this.log.push(...decision.actions);
    return decision;
  }

  trigger(now = T0) {
    return this.send({ type: 'trigger', pageId: 'p1', dedupKey: 'slo:checkout', alert }, now);
  }

  /** Fires every timer due up to `until`, in time order, each at its own due time. */
  runUntil(until: number) {
    for (;;) {
      const due = [...this.timers].filter(([, at]) => at <= until).sort((a, b) => a[1] - b[1])[0];
      if (!due) return;
      this.timers.delete(due[0]);
      this.send({ type: 'timerFired', timerId: due[0] }, due[1]);
    }
  }

  notified() {
    return this.log.filter((a): a is Extract<PageAction, { type: 'notify' }> => a.type === 'notify').map((a) => ({ step: a.step, repeat: a.repeat, cycle: a.cycle }));
  }

  timeline() {
    return this.log.flatMap((a) => (a.type === 'recordTimeline' ? [a.entry.kind] : []));
  }
}

describe('decide', () => {
  it('opens a page, notifies the first step at once and waits its ack timeout', () => {
    const h = new Harness(policy());
    const { actions, page } = h.trigger();
    expect(page).toMatchObject({ status: 'triggered', step: 0, repeat: 0, cycle: 0, triggeredAt: T0, dedupKey: 'slo:checkout' });
    expect(actions).toEqual([
      { type: 'recordTimeline', pageId: 'p1', entry: { at: T0, kind: 'triggered', message: 'Triggered by slo: checkout availability burning budget at 14.4x; escalating with policy checkout' } },
      { type: 'recordTimeline', pageId: 'p1', entry: { at: T0, kind: 'notified', message: 'Paging step 1 of 2: on-call of schedule primary' } },
      { type: 'notify', pageId: 'p1', cycle: 0, step: 0, repeat: 0, targets: [{ type: 'schedule', schedule: 'primary' }] },
      { type: 'scheduleTimer', pageId: 'p1', timerId: 'p1:escalate:1', at: T0 + 5 * MIN, reason: 'escalate' },
    ]);
  });

  it('moves to the next step only when the step wait has elapsed', () => {
    const h = new Harness(policy());
    h.trigger();
    h.runUntil(T0 + 5 * MIN - 1);
    expect(h.notified()).toEqual([{ step: 0, repeat: 0, cycle: 0 }]);
    h.runUntil(T0 + 5 * MIN);
    expect(h.notified()).toEqual([{ step: 0, repeat: 0, cycle: 0 }, { step: 1, repeat: 0, cycle: 0 }]);
    expect(h.timers.get('p1:escalate:2')).toBe(T0 + 15 * MIN);
  });

  it('repeats the whole policy N times and then reports that nobody is left to page', () => {
    const h = new Harness(policy({ repeat: 2 }));
    h.trigger();
    h.runUntil(T0 + 24 * 60 * MIN);
    expect(h.notified()).toEqual([
      { step: 0, repeat: 0, cycle: 0 },
      { step: 1, repeat: 0, cycle: 0 },
      { step: 0, repeat: 1, cycle: 0 },
      { step: 1, repeat: 1, cycle: 0 },
      { step: 0, repeat: 2, cycle: 0 },
      { step: 1, repeat: 2, cycle: 0 },
    ]);
    expect(h.page).toMatchObject({ exhausted: true, status: 'triggered', timer: null });
    expect(h.timeline().at(-1)).toBe('exhausted');
    // Exhausted after 3 passes of 15 minutes.
    const exhausted = h.log.find((a) => a.type === 'recordTimeline' && a.entry.kind === 'exhausted');
    expect(exhausted).toMatchObject({ entry: { at: T0 + 45 * MIN } });
  });

  it('notifies the final step once after the last pass and schedules nothing after it', () => {
    const h = new Harness(policy({ repeat: 1, finalStep: { targets: [{ type: 'team', team: 'sre-leads' }] } }));
    h.trigger();
    h.runUntil(T0 + 24 * 60 * MIN);
    expect(h.notified().map((n) => n.step)).toEqual([0, 1, 0, 1, 'final']);
    const final = h.log.find((a) => a.type === 'notify' && a.step === 'final');
    expect(final).toMatchObject({ repeat: 1, targets: [{ type: 'team', team: 'sre-leads' }] });
    expect(h.timers.size).toBe(0);
    expect(h.page).toMatchObject({ step: 'final', exhausted: true });
  });

  it('stops escalation for everyone on acknowledge, and the old timer firing later does nothing', () => {
    const h = new Harness(policy());
    h.trigger();
    const oldTimer = h.page!.timer!.id;
    const ack = h.send({ type: 'acknowledge', by: 'alice', via: 'slack link' }, T0 + 2 * MIN);
    expect(ack.page).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'alice', acknowledgedAt: T0 + 2 * MIN, timer: null });
    expect(ack.actions.map((a) => a.type)).toEqual(['cancelTimers', 'cancelDeliveries', 'recordTimeline', 'announce']);
    expect(ack.actions.at(-1)).toEqual({ type: 'announce', pageId: 'p1', cycle: 0, status: 'acknowledged', by: 'alice' });
    h.runUntil(T0 + 60 * MIN);
    expect(h.notified()).toHaveLength(1);
    const stale = decide(h.page, h.policy, { type: 'timerFired', timerId: oldTimer }, T0 + 5 * MIN);
    expect(stale).toEqual({ page: h.page, actions: [], ignored: `timer ${oldTimer} is no longer pending` });
  });

  it('re-escalates from the first step in a new cycle when an acknowledgement times out', () => {
    const h = new Harness(policy({ ackTimeoutMs: 30 * MIN }));
    h.trigger();
    h.send({ type: 'acknowledge', by: 'alice' }, T0 + 2 * MIN);
    expect(h.timers.get('p1:ackExpiry:2')).toBe(T0 + 32 * MIN);
    h.runUntil(T0 + 32 * MIN);
    expect(h.page).toMatchObject({ status: 'triggered', cycle: 1, step: 0, acknowledgedBy: null });
    expect(h.notified()).toEqual([{ step: 0, repeat: 0, cycle: 0 }, { step: 0, repeat: 0, cycle: 1 }]);
    expect(h.timeline()).toContain('ackExpired');
    h.runUntil(T0 + 37 * MIN);
    expect(h.notified().at(-1)).toEqual({ step: 1, repeat: 0, cycle: 1 });
  });

  it('restarts the ack timeout when someone acknowledges again', () => {
    const h = new Harness(policy({ ackTimeoutMs: 30 * MIN }));
    h.trigger();
    h.send({ type: 'acknowledge', by: 'alice' }, T0 + 2 * MIN);
    h.send({ type: 'acknowledge', by: 'alice' }, T0 + 20 * MIN);
    h.runUntil(T0 + 49 * MIN);
    expect(h.page?.status).toBe('acknowledged');
    h.runUntil(T0 + 50 * MIN);
    expect(h.page?.status).toBe('triggered');
  });

  it('resolves manually as actionable without a follow-up', () => {
    const h = new Harness(policy());
    h.trigger();
    const { page, actions } = h.send({ type: 'resolve', by: 'alice', actionable: true, note: 'rolled back' }, T0 + 9 * MIN);
    expect(page).toMatchObject({ status: 'resolved', resolvedBy: 'alice', resolvedAt: T0 + 9 * MIN, resolution: 'manual', actionable: true, timer: null });
    expect(actions).toEqual([
      { type: 'cancelTimers', pageId: 'p1' },
      { type: 'cancelDeliveries', pageId: 'p1' },
      { type: 'recordTimeline', pageId: 'p1', entry: { at: T0 + 9 * MIN, kind: 'resolved', message: 'Resolved by alice as actionable: rolled back', actor: 'alice' } },
      { type: 'announce', pageId: 'p1', cycle: 0, status: 'resolved', by: 'alice' },
    ]);
    h.runUntil(T0 + 60 * MIN);
    expect(h.notified()).toHaveLength(1);
  });

  it('creates a highest-priority follow-up to fix or delete the alert when resolved as not actionable', () => {
    const h = new Harness(policy());
    h.trigger();
    const { actions } = h.send({ type: 'resolve', by: 'alice', actionable: false }, T0 + MIN);
    expect(actions.find((a) => a.type === 'createFollowUp')).toEqual({
      type: 'createFollowUp',
      pageId: 'p1',
      priority: 'highest',
      title: 'Fix or delete the alert "CheckoutAvailability": it paged a human for nothing',
      detail:
        'Page p1 (checkout availability burning budget at 14.4x) was resolved by alice as not actionable. ' +
        'An alert that needs no action trains people to ignore pages: make it actionable, turn it into a ticket, or delete it.',
    });
    expect(h.timeline()).toEqual(['triggered', 'notified', 'resolved', 'followUpCreated']);
  });

  it('closes the page when the alert resolves itself, even while acknowledged', () => {
    const h = new Harness(policy({ ackTimeoutMs: 30 * MIN }));
    h.trigger();
    h.send({ type: 'acknowledge', by: 'alice' }, T0 + MIN);
    const { page, actions } = h.send({ type: 'autoResolve', reason: 'Alertmanager sent status resolved' }, T0 + 3 * MIN);
    expect(page).toMatchObject({ status: 'resolved', resolution: 'auto', actionable: null, resolvedBy: null });
    expect(actions.map((a) => a.type)).toEqual(['cancelTimers', 'cancelDeliveries', 'recordTimeline', 'announce']);
    h.runUntil(T0 + 120 * MIN);
    expect(h.page?.status).toBe('resolved');
    expect(h.notified()).toHaveLength(1);
  });

  it('folds a re-trigger with the same dedup key into the open page without notifying again', () => {
    const h = new Harness(policy());
    h.trigger();
    const again = h.trigger(T0 + MIN);
    expect(again.page).toMatchObject({ id: 'p1', retriggerCount: 1, lastTriggeredAt: T0 + MIN, step: 0 });
    expect(again.actions).toEqual([
      { type: 'recordTimeline', pageId: 'p1', entry: { at: T0 + MIN, kind: 'retriggered', message: 'Alert fired again (1 repeat(s) folded into this page); no new notification' } },
    ]);
    expect(h.notified()).toHaveLength(1);
  });

  it('ignores events on a resolved page and a trigger for it', () => {
    const h = new Harness(policy());
    h.trigger();
    h.send({ type: 'autoResolve' }, T0 + MIN);
    expect(h.send({ type: 'acknowledge', by: 'bob' }, T0 + 2 * MIN)).toMatchObject({ actions: [], ignored: 'the page is already resolved' });
    expect(h.trigger(T0 + 3 * MIN)).toMatchObject({ actions: [], ignored: 'the page is resolved; open a new page for a new trigger' });
  });

  it('escalates at once when a step reached nobody, but only for the current step', () => {
    const h = new Harness(policy());
    h.trigger();
    const stale = h.send({ type: 'nobodyReached', cycle: 0, step: 1, repeat: 0 }, T0);
    expect(stale.ignored).toBe('the page has moved on from that step');
    h.send({ type: 'nobodyReached', cycle: 0, step: 0, repeat: 0 }, T0 + 1000);
    expect(h.notified()).toEqual([{ step: 0, repeat: 0, cycle: 0 }, { step: 1, repeat: 0, cycle: 0 }]);
    expect([...h.timers.values()]).toEqual([T0 + 1000 + 10 * MIN]);
  });

  it('refuses a non-trigger event without a page', () => {
    expect(() => decide(null, policy(), { type: 'acknowledge', by: 'alice' }, T0)).toThrow('no open page for this acknowledge event; check the page id');
  });

  it('is deterministic: the same events at the same times give the same actions', () => {
    const run = () => {
      const h = new Harness(policy({ repeat: 1, ackTimeoutMs: 10 * MIN }));
      h.trigger();
      h.runUntil(T0 + 7 * MIN);
      h.send({ type: 'acknowledge', by: 'lead' }, T0 + 8 * MIN);
      h.runUntil(T0 + 40 * MIN);
      return h.log;
    };
    expect(run()).toEqual(run());
  });
});
