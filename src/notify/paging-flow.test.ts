/**
 * The pieces end to end, without the durable layer: a parsed policy pages the on-call person,
 * their first contact method (Slack) is down so the webhook fallback delivers, the failure is
 * kept for the timeline, and the signed acknowledge link in the payload stops escalation.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import { decide, parseEscalationSections, planDeliveries, type OnCallDirectory, type Page, type PageAction } from '../oncall/escalation/index.js';
import { routeAlert } from '../oncall/routing/index.js';
import type { Person } from '../oncall/schedule/model.js';
import { RetryBudget } from '../reliability/index.js';
import { verifyActionLink } from './action-links.js';
import { ChannelPolicies } from './channel-policies.js';
import { deliverPlanned } from './deliver-planned.js';
import type { Notification } from './notification.js';
import { always, startHttpReceiver, type TestReceiver } from './receivers.case.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 27, 3, 0);
const LINKS = { publicUrl: 'https://sloop.example.com', secret: 'flow-test-link-secret', ttlMs: 60 * MIN };

const CONFIG = `apiVersion: sloop/v1
kind: OnCall
escalationPolicies:
  - name: checkout
    steps:
      - notify: {schedule: primary}
        wait: 5m
      - notify: {people: [lead]}
        wait: 10m
routes:
  - match: {service: checkout}
    policy: checkout
  - default: true
    policy: checkout
`;

describe('paging flow', () => {
  const receivers: TestReceiver[] = [];
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((r) => r.close()));
  });

  it('pages the on-call person through the fallback channel and stops when they acknowledge via the signed link', async () => {
    const slackDown = await startHttpReceiver(always('fail'));
    const webhook = await startHttpReceiver(always('ok'));
    receivers.push(slackDown, webhook);

    const lineCounter = new LineCounter();
    const { policies, routes, diagnostics } = parseEscalationSections(parseDocument(CONFIG, { lineCounter }), lineCounter, 'oncall.yaml');
    expect(diagnostics).toEqual([]);
    const labels = { alertname: 'CheckoutAvailability', service: 'checkout', severity: 'page' };
    const policy = policies.find((p) => p.name === routeAlert(labels, routes)?.policy)!;

    const alice: Person = {
      id: 'alice', name: 'Alice', timeZone: 'UTC',
      contactMethods: [{ id: 'chat', type: 'slack', url: slackDown.url }, { id: 'hook', type: 'webhook', url: webhook.url, secret: 'alice-hook-secret' }],
      notificationRules: [{ contactMethod: 'chat', afterSeconds: 0 }],
    };
    const directory: OnCallDirectory = { resolveOnCall: () => ['alice'], teamMembers: () => [], person: (id) => (id === 'alice' ? alice : undefined) };
    const channelPolicies = new ChannelPolicies({ timeoutMs: 1000, maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 5, breaker: { consecutiveFailures: 5, halfOpenAfterMs: 60_000 } }, new RetryBudget());

    let page: Page | null = null;
    const timeline: string[] = [];
    const notifyActions: Array<Extract<PageAction, { type: 'notify' }>> = [];
    const apply = (actions: PageAction[]) => {
      for (const a of actions) {
        if (a.type === 'recordTimeline') timeline.push(a.entry.kind);
        if (a.type === 'notify') notifyActions.push(a);
      }
    };

    const opened = decide(null, policy, { type: 'trigger', pageId: 'p-1', dedupKey: 'slo:checkout', alert: { source: 'slo', summary: 'checkout is burning budget', labels, annotations: {}, runbookUrl: 'https://runbooks.example.com/checkout' } }, T0);
    page = opened.page;
    apply(opened.actions);

    const plan = planDeliveries(notifyActions[0], directory, T0);
    expect(plan.deliveries).toHaveLength(1);
    const ctx = { links: LINKS, policies: channelPolicies, person: directory.person };
    const outcome = await deliverPlanned(page, plan.deliveries[0], ctx, T0);
    expect(outcome).toMatchObject({ status: 'delivered', delivered: { channel: 'webhook' } });
    expect(outcome.failures.map((f) => f.reason)).toEqual(['serverError']);
    expect(outcome.timeline.map((e) => e.kind)).toEqual(['deliveryFailed', 'notified']);
    expect(outcome.timeline.map((e) => e.message)).toEqual([
      expect.stringMatching(/^Delivery to Alice failed: slack to http:\/\/127\.0\.0\.1:\d+: receiver answered HTTP 500: internal_error \[serverError, 2 attempt\(s\)\]$/),
      expect.stringMatching(/^Notified Alice via webhook http:\/\/127\.0\.0\.1:\d+ \(fallback\)$/),
    ]);
    expect(webhook.accepted()).toHaveLength(1);

    const payload = JSON.parse(webhook.accepted()[0].body) as Notification;
    const ack = verifyActionLink(payload.links.acknowledge!, LINKS.secret, T0 + 2 * MIN);
    expect(ack).toMatchObject({ ok: true, pageId: 'p-1', action: 'acknowledge' });

    const acked = decide(page, policy, { type: 'acknowledge', by: 'alice', via: 'link' }, T0 + 2 * MIN);
    page = acked.page;
    apply(acked.actions);
    const late = decide(page, policy, { type: 'timerFired', timerId: opened.page.timer!.id }, T0 + 5 * MIN);
    expect(late.ignored).toBeDefined();
    expect(notifyActions).toHaveLength(1);
    expect(timeline).toEqual(['triggered', 'notified', 'acknowledged']);

    // Alice's later rule falls due after she acknowledged: it is skipped, but the announcement goes out.
    const later = { ...plan.deliveries[0], idempotencyKey: `${plan.deliveries[0].idempotencyKey}-later`, ruleIndex: 1, dueAt: T0 + 3 * MIN };
    expect(await deliverPlanned(page, later, ctx, T0 + 3 * MIN)).toEqual({ status: 'skipped', delivered: null, failures: [], timeline: [] });
    expect(webhook.accepted()).toHaveLength(1);
    const told = await deliverPlanned(page, later, ctx, T0 + 3 * MIN, { announcement: true });
    expect(told.timeline.at(-1)?.message).toMatch(/^Told Alice the page is acknowledged via webhook/);
    expect((JSON.parse(webhook.accepted()[1].body) as Notification).status).toBe('acknowledged');
  });
});
