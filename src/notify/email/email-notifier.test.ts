import { describe, expect, it } from 'vitest';
import { ChannelPolicies } from '../channel-policies.js';
import { contractNotification, runNotifierContract } from '../notifier.case.js';
import { always, parseMail, startSmtpReceiver } from '../receivers.case.js';
import { emailContent } from './email-message.js';
import { createEmailNotifier } from './email-notifier.js';

runNotifierContract({
  channel: 'email',
  startReceiver: (script) => startSmtpReceiver(script),
  notifierFor: (receiver, policies, timeoutMs) =>
    createEmailNotifier('alice@example.com', { host: '127.0.0.1', port: receiver.port, from: 'sloop <oncall@sloop.example>', timeoutMs }, policies),
  assertDelivered(receipt, n) {
    const mail = parseMail(receipt.body);
    expect(mail.headers.subject).toBe(`[sloop] TRIGGERED [page] ${n.summary}`);
    expect(mail.headers.from).toBe('sloop <oncall@sloop.example>');
    expect(mail.headers.to).toBe('alice@example.com');
    expect(mail.headers['x-sloop-page']).toBe('p-1');
    expect(mail.headers['message-id']).toMatch(/^<[0-9a-f]{32}@sloop>$/);
    expect(mail.text).toContain(n.summary);
    expect(mail.text).toContain('Burn rate: 14.4x over 1h/5m');
    expect(mail.text).toContain(`Runbook: ${n.runbookUrl}`);
    expect(mail.text).toContain(`Acknowledge: ${n.links.acknowledge}`);
    expect(mail.html).toContain('<p>checkout availability is burning its error budget &lt;fast&gt; &amp; hard</p>');
    expect(mail.html).not.toContain('<fast>');
    expect(mail.html).toContain('<a href="https://runbooks.example.com/checkout?step=1&amp;x=2">');
    expect(mail.html).toContain(`<a href="${n.links.resolve}">Resolve</a>`);
  },
  identify: (receipt) => receipt.headers['x-sloop-delivery'],
  identityOf: (n) => n.idempotencyKey,
});

describe('email notifier', () => {
  it('closes the SMTP connection when an attempt times out, not only when the socket timeout ends', async () => {
    const receiver = await startSmtpReceiver(always('hang'));
    try {
      const policies = new ChannelPolicies({ timeoutMs: 150, maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 5, breaker: { consecutiveFailures: 5, halfOpenAfterMs: 60_000 } });
      const notifier = createEmailNotifier('alice@example.com', { host: '127.0.0.1', port: receiver.port, from: 'sloop@example.com', timeoutMs: 30_000 }, policies);
      expect(await notifier.send(contractNotification())).toMatchObject({ ok: false, reason: 'timeout' });
      const deadline = Date.now() + 2_000;
      while (receiver.openConnections!() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(receiver.openConnections!()).toBe(0);
    } finally {
      await receiver.close();
    }
  });
});

describe('emailContent', () => {
  it('escapes every alert value in the HTML, labels included', () => {
    const { html } = emailContent(contractNotification({ labels: { service: '<img src=x onerror=alert(1)>' }, recipient: { personId: 'a', name: '"Eve" <eve>' } }));
    expect(html).not.toMatch(/<img/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&quot;Eve&quot; &lt;eve&gt;');
  });

  it('keeps the subject on one line', () => {
    expect(emailContent(contractNotification({ summary: 'line one\r\nBcc: victim@example.com' })).subject).toBe('[sloop] TRIGGERED [page] line one Bcc: victim@example.com');
  });
});
