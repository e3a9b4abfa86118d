/**
 * What every channel sends and returns. A Notifier is bound to one destination (a person's
 * contact method) and never throws for a failed delivery: it returns a DeliveryFailure whose
 * message goes straight onto the page's timeline.
 */
import type { StepRef } from '../oncall/escalation/index.js';

export type ChannelType = 'webhook' | 'slack' | 'teams' | 'email';

export interface SloContext {
  name: string;
  /** Fraction, 0.999. */
  objective?: number;
  /** Current burn rate as a multiple of the sustainable rate (14.4 = 14.4x). */
  burnRate?: number;
  /** Remaining error budget as a fraction of the period's budget (0.42 = 42% left). */
  budgetRemaining?: number;
  /** The alerting windows, e.g. `1h/5m`. */
  window?: string;
}

export interface Notification {
  /** The delivery's idempotency key (see planDeliveries); receivers can drop repeats with it. */
  idempotencyKey: string;
  pageId: string;
  /** What this message announces. */
  status: 'triggered' | 'acknowledged' | 'resolved';
  summary: string;
  /** The alert's severity label (`page`, `critical`, ...). */
  severity: string;
  source: string;
  labels: Record<string, string>;
  runbookUrl: string | null;
  slo?: SloContext;
  /** Absolute URLs; acknowledge/resolve are signed (see signActionLink). */
  links: { acknowledge?: string; resolve?: string; page?: string };
  escalation: { policy: string; step: StepRef; repeat: number };
  recipient: { personId: string; name?: string };
  /** Epoch milliseconds. */
  createdAt: number;
}

export type DeliveryFailureReason =
  /** No answer within the timeout, on every attempt. */
  | 'timeout'
  /** The breaker is open after repeated failures; nothing was sent. */
  | 'circuitOpen'
  /** The receiver failed and the shared retry budget is spent. */
  | 'retryBudget'
  /** The receiver refused the message (HTTP 4xx, SMTP 5xx): retrying cannot help. */
  | 'rejected'
  /** The receiver kept failing (HTTP 5xx/429, SMTP 4xx) until attempts ran out. */
  | 'serverError'
  /** Connection refused, DNS failure, reset. */
  | 'unreachable'
  | 'aborted'
  /** The contact method or channel settings cannot be used; fix the config. */
  | 'misconfigured';

interface DeliveryOutcome {
  channel: ChannelType;
  /** Where it went, without secrets: `https://hooks.slack.com`, `alice@example.com`. */
  destination: string;
  attempts: number;
  durationMs: number;
}

export interface DeliverySuccess extends DeliveryOutcome {
  ok: true;
}

export interface DeliveryFailure extends DeliveryOutcome {
  ok: false;
  reason: DeliveryFailureReason;
  message: string;
}

export type DeliveryResult = DeliverySuccess | DeliveryFailure;

export interface Notifier {
  readonly channel: ChannelType;
  readonly destination: string;
  send(notification: Notification, signal?: AbortSignal): Promise<DeliveryResult>;
}
