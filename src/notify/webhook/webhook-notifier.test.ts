import { describe, expect, it } from 'vitest';
import { ChannelPolicies } from '../channel-policies.js';
import { contractNotification, runNotifierContract } from '../notifier.case.js';
import { always, startHttpReceiver } from '../receivers.case.js';
import { verifySignature } from './signature.js';
import { createWebhookNotifier } from './webhook-notifier.js';

const SECRET = 'webhook-contract-secret';

runNotifierContract({
  channel: 'webhook',
  startReceiver: (script) => startHttpReceiver(script, { status: 204, body: '' }),
  notifierFor: (receiver, policies) => createWebhookNotifier({ url: receiver.url, secret: SECRET }, policies),
  assertDelivered(receipt, notification) {
    expect(receipt.headers['content-type']).toBe('application/json');
    expect(receipt.headers['idempotency-key']).toBe(notification.idempotencyKey);
    expect(verifySignature(receipt.body, receipt.headers['x-sloop-signature'], SECRET, Date.now(), 60)).toMatchObject({ ok: true });
    expect(JSON.parse(receipt.body)).toEqual({ version: '1', type: 'page.triggered', ...notification });
  },
  identify: (receipt) => receipt.headers['x-sloop-delivery'],
  identityOf: (n) => n.idempotencyKey,
});

describe('webhook notifier', () => {
  it('sends no signature header when the contact method has no secret', async () => {
    const receiver = await startHttpReceiver(always('ok'));
    try {
      await createWebhookNotifier({ url: receiver.url }, new ChannelPolicies()).send(contractNotification());
      expect(receiver.accepted()[0].headers['x-sloop-signature']).toBeUndefined();
    } finally {
      await receiver.close();
    }
  });

  it('never shows the secret URL path as the destination', () => {
    const notifier = createWebhookNotifier({ url: 'https://hooks.example.com/T000/B000/XXXX' }, new ChannelPolicies());
    expect(notifier.destination).toBe('https://hooks.example.com');
  });

  it('reports an unreachable receiver as unreachable after retrying', async () => {
    const receiver = await startHttpReceiver(always('ok'));
    const url = receiver.url;
    await receiver.close();
    const policies = new ChannelPolicies({ timeoutMs: 500, maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 5, breaker: { consecutiveFailures: 10, halfOpenAfterMs: 1000 } });
    const result = await createWebhookNotifier({ url }, policies).send(contractNotification());
    expect(result).toMatchObject({ ok: false, reason: 'unreachable', attempts: 2 });
    expect(result.ok ? '' : result.message).toMatch(/could not reach the receiver \(.*ECONNREFUSED.*\); check the URL and that it is up/);
  });
});
