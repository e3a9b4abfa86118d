/**
 * A page and everything that can happen to it, as plain data. `decide` (decide.ts) is the only
 * code that changes a page; the durable layer stores pages, runs the actions it returns, and
 * feeds timer expiries back in as events.
 */
import type { EscalationTarget } from './model.js';

export type PageStatus = 'triggered' | 'acknowledged' | 'resolved';

/** What the alert said when it fired; kept on the page so notifications need no other lookup. */
export interface AlertSnapshot {
  /** Where it came from: `slo`, `alertmanager`, `pagerduty`, `webhook`, ... */
  source: string;
  summary: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  runbookUrl: string | null;
}

/** Position in the policy: a step index, or the final step. */
export type StepRef = number | 'final';

export type TimerReason = 'escalate' | 'ackExpiry';

export interface PendingTimer {
  id: string;
  at: number;
  reason: TimerReason;
}

export interface Page {
  id: string;
  dedupKey: string;
  policy: string;
  alert: AlertSnapshot;
  status: PageStatus;
  /** Bumped each time an expired acknowledgement restarts escalation; part of idempotency keys. */
  cycle: number;
  step: StepRef;
  /** 0 on the first pass through the steps, 1 on the first repeat, ... */
  repeat: number;
  /** True once the last step (or final step) has fired and its wait elapsed: nobody else to page. */
  exhausted: boolean;
  /** The one timer that may advance this page; a fired timer with another id is stale. */
  timer: PendingTimer | null;
  timerSeq: number;
  triggeredAt: number;
  lastTriggeredAt: number;
  /** Re-triggers with the same dedup key that were folded into this page. */
  retriggerCount: number;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
  resolvedAt: number | null;
  resolvedBy: string | null;
  resolution: 'manual' | 'auto' | null;
  /** Set on manual resolve: did this page need a human? false creates a follow-up. */
  actionable: boolean | null;
}

export type PageEvent =
  | { type: 'trigger'; pageId: string; dedupKey: string; alert: AlertSnapshot }
  | { type: 'timerFired'; timerId: string }
  | { type: 'acknowledge'; by: string; via?: string }
  | { type: 'resolve'; by: string; actionable: boolean; note?: string; via?: string }
  /** The alert itself cleared (Alertmanager `resolved`, PagerDuty `resolve`, SLO recovered). */
  | { type: 'autoResolve'; reason?: string }
  /** Fed back when a step reached nobody (schedule gap, nobody with a contact method). */
  | { type: 'nobodyReached'; cycle: number; step: StepRef; repeat: number };

export type TimelineKind =
  | 'triggered'
  | 'retriggered'
  | 'notified'
  /** A channel failed for one person; written by the delivery code, not by decide. */
  | 'deliveryFailed'
  | 'nobodyReached'
  | 'exhausted'
  | 'acknowledged'
  | 'ackExpired'
  | 'resolved'
  | 'autoResolved'
  | 'followUpCreated';

export interface TimelineEntry {
  at: number;
  kind: TimelineKind;
  message: string;
  actor?: string;
}

export type PageAction =
  /** Page the step's targets; expand with `planDeliveries` at the same `now`. */
  | { type: 'notify'; pageId: string; cycle: number; step: StepRef; repeat: number; targets: EscalationTarget[] }
  | { type: 'scheduleTimer'; pageId: string; timerId: string; at: number; reason: TimerReason }
  /** Drop every pending timer of the page (the page's `timer` is already cleared). */
  | { type: 'cancelTimers'; pageId: string }
  /** Drop deliveries planned by notification rules that have not gone out yet. */
  | { type: 'cancelDeliveries'; pageId: string }
  | { type: 'recordTimeline'; pageId: string; entry: TimelineEntry }
  /** Tell everyone already paged in the current cycle that the page changed hands or closed. */
  | { type: 'announce'; pageId: string; cycle: number; status: 'acknowledged' | 'resolved'; by: string | null }
  /** A page that needed no human: fixing or deleting its alert is the most urgent work there is. */
  | { type: 'createFollowUp'; pageId: string; priority: 'highest'; title: string; detail: string };

export interface Decision {
  page: Page;
  actions: PageAction[];
  /** Why the event changed nothing (stale timer, page already resolved); absent when it acted. */
  ignored?: string;
}
