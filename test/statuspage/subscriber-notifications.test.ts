/**
 * Subscribers end to end against a real local SMTP server (smtp-server) and a local webhook
 * receiver: subscribe from the page's form -> confirmation email -> confirm -> one status
 * change sends exactly one message per subscriber (signed webhook, email with an unsubscribe
 * link) -> a public incident update is news too -> unsubscribe -> nothing more.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseMail, startHttpReceiver, startSmtpReceiver, always, type TestReceiver } from '../../src/notify/receivers.case.js';
import { verifySignature } from '../../src/notify/webhook/signature.js';
import { bearer, ingestNinetyDays, startStatusRig, type StatusRig } from './support/status-rig.js';

let rig: StatusRig;
let smtp: TestReceiver;
let hook: TestReceiver;
let base = '';

beforeAll(async () => {
  smtp = await startSmtpReceiver(always('ok'));
  hook = await startHttpReceiver(always('ok'));
  rig = await startStatusRig({ env: { SLOOP_SMTP_URL: smtp.url, SLOOP_SMTP_FROM: 'Example status <status@example.com>' } });
  await ingestNinetyDays(rig);
  await rig.runtime.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(rig.runtime.app.server.address() as AddressInfo).port}`;
  await rig.runtime.start();
});

afterAll(async () => {
  await rig?.close();
  await smtp?.close();
  await hook?.close();
});

const mailsTo = (address: string) => smtp.accepted().filter((r) => (r.headers.to ?? '').includes(address)).map((r) => parseMail(r.body));
const linkIn = (text: string, path: string) => new RegExp(`https?://\\S+${path.replace(/[/?]/g, '\\$&')}\\S+`).exec(text)?.[0];

it('confirms by email, notifies each confirmed subscriber once per change, and stops after unsubscribe', async () => {
  const svc = rig.runtime.deps.statusPage!;
  // Email from the page's plain form; a second address never confirms.
  const form = (target: string) => fetch(`${base}/status/subscriptions`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ kind: 'email', target }).toString() });
  const subscribed = await form('reader@example.com');
  expect(subscribed.status).toBe(202);
  expect(await subscribed.text()).toContain('Check your inbox');
  expect((await form('lurker@example.com')).status).toBe(202);
  const [confirmation] = mailsTo('reader@example.com');
  expect(confirmation?.headers.subject).toBe('Confirm your subscription to Example Shop status');
  const confirmUrl = linkIn(confirmation!.text, '/status/subscriptions/confirm?token=');
  expect(confirmUrl).toBeDefined();
  expect(confirmUrl!.startsWith(base)).toBe(true);
  const confirmed = await fetch(confirmUrl!);
  expect(confirmed.status).toBe(200);
  expect(await confirmed.text()).toContain('Subscription confirmed');

  const webhook = await fetch(`${base}/status/subscriptions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'webhook', target: hook.url, components: ['login'] }) });
  expect(webhook.status).toBe(202);
  const { signingSecret } = (await webhook.json()) as { signingSecret: string };
  expect(signingSecret).toMatch(/^whsec_/);

  // A status change: the Communications lead marks login as a major outage.
  const override = await rig.inject({ method: 'POST', url: '/api/v1/status/components/login/override', headers: bearer(rig.tokens.erin), payload: { status: 'major_outage' } });
  expect(override.statusCode).toBe(200);
  await svc.notifier.check(); // waits for the check the write started; finds nothing new itself
  expect(hook.accepted()).toHaveLength(1);
  const delivery = hook.accepted()[0]!;
  expect(verifySignature(delivery.body, delivery.headers['x-sloop-signature'], signingSecret, rig.clock.now)).toMatchObject({ ok: true });
  const payload = JSON.parse(delivery.body);
  expect(payload).toMatchObject({ type: 'status.component', components: ['login'], subject: 'Login: Major outage', page: { name: 'Example Shop status', status: 'major_outage' } });
  expect(payload.unsubscribe).toMatch(/\/status\/unsubscribe\?token=/);
  const readerMails = mailsTo('reader@example.com');
  expect(readerMails).toHaveLength(2);
  expect(readerMails[1]!.headers.subject).toBe('[Example Shop status] Login: Major outage');
  expect(readerMails[1]!.text).toContain('Login changed from Operational to Major outage.');
  expect(mailsTo('lurker@example.com')).toHaveLength(1); // only the confirmation: never confirmed

  // A public incident update on a checkout incident reaches the email subscriber (all components) but not the login-only webhook.
  const write = bearer(rig.tokens.erin);
  const incident = (await rig.inject({ method: 'POST', url: '/api/v1/incidents', headers: write, payload: { title: 'Slow checkout', severity: 'SEV3', journeys: ['checkout'] } })).json().incident.id;
  await rig.inject({ method: 'POST', url: `/api/v1/incidents/${incident}/roles`, headers: write, payload: { action: 'assign', role: 'communicationsLead', person: 'erin' } });
  expect((await rig.inject({ method: 'POST', url: `/api/v1/incidents/${incident}/status-updates`, headers: write, payload: { body: 'Checkout is slow for some customers.' } })).statusCode).toBe(201);
  const outcome = await svc.notifier.check();
  expect(outcome.changes.map((c) => c.kind).sort()).toEqual(['component', 'incident_update']);
  expect(mailsTo('reader@example.com').slice(2).map((m) => m.headers.subject).sort()).toEqual(['[Example Shop status] Checkout: Degraded performance', '[Example Shop status] Investigating: Slow checkout']);
  expect(hook.accepted()).toHaveLength(1);
  expect((await svc.notifier.check()).changes).toEqual([]);

  // Unsubscribe both through the links they received.
  const unsubscribeUrl = linkIn(mailsTo('reader@example.com')[1]!.text, '/status/unsubscribe?token=');
  expect((await fetch(unsubscribeUrl!)).status).toBe(200);
  expect((await fetch(payload.unsubscribe)).status).toBe(200);
  await rig.inject({ method: 'POST', url: '/api/v1/status/components/login/override', headers: write, payload: { status: null } });
  const after = await svc.notifier.check();
  // The write already checked; this check sees no further change.
  expect(after.changes).toEqual([]);
  expect((await svc.source.model()).groups[0]!.components[0]!.status).toBe('operational');
  expect(mailsTo('reader@example.com')).toHaveLength(4);
  expect(hook.accepted()).toHaveLength(1);
});
