import { readFileSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../../../errors/index.js';
import type { InboundAlert, Integration, OnAlerts } from '../model.js';
import { alertmanagerIntakeRoutes } from './route.js';

const TOKEN = 'am-token-0123456789abcdef';
const integrations: Integration[] = [
  { name: 'prod', type: 'alertmanager', secret: TOKEN },
  { name: 'pd', type: 'pagerduty', secret: TOKEN },
];
const payload = readFileSync(new URL('./fixtures/v0.34-two-firing.json', import.meta.url), 'utf8');

let app: FastifyInstance;
afterEach(() => app?.close());

async function build(onAlerts?: OnAlerts, bodyLimitBytes?: number) {
  const calls: Array<{ integration: string; alerts: InboundAlert[] }> = [];
  app = Fastify();
  await app.register(alertmanagerIntakeRoutes, {
    integrations: () => integrations,
    bodyLimitBytes,
    onAlerts: onAlerts ?? (async (integration, alerts) => void calls.push({ integration: integration.name, alerts })),
  });
  return calls;
}

function post(body: string, headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }, name = 'prod') {
  return app.inject({ method: 'POST', url: `/api/v1/integrations/alertmanager/${name}`, headers: { 'content-type': 'application/json', ...headers }, payload: body });
}

describe('Alertmanager intake route', () => {
  it('hands every alert of a notification to paging in one call and answers 200', async () => {
    const calls = await build();
    const res = await post(payload);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'success', alerts: 2, groupKey: '{}/{severity="page"}:{alertname="HighLatency"}' });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.integration).toBe('prod');
    expect(calls[0]!.alerts.map((a) => a.dedupKey)).toEqual(['alertmanager:prod:c4f1a1b2d3e4f5a6', 'alertmanager:prod:0a1b2c3d4e5f6071']);
  });

  it('accepts basic auth whose password is the token', async () => {
    const calls = await build();
    const res = await post(payload, { authorization: `Basic ${Buffer.from(`alertmanager:${TOKEN}`).toString('base64')}` });
    expect(res.statusCode).toBe(200);
    expect(calls).toHaveLength(1);
  });

  it.each([
    ['no Authorization header', {}, /missing Authorization header/],
    ['a wrong bearer token', { authorization: 'Bearer not-the-token' }, /bearer token is not the token of integration "prod"/],
    ['a wrong basic auth password', { authorization: `Basic ${Buffer.from('u:nope').toString('base64')}` }, /basic auth password is not the token/],
    ['another scheme', { authorization: `Token ${TOKEN}` }, /unsupported Authorization scheme/],
  ])('refuses %s with 401 and processes nothing', async (_what, headers, reason) => {
    const calls = await build();
    const res = await post(payload, headers as Record<string, string>);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('AUTHENTICATION');
    expect(res.json().error.message).toMatch(reason);
    expect(calls).toHaveLength(0);
  });

  it('answers 404 for an unknown integration, and for an integration of another type', async () => {
    await build();
    expect((await post(payload, undefined, 'staging')).json().error.message).toMatch(/no Alertmanager integration named "staging"/);
    expect((await post(payload, undefined, 'pd')).statusCode).toBe(404);
  });

  it('rejects a payload with one bad alert as a whole, listing the problem', async () => {
    const calls = await build();
    const body = JSON.parse(payload);
    body.alerts[1].status = 'pending';
    const res = await post(JSON.stringify(body));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'INPUT', problems: [{ path: 'alerts[1].status', message: 'must be "firing" or "resolved"' }] });
    expect(res.json().error.message).toMatch(/nothing was processed/);
    expect(calls).toHaveLength(0);
  });

  it('rejects a body that is not JSON with 400, whatever its content type', async () => {
    const calls = await build();
    const res = await post('{"version": "4",', { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/plain' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/not valid JSON/);
    expect(calls).toHaveLength(0);
  });

  it('refuses bodies over the limit with 413', async () => {
    const calls = await build(undefined, 1024);
    const res = await post(payload + ' '.repeat(2048));
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(calls).toHaveLength(0);
  });

  it('answers 503 when paging fails, so Alertmanager retries, without leaking the error', async () => {
    await build(async () => {
      throw new Error('database is locked at /var/lib/sloop/sloop.db');
    });
    const res = await post(payload);
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('UNAVAILABLE');
    expect(res.body).not.toMatch(/database/);
  });

  it('keeps the status of a typed client error from paging', async () => {
    await build(async () => {
      throw new ConflictError('integration prod is paused; resume it with `sloop integration resume prod`');
    });
    const res = await post(payload);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/paused/);
  });
});
