import { describe, expect, it } from 'vitest';
import { contractNotification, runNotifierContract } from '../notifier.case.js';
import { startHttpReceiver } from '../receivers.case.js';
import { escapeMrkdwn, slackMessage } from './slack-message.js';
import { createSlackNotifier } from './slack-notifier.js';

interface Block {
  type: string;
  text?: { type: string; text: string };
  fields?: Array<{ text: string }>;
  elements?: Array<{ type: string; url?: string; text: unknown; action_id?: string }>;
}

runNotifierContract({
  channel: 'slack',
  // Slack answers 200 with the body `ok`.
  startReceiver: (script) => startHttpReceiver(script, { status: 200, body: 'ok' }),
  notifierFor: (receiver, policies) => createSlackNotifier(receiver.url, policies),
  assertDelivered(receipt, n) {
    expect(receipt.headers['content-type']).toBe('application/json');
    const body = JSON.parse(receipt.body) as { text: string; blocks: Block[] };
    expect(body.text).toBe(`TRIGGERED [page] ${n.summary}`);
    expect(body.blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'section', 'actions', 'context']);
    expect(body.blocks[0].text).toEqual({ type: 'plain_text', text: `TRIGGERED [page] ${n.summary}`, emoji: false });
    expect(body.blocks[1].text?.text).toBe('checkout availability is burning its error budget &lt;fast&gt; &amp; hard');
    expect(body.blocks[2].fields?.map((f) => f.text)).toEqual([
      '*Severity*\npage',
      '*Status*\ntriggered',
      '*Service*\ncheckout',
      '*SLO*\ncheckout-availability (objective 99.9%)',
      '*Burn rate*\n14.4x over 1h/5m',
      '*Budget left*\n42%',
      '*Escalation*\ncheckout-critical: step 1',
      '*Page*\np-1',
    ]);
    expect(body.blocks[3].text?.text).toBe('*Runbook:* <https://runbooks.example.com/checkout?step=1&x=2|https://runbooks.example.com/checkout?step=1&amp;x=2>');
    expect(body.blocks[4].elements?.map((e) => [e.action_id, e.url])).toEqual([
      ['acknowledge', n.links.acknowledge],
      ['resolve', n.links.resolve],
      ['runbook', n.runbookUrl],
      ['open', n.links.page],
    ]);
  },
  identify: (receipt) => (JSON.parse(receipt.body) as { blocks: Block[] }).blocks[1].text?.text ?? '',
  identityOf: (n) => escapeMrkdwn(n.summary),
});

describe('slackMessage', () => {
  it('keeps the header within Slack\'s 150 characters', () => {
    const message = slackMessage(contractNotification({ summary: 'x'.repeat(400) }));
    const header = message.blocks[0] as { text: { text: string } };
    expect(header.text.text).toHaveLength(150);
  });

  it('says a runbook is missing, drops unsafe links and shows no action buttons once resolved', () => {
    const message = slackMessage(contractNotification({ status: 'resolved', runbookUrl: 'javascript:alert(1)' }));
    const types = message.blocks.map((b) => (b as Block).type);
    expect(types).not.toContain('actions');
    expect(JSON.stringify(message)).not.toContain('javascript:');
    expect((message.blocks[3] as Block).text?.text).toBe('*Runbook:* none linked. Add a `runbook_url` to this alert.');
  });
});
