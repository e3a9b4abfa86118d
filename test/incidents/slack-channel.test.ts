/**
 * With a Slack bot token, declaring an incident creates a channel for it through
 * conversations.create, and every update is posted there with chat.postMessage, against a local
 * fake of the Slack Web API (Teams gets the same updates through its webhook). A refused creation
 * is recorded and never blocks the incident.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { slackChannelName } from '../../src/incidents/service/slack-channel.js';
import { startFakeSlackApi, type FakeSlackApi } from './support/fake-slack-api.js';
import { call, startIncidentRig, type IncidentRig } from './support/rig.js';

const BOT_TOKEN = 'xoxb-test-0123456789';
let slack: FakeSlackApi;
let rig: IncidentRig;

beforeAll(async () => {
  slack = await startFakeSlackApi(BOT_TOKEN);
  rig = await startIncidentRig('sqlite', { slackBot: true, teams: true, env: () => ({ SLACK_BOT_TOKEN: BOT_TOKEN, SLOOP_SLACK_API_URL: slack.url }) });
}, 30_000);
afterAll(async () => {
  await rig?.close();
  await slack?.close();
});

it('names channels the way Slack accepts them', () => {
  expect(slackChannelName({ id: 'INC-7', title: 'Checkout <b>errors</b> in EU!' })).toBe('inc-7-checkout-b-errors-b-in-eu');
  expect(slackChannelName({ id: 'INC-8', title: 'x'.repeat(200) })).toHaveLength(80);
});

it('creates a channel on declaration and posts the declaration and later updates to it', async () => {
  const declared = await call(rig, rig.tokens.olga, 'POST', '/api/v1/incidents', { title: 'Checkout errors', severity: 'SEV2' });
  const id: string = declared.body.incident.id;
  await call(rig, rig.tokens.olga, 'POST', `/api/v1/incidents/${id}/notes`, { text: 'Looking at the deploy' });
  await rig.services.chat.idle();
  const channel = [...slack.channels.values()].find((c) => c.name === slackChannelName({ id, title: 'Checkout errors' }))!;
  expect(channel.messages.map((m) => m.text.split('\n')[0])).toEqual([`Incident declared: ${id} Checkout errors`, `Incident update: ${id} Checkout errors`]);
  const timeline = (await call(rig, rig.tokens.reader, 'GET', `/api/v1/incidents/${id}/timeline`)).body.timeline as Array<{ message: string; data: Record<string, unknown> }>;
  expect(timeline.find((e) => e.data.slackChannelId === channel.id)?.message).toBe(`Created Slack channel #${channel.name}`);
  expect(timeline.filter((e) => e.message === `Posted to slack #${channel.name}`)).toHaveLength(2);

  // The same updates went to the Slack and Teams webhooks (Teams as an Adaptive Card).
  const teams = rig.chat.received.filter((r) => 'attachments' in r) as unknown as Array<{ attachments: Array<{ content: { body: Array<{ text: string }>; actions: Array<{ url: string }> } }> }>;
  expect(teams.map((t) => t.attachments[0]!.content.body[0]!.text)).toEqual([`Incident declared: ${id} Checkout errors`, `Incident update: ${id} Checkout errors`]);
  expect(teams[0]!.attachments[0]!.content.actions[0]!.url).toBe('https://status.example.com');
  expect(timeline.filter((e) => /^Posted to (slack|teams) http:\/\/127\.0\.0\.1:\d+$/.test(e.message))).toHaveLength(4);
});

it('records a refused channel creation on the timeline and carries on', async () => {
  // Same id and title can never repeat, so take the name first to make Slack answer name_taken.
  const next = (await rig.store.incidents.incidents.list({ limit: 1 }))[0]!.id;
  const nextId = `INC-${Number(next.slice(4)) + 1}`;
  slack.channels.set('CTAKEN', { id: 'CTAKEN', name: slackChannelName({ id: nextId, title: 'Search slow' }), messages: [] });
  const declared = await call(rig, rig.tokens.olga, 'POST', '/api/v1/incidents', { title: 'Search slow', severity: 'SEV3' });
  expect(declared.status).toBe(201);
  expect(declared.body.incident.id).toBe(nextId);
  await rig.services.chat.idle();
  const timeline = (await call(rig, rig.tokens.reader, 'GET', `/api/v1/incidents/${nextId}/timeline`)).body.timeline as Array<{ message: string }>;
  expect(timeline.map((e) => e.message)).toContain(`Could not create Slack channel #${slackChannelName({ id: nextId, title: 'Search slow' })}: rejected after 1 attempt(s): slack to ${slack.url} conversations.create: Slack refused conversations.create: name_taken; a channel with that name exists; archive or rename it`);
  expect(slack.channels.get('CTAKEN')!.messages).toEqual([]);
});
