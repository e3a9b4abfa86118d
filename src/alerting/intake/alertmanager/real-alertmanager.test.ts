/**
 * A real Alertmanager sends to the intake route over HTTP: firing alerts arrive grouped by
 * groupKey with Alertmanager's own fingerprints, the resolved notification resolves them, and a
 * receiver with the wrong bearer token is refused. Timing comes from Alertmanager itself
 * (group_wait/group_interval 1s), so the test polls with a deadline.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAlertmanager, type RunningAlertmanager } from '../../../../test/support/alertmanager.js';
import type { InboundAlert } from '../model.js';
import { alertmanagerIntakeRoutes } from './route.js';

const TOKEN = 'am-intake-token-5f3c9a1e7b2d4c68';
const received: Array<{ integration: string; alerts: InboundAlert[] }> = [];
const refused: number[] = [];
let sloop: FastifyInstance;
let alertmanager: RunningAlertmanager;

function config(sloopUrl: string): string {
  const receiver = (name: string, credentials: string) => `
  - name: ${name}
    webhook_configs:
      - url: ${sloopUrl}/api/v1/integrations/alertmanager/prod
        send_resolved: true
        http_config:
          authorization:
            type: Bearer
            credentials: ${credentials}`;
  return `global:
  resolve_timeout: 5m
route:
  receiver: sloop
  group_by: [alertname]
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
  routes:
    - receiver: wrong-token
      matchers: ['target="wrong-token"']
receivers:${receiver('sloop', TOKEN)}${receiver('wrong-token', 'not-the-token')}
`;
}

async function waitFor<T>(what: string, probe: () => T | undefined): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; Alertmanager said:\n${alertmanager.output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  sloop = Fastify();
  sloop.addHook('onResponse', async (_request, reply) => {
    if (reply.statusCode === 401) refused.push(reply.statusCode);
  });
  await sloop.register(alertmanagerIntakeRoutes, {
    integrations: [{ name: 'prod', type: 'alertmanager', secret: TOKEN }],
    onAlerts: async (integration, alerts) => void received.push({ integration: integration.name, alerts }),
  });
  const address = await sloop.listen({ host: '127.0.0.1', port: 0 });
  alertmanager = await startAlertmanager({ config: config(address) });
});

afterAll(async () => {
  await alertmanager?.stop();
  await sloop?.close();
});

describe('intake from a real Alertmanager', () => {
  it('receives firing alerts grouped by groupKey with their fingerprints, then resolves them', async () => {
    const startsAt = new Date(Date.now() - 60_000).toISOString();
    const alerts = ['checkout-1', 'checkout-2'].map((instance) => ({
      labels: { alertname: 'SloopIntakeHighLatency', instance, service: 'checkout', severity: 'page' },
      annotations: { summary: `latency high on ${instance}`, runbook_url: 'https://runbooks.example.com/latency' },
      startsAt,
    }));
    await alertmanager.postAlerts(alerts);

    // Alertmanager may flush the group before it has taken in the second alert (its group_wait
    // runs from the first one; on a loaded machine they can land a tick apart) and then send
    // the whole group again after group_interval, so wait for the notification that has both.
    const firing = await waitFor('the firing notification with both alerts', () => received.find((r) => r.alerts.filter((a) => a.status === 'firing').length === 2));
    expect(firing.integration).toBe('prod');
    expect(firing.alerts).toHaveLength(2);
    expect(new Set(firing.alerts.map((a) => a.groupKey))).toEqual(new Set(['alertmanager:prod:{}:{alertname="SloopIntakeHighLatency"}']));
    const fingerprints = (await alertmanager.getAlerts()).filter((a) => a.labels.alertname === 'SloopIntakeHighLatency').map((a) => `alertmanager:prod:${a.fingerprint}`);
    expect(firing.alerts.map((a) => a.dedupKey).sort()).toEqual(fingerprints.sort());
    expect(firing.alerts.map((a) => [a.summary, a.severity, a.runbookUrl, a.startsAt]).sort()).toEqual([
      ['latency high on checkout-1', 'page', 'https://runbooks.example.com/latency', Date.parse(startsAt)],
      ['latency high on checkout-2', 'page', 'https://runbooks.example.com/latency', Date.parse(startsAt)],
    ]);

    const endsAt = new Date(Date.now() - 1_000).toISOString();
    await alertmanager.postAlerts(alerts.map((a) => ({ ...a, endsAt })));
    const resolved = await waitFor('the resolved notification', () => received.find((r) => r.alerts.length > 0 && r.alerts.every((a) => a.status === 'resolved')));
    expect(resolved.alerts.map((a) => a.dedupKey).sort()).toEqual(fingerprints.sort());
    expect(resolved.alerts.every((a) => a.groupKey === firing.alerts[0]!.groupKey && a.endsAt === Date.parse(endsAt))).toBe(true);
  });

  it('refuses a receiver that sends the wrong bearer token and processes none of its alerts', async () => {
    await alertmanager.postAlerts([{ labels: { alertname: 'SloopIntakeWrongToken', target: 'wrong-token' }, annotations: { summary: 'must be refused' } }]);
    await waitFor('a refused notification', () => (refused.length > 0 ? true : undefined));
    expect(received.flatMap((r) => r.alerts).filter((a) => a.labels.target === 'wrong-token')).toEqual([]);
  });
});
