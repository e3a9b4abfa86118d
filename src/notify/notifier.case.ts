/**
 * The contract every channel must meet, run by each channel's test against a real local
 * receiver (Hono's `common.case.test.ts` pattern). Receipts are counted on the receiver side:
 * "delivered exactly once" means exactly one request answered with success.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { RetryBudget } from '../reliability/index.js';
import { ChannelPolicies, type ReliabilitySettings } from './channel-policies.js';
import { deliverWithFallback } from './fallback.js';
import type { ChannelType, Notification, Notifier } from './notification.js';
import { always, type Receipt, type ReceiverScript, type TestReceiver } from './receivers.case.js';

export interface ChannelUnderTest {
  channel: ChannelType;
  startReceiver(script: ReceiverScript): Promise<TestReceiver>;
  /** `timeoutMs` is the policy's attempt timeout, for channels with their own socket timeouts. */
  notifierFor(receiver: TestReceiver, policies: ChannelPolicies, timeoutMs: number): Notifier;
  /** Checks the channel's payload shape for one accepted receipt. */
  assertDelivered(receipt: Receipt, notification: Notification): void;
  /** Which notification a receipt carries (a summary or the idempotency key). */
  identify(receipt: Receipt): string;
  /** What `identify` returns for `notification`. */
  identityOf(notification: Notification): string;
}

const NOW = Date.UTC(2026, 10, 27, 9, 0);

export function contractNotification(fields: Partial<Notification> = {}): Notification {
  return {
    idempotencyKey: 'page/p-1/c0/s0/r0/alice/primary/0',
    pageId: 'p-1',
    status: 'triggered',
    summary: 'checkout availability is burning its error budget <fast> & hard',
    severity: 'page',
    source: 'slo',
    labels: { alertname: 'CheckoutAvailability', service: 'checkout', severity: 'page' },
    runbookUrl: 'https://runbooks.example.com/checkout?step=1&x=2',
    slo: { name: 'checkout-availability', objective: 0.999, burnRate: 14.4, budgetRemaining: 0.42, window: '1h/5m' },
    links: {
      acknowledge: 'https://sloop.example.com/api/v1/page-actions/ack-token',
      resolve: 'https://sloop.example.com/api/v1/page-actions/resolve-token',
      page: 'https://sloop.example.com/pages/p-1',
    },
    escalation: { policy: 'checkout-critical', step: 0, repeat: 0 },
    recipient: { personId: 'alice', name: 'Alice Example' },
    createdAt: NOW,
    ...fields,
  };
}

const quick: ReliabilitySettings = {
  timeoutMs: 1_000,
  maxAttempts: 3,
  initialDelayMs: 1,
  maxDelayMs: 10,
  breaker: { consecutiveFailures: 50, halfOpenAfterMs: 60_000 },
};

function policies(settings: Partial<ReliabilitySettings> = {}): ChannelPolicies {
  return new ChannelPolicies({ ...quick, ...settings }, new RetryBudget({ ratio: 1, minRetriesPerSecond: 10 }));
}

export function runNotifierContract(c: ChannelUnderTest): void {
  describe(`${c.channel} notifier contract`, () => {
    const receivers: TestReceiver[] = [];
    const start = async (script: ReceiverScript) => {
      const receiver = await c.startReceiver(script);
      receivers.push(receiver);
      return receiver;
    };
    afterEach(async () => {
      await Promise.all(receivers.splice(0).map((r) => r.close()));
    });

    it('delivers a notification once, in the channel\'s payload shape', async () => {
      const receiver = await start(always('ok'));
      const notification = contractNotification();
      const result = await c.notifierFor(receiver, policies(), quick.timeoutMs).send(notification);
      expect(result).toMatchObject({ ok: true, channel: c.channel, attempts: 1 });
      expect(receiver.accepted()).toHaveLength(1);
      c.assertDelivered(receiver.accepted()[0], notification);
    });

    it('retries a receiver that fails once and then accepts, and it receives the message exactly once', async () => {
      const receiver = await start((n) => (n === 1 ? 'fail' : 'ok'));
      const notification = contractNotification();
      const result = await c.notifierFor(receiver, policies(), quick.timeoutMs).send(notification);
      expect(result).toMatchObject({ ok: true, attempts: 2 });
      expect(receiver.requests.map((r) => r.answer)).toEqual(['fail', 'ok']);
      expect(receiver.accepted().map(c.identify)).toEqual([c.identityOf(notification)]);
    });

    it('does not retry a receiver that refuses the message', async () => {
      const receiver = await start(always('reject'));
      const result = await c.notifierFor(receiver, policies(), quick.timeoutMs).send(contractNotification());
      expect(result).toMatchObject({ ok: false, reason: 'rejected', attempts: 1 });
      expect(receiver.requests).toHaveLength(1);
    });

    it('gives up on a receiver that hangs after the attempt timeout, on every attempt', async () => {
      const receiver = await start(always('hang'));
      const started = Date.now();
      const result = await c.notifierFor(receiver, policies({ timeoutMs: 150, maxAttempts: 2 }), 150).send(contractNotification());
      expect(result).toMatchObject({ ok: false, reason: 'timeout', attempts: 2 });
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(receiver.accepted()).toHaveLength(0);
    });

    it('opens the breaker on persistent failure and then fails fast without calling the receiver', async () => {
      const receiver = await start(always('fail'));
      const notifier = c.notifierFor(receiver, policies({ maxAttempts: 1, breaker: { consecutiveFailures: 3, halfOpenAfterMs: 60_000 } }), quick.timeoutMs);
      for (let i = 0; i < 3; i++) expect(await notifier.send(contractNotification())).toMatchObject({ ok: false, reason: 'serverError' });
      const started = Date.now();
      const fast = await notifier.send(contractNotification());
      expect(fast).toMatchObject({ ok: false, reason: 'circuitOpen', attempts: 0 });
      expect(Date.now() - started).toBeLessThan(500);
      expect(receiver.requests).toHaveLength(3);
    });

    it('falls back to the person\'s next contact method and records each failure', async () => {
      const broken = await start(always('fail'));
      const healthy = await start(always('ok'));
      const shared = policies({ maxAttempts: 2 });
      const notification = contractNotification();
      const outcome = await deliverWithFallback([c.notifierFor(broken, shared, quick.timeoutMs), c.notifierFor(healthy, shared, quick.timeoutMs)], notification);
      expect(outcome.delivered).toMatchObject({ ok: true, attempts: 1 });
      expect(outcome.failures).toHaveLength(1);
      expect(outcome.failures[0]).toMatchObject({ ok: false, channel: c.channel, reason: 'serverError', attempts: 2 });
      expect(outcome.failures[0].message).toMatch(new RegExp(`^${c.channel} to `));
      expect(broken.accepted()).toHaveLength(0);
      expect(healthy.accepted().map(c.identify)).toEqual([c.identityOf(notification)]);
    });

    it('delivers many concurrent notifications through a flaky receiver, each exactly once', async () => {
      // Every notification's first attempt fails, whatever order the concurrent requests arrive in.
      const seen = new Set<string>();
      const receiver = await start((_, request) => {
        const id = c.identify({ answer: 'ok', ...request });
        if (seen.has(id)) return 'ok';
        seen.add(id);
        return 'fail';
      });
      const notifier = c.notifierFor(receiver, policies({ maxAttempts: 4 }), quick.timeoutMs);
      const batch = Array.from({ length: 12 }, (_, i) =>
        contractNotification({ idempotencyKey: `page/p-${i}/c0/s0/r0/alice/primary/0`, pageId: `p-${i}`, summary: `alert number ${i}` }),
      );
      const results = await Promise.all(batch.map((n) => notifier.send(n)));
      expect(results.filter((r) => !r.ok)).toEqual([]);
      expect(results.map((r) => r.attempts)).toEqual(batch.map(() => 2));
      expect(receiver.requests).toHaveLength(2 * batch.length);
      const delivered = receiver.accepted().map(c.identify).sort();
      expect(delivered).toEqual(batch.map(c.identityOf).sort());
    });
  });
}
