import { describe, expect, it } from 'vitest';
import { contractNotification, runNotifierContract } from '../notifier.case.js';
import { startHttpReceiver } from '../receivers.case.js';
import { teamsMessage } from './teams-card.js';
import { createTeamsNotifier } from './teams-notifier.js';

interface Card {
  type: string;
  version: string;
  body: Array<{ type: string; text?: string; facts?: Array<{ title: string; value: string }> }>;
  actions: Array<{ type: string; title: string; url: string }>;
}

function cardOf(body: string): Card {
  const message = JSON.parse(body) as { type: string; attachments: Array<{ contentType: string; contentUrl: null; content: Card }> };
  expect(message.type).toBe('message');
  expect(message.attachments).toHaveLength(1);
  expect(message.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
  expect(message.attachments[0].contentUrl).toBeNull();
  return message.attachments[0].content;
}

runNotifierContract({
  channel: 'teams',
  // Teams Workflows webhooks answer 202 Accepted.
  startReceiver: (script) => startHttpReceiver(script, { status: 202, body: '' }),
  notifierFor: (receiver, policies) => createTeamsNotifier(receiver.url, policies),
  assertDelivered(receipt, n) {
    const card = cardOf(receipt.body);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.4', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json' });
    expect(card.body[0]).toMatchObject({ type: 'TextBlock', text: `TRIGGERED [page] ${n.summary}`, color: 'Attention' });
    expect(card.body[1]).toMatchObject({ type: 'TextBlock', text: n.summary });
    expect(card.body[2].facts).toContainEqual({ title: 'Burn rate', value: '14.4x over 1h/5m' });
    expect(card.body[2].facts).toContainEqual({ title: 'SLO', value: 'checkout-availability (objective 99.9%)' });
    expect(card.body[3].text).toBe(`Runbook: ${n.runbookUrl}`);
    expect(card.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Acknowledge', url: n.links.acknowledge },
      { type: 'Action.OpenUrl', title: 'Resolve', url: n.links.resolve },
      { type: 'Action.OpenUrl', title: 'Runbook', url: n.runbookUrl },
      { type: 'Action.OpenUrl', title: 'Open page', url: n.links.page },
    ]);
  },
  identify: (receipt) => cardOf(receipt.body).body[1].text ?? '',
  identityOf: (n) => n.summary,
});

describe('teamsMessage', () => {
  it('keeps only the runbook and page buttons once resolved', () => {
    const card = teamsMessage(contractNotification({ status: 'resolved' })).attachments[0].content as unknown as Card;
    expect(card.actions.map((a) => a.title)).toEqual(['Runbook', 'Open page']);
  });
});
