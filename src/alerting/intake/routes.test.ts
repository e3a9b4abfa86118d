import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { signWebhookBody } from '../../notify/webhook/index.js';
import { sloopErrorHandler } from '../../server/http-errors.js';
import { registerAuth, type TokenVerifier } from '../../server/plugins/auth.js';
import type { InboundAlert, Integration } from './model.js';
import { INTAKE_ROUTES, intakeRoutes } from './routes.js';

const integrations: Integration[] = [
  { name: 'am', type: 'alertmanager', secret: 'am-secret-0123456789' },
  { name: 'pd', type: 'pagerduty', secret: 'pd-key-0123456789abcdef' },
  { name: 'hook', type: 'webhook', secret: 'hook-secret-0123456789' },
];
const NOW = Date.parse('2026-11-27T12:00:00Z');
// The server's real auth hook, with a verifier that knows no tokens: only public routes pass.
const noTokens: TokenVerifier = { verify: async () => null, allows: () => false };

let app: FastifyInstance;
afterEach(() => app?.close());

async function buildServerLikeApp() {
  const received: InboundAlert[] = [];
  const registered: string[] = [];
  app = Fastify();
  app.setErrorHandler(sloopErrorHandler);
  registerAuth(app, noTokens);
  app.addHook('onRoute', (route) => void [route.method].flat().filter((m) => m !== 'HEAD').forEach((m) => registered.push(`${m} ${route.url}`)));
  app.post('/api/v1/other', { config: { scope: 'write' } }, async (request) => ({ got: request.body }));
  app.post('/api/v1/echo', { config: { scope: 'public' } }, async (request) => ({ type: typeof request.body, body: request.body }));
  await app.register(intakeRoutes, { integrations, clock: () => NOW, onAlerts: async (_integration, alerts) => void received.push(...alerts) });
  await app.ready();
  return { received, registered };
}

describe('intakeRoutes', () => {
  it('registers the four intake routes', async () => {
    const { registered } = await buildServerLikeApp();
    expect(registered.filter((r) => r.includes('/integrations/')).sort()).toEqual([...INTAKE_ROUTES].sort());
  });

  it('lets each integration authenticate itself while the server\'s token auth still guards other routes', async () => {
    const { received } = await buildServerLikeApp();
    const am = await app.inject({
      method: 'POST',
      url: '/api/v1/integrations/alertmanager/am',
      headers: { authorization: 'Bearer am-secret-0123456789', 'content-type': 'application/json' },
      payload: { version: '4', groupKey: 'g', status: 'firing', alerts: [{ status: 'firing', labels: { alertname: 'A' }, startsAt: '2026-11-27T11:00:00Z', fingerprint: 'f1' }] },
    });
    expect(am.statusCode).toBe(200);
    const pd = await app.inject({
      method: 'POST',
      url: '/api/v1/integrations/pagerduty/pd/v2/enqueue',
      payload: { routing_key: 'pd-key-0123456789abcdef', event_action: 'trigger', dedup_key: 'k', payload: { summary: 'B', source: 'b', severity: 'info' } },
    });
    expect(pd.statusCode).toBe(202);
    const body = JSON.stringify({ dedupKey: 'c', summary: 'C' });
    const hook = await app.inject({
      method: 'POST',
      url: '/api/v1/integrations/webhook/hook',
      headers: { 'content-type': 'application/json', 'x-sloop-signature': signWebhookBody(body, 'hook-secret-0123456789', NOW) },
      payload: body,
    });
    expect(hook.statusCode).toBe(202);
    expect(received.map((a) => a.dedupKey)).toEqual(['alertmanager:am:f1', 'pagerduty:pd:k', 'webhook:hook:c']);
    expect((await app.inject({ method: 'POST', url: '/api/v1/other', payload: { a: 1 } })).statusCode).toBe(401);
  });

  it('leaves the app\'s own JSON body parsing alone', async () => {
    await buildServerLikeApp();
    const res = await app.inject({ method: 'POST', url: '/api/v1/echo', payload: { a: 1 } });
    expect(res.json()).toEqual({ type: 'object', body: { a: 1 } });
  });
});
