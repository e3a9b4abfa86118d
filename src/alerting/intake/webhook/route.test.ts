import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { signWebhookBody } from '../../../notify/webhook/index.js';
import type { InboundAlert, Integration } from '../model.js';
import { webhookIntakeRoutes } from './route.js';

const SECRET = 'whsec-0123456789abcdef0123';
const NOW = Date.parse('2026-11-27T12:00:00Z');
const integrations: Integration[] = [{ name: 'ci', type: 'webhook', secret: SECRET, toleranceSec: 60 }];

let app: FastifyInstance;
afterEach(() => app?.close());

async function build() {
  const calls: Array<{ integration: string; alerts: InboundAlert[] }> = [];
  app = Fastify();
  await app.register(webhookIntakeRoutes, { integrations, clock: () => NOW, onAlerts: async (integration, alerts) => void calls.push({ integration: integration.name, alerts }) });
  return calls;
}

/** `null` sends no signature header. */
function send(body: string, signature: string | null = signWebhookBody(body, SECRET, NOW)) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature !== null) headers['x-sloop-signature'] = signature;
  return app.inject({ method: 'POST', url: '/api/v1/integrations/webhook/ci', headers, payload: body });
}

const alert = {
  dedupKey: 'deploy-failed/checkout',
  summary: 'Deploy of checkout failed',
  severity: 'warning',
  labels: { service: 'checkout' },
  annotations: { pipeline: 'https://ci.example.com/p/42' },
  runbookUrl: 'https://runbooks.example.com/deploys',
};

describe('generic webhook intake route', () => {
  it('accepts a signed alert and hands it to paging', async () => {
    const calls = await build();
    const res = await send(JSON.stringify(alert));
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ status: 'accepted', alerts: 1, dedupKeys: ['webhook:ci:deploy-failed/checkout'] });
    expect(calls[0]!.alerts[0]).toMatchObject({
      source: 'webhook',
      integration: 'ci',
      status: 'firing',
      summary: 'Deploy of checkout failed',
      severity: 'warning',
      runbookUrl: 'https://runbooks.example.com/deploys',
      startsAt: NOW,
      endsAt: null,
      groupKey: 'webhook:ci:deploy-failed/checkout',
    });
  });

  it('accepts a list of alerts in one call, with a shared groupKey and a resolved one', async () => {
    const calls = await build();
    const body = JSON.stringify([
      { ...alert, groupKey: 'deploys' },
      { dedupKey: 'old', status: 'resolved', labels: {}, groupKey: 'deploys' },
    ]);
    expect((await send(body)).statusCode).toBe(202);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.alerts.map((a) => [a.status, a.groupKey, a.endsAt])).toEqual([
      ['firing', 'webhook:ci:deploys', null],
      ['resolved', 'webhook:ci:deploys', NOW],
    ]);
  });

  it.each([
    ['a missing signature', null, /missing X-Sloop-Signature header/],
    ['a malformed signature', 'sha256=abc', /malformed X-Sloop-Signature header/],
    ['a signature made with another secret', signWebhookBody(JSON.stringify(alert), 'another-secret', NOW), /does not match the body; check the shared secret/],
    ['an expired signature', signWebhookBody(JSON.stringify(alert), SECRET, NOW - 61_000), /more than 60s from now/],
  ])('refuses %s with 401 and the reason', async (_what, signature, reason) => {
    const calls = await build();
    const res = await send(JSON.stringify(alert), signature);
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({ code: 'AUTHENTICATION', message: expect.stringMatching(reason) });
    expect(calls).toHaveLength(0);
  });

  it('refuses a body changed after signing', async () => {
    await build();
    const signed = JSON.stringify(alert);
    const res = await send(signed.replace('warning', 'info'), signWebhookBody(signed, SECRET, NOW));
    expect(res.statusCode).toBe(401);
  });

  it('rejects a list with one invalid alert as a whole', async () => {
    const calls = await build();
    const res = await send(JSON.stringify([alert, { status: 'firing', labels: {} }, { ...alert, runbookUrl: 'runbooks/x' }]));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.problems).toEqual([
      { path: '[1].dedupKey', message: 'is required when there are no labels; send a dedupKey or labels that identify the alert' },
      { path: '[1].summary', message: 'is required for a firing alert; say what is wrong in one line' },
      { path: '[2].runbookUrl', message: 'must be an absolute URL such as https://runbooks.example.com/checkout' },
    ]);
    expect(calls).toHaveLength(0);
  });

  it('rejects a signed body that is not JSON', async () => {
    await build();
    const res = await send('dedupKey=x');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/not valid JSON/);
  });
});
