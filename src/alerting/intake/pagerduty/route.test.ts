import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { InboundAlert, Integration } from '../model.js';
import { pagerDutyIntakeRoutes } from './route.js';

const KEY_A = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const KEY_B = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
const integrations: Integration[] = [
  { name: 'legacy', type: 'pagerduty', secret: KEY_A },
  { name: 'batch', type: 'pagerduty', secret: KEY_B },
];
const trigger = { routing_key: KEY_A, event_action: 'trigger', payload: { summary: 'Disk full', source: 'db-1', severity: 'error' } };

let app: FastifyInstance;
afterEach(() => app?.close());

async function build(bodyLimitBytes?: number, failPaging = false) {
  const calls: Array<{ integration: string; alerts: InboundAlert[] }> = [];
  let n = 0;
  app = Fastify();
  await app.register(pagerDutyIntakeRoutes, {
    integrations,
    bodyLimitBytes,
    clock: () => Date.parse('2026-11-27T12:00:00Z'),
    newDedupKey: () => `gen-${++n}`,
    onAlerts: async (integration, alerts) => {
      if (failPaging) throw new Error('store unavailable');
      calls.push({ integration: integration.name, alerts });
    },
  });
  return calls;
}

const send = (body: unknown, url = '/api/v1/integrations/pagerduty/legacy/v2/enqueue') =>
  app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: typeof body === 'string' ? body : JSON.stringify(body) });

describe('PagerDuty Events API v2 intake route', () => {
  it('answers a trigger without dedup_key exactly like PagerDuty, returning the generated key', async () => {
    const calls = await build();
    const res = await send(trigger);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ status: 'success', message: 'Event processed', dedup_key: 'gen-1' });
    expect(calls[0]!.alerts[0]).toMatchObject({ dedupKey: 'pagerduty:legacy:gen-1', status: 'firing' });
  });

  it('resolves with the key the trigger got back', async () => {
    const calls = await build();
    const { dedup_key } = (await send(trigger)).json();
    const res = await send({ routing_key: KEY_A, event_action: 'resolve', dedup_key });
    expect(res.json()).toEqual({ status: 'success', message: 'Event processed', dedup_key: 'gen-1' });
    expect(calls.map((c) => [c.alerts[0]!.status, c.alerts[0]!.groupKey])).toEqual([
      ['firing', 'pagerduty:legacy:gen-1'],
      ['resolved', 'pagerduty:legacy:gen-1'],
    ]);
  });

  it('answers invalid events with PagerDuty\'s 400 body and processes nothing', async () => {
    const calls = await build();
    const res = await send({ routing_key: KEY_A, event_action: 'acknowledge' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      status: 'invalid event',
      message: 'Event object is invalid',
      errors: [`'dedup_key' is missing or blank; acknowledge needs the dedup_key of the triggered event`],
    });
    expect((await send('{not json')).json()).toMatchObject({ status: 'invalid event', errors: [expect.stringMatching(/not valid JSON/)] });
    expect((await send({ event_action: 'trigger' })).json()).toMatchObject({ errors: [`'routing_key' is missing or blank`] });
    expect(calls).toHaveLength(0);
  });

  it('refuses a routing_key that is not the named integration\'s key with 401', async () => {
    const calls = await build();
    const res = await send({ ...trigger, routing_key: KEY_B });
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toMatch(/not the integration key of PagerDuty integration "legacy"/);
    expect(calls).toHaveLength(0);
  });

  it('picks the integration by routing_key on the base /v2/enqueue path, like events.pagerduty.com', async () => {
    const calls = await build();
    const url = '/api/v1/integrations/pagerduty/v2/enqueue';
    expect((await send({ ...trigger, routing_key: KEY_B, dedup_key: 'x' }, url)).statusCode).toBe(202);
    expect(calls[0]!.integration).toBe('batch');
    expect(calls[0]!.alerts[0]!.dedupKey).toBe('pagerduty:batch:x');
    expect((await send({ ...trigger, routing_key: 'c'.repeat(32) }, url)).statusCode).toBe(401);
  });

  it('answers 404 for an unknown integration name', async () => {
    await build();
    expect((await send(trigger, '/api/v1/integrations/pagerduty/nope/v2/enqueue')).statusCode).toBe(404);
  });

  it('refuses bodies over the limit with 413 in PagerDuty\'s shape', async () => {
    const calls = await build(512);
    const res = await send({ ...trigger, payload: { ...trigger.payload, custom_details: { blob: 'x'.repeat(1000) } } });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ status: 'payload too large' });
    expect(calls).toHaveLength(0);
  });

  it('answers 503 when paging cannot take the event, so the sender retries', async () => {
    await build(undefined, true);
    const res = await send(trigger);
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: 'error', message: expect.stringMatching(/retry later/) });
    expect(res.body).not.toMatch(/store unavailable/);
  });
});
