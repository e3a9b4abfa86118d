import { describe, expect, it } from 'vitest';
import { parsePagerDutyEvent } from './parse.js';

const integration = { type: 'pagerduty' as const, name: 'legacy' };
const NOW = Date.parse('2026-11-27T12:00:00Z');
const options = { now: NOW, newDedupKey: () => 'generated0000000000000000000000a' };

const trigger = {
  routing_key: 'R0UT1NGKEY0000000000000000000000',
  event_action: 'trigger',
  payload: {
    summary: 'Disk on db-1 is 95% full',
    source: 'db-1.example.com',
    severity: 'critical',
    timestamp: '2026-11-27T11:58:00.000+0000',
    component: 'postgres',
    group: 'prod-datapipe',
    class: 'disk',
    custom_details: { free_space: '5%', mounts: ['/', '/data'], runbook_url: 'https://runbooks.example.com/disk' },
  },
  links: [{ href: 'https://grafana.example.com/d/disk', text: 'Dashboard' }],
  client: 'Monitoring',
  client_url: 'https://monitoring.example.com',
  some_future_field: true,
};

describe('parsePagerDutyEvent', () => {
  it('maps a trigger onto a firing alert with payload fields as labels and custom_details as annotations', () => {
    const result = parsePagerDutyEvent({ ...trigger, dedup_key: 'disk/db-1' }, integration, options);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ action: 'trigger', dedupKey: 'disk/db-1' });
    expect(result.value.alert).toMatchObject({
      source: 'pagerduty',
      integration: 'legacy',
      dedupKey: 'pagerduty:legacy:disk/db-1',
      groupKey: 'pagerduty:legacy:disk/db-1',
      status: 'firing',
      summary: 'Disk on db-1 is 95% full',
      severity: 'critical',
      labels: { source: 'db-1.example.com', severity: 'critical', component: 'postgres', group: 'prod-datapipe', class: 'disk' },
      annotations: { free_space: '5%', mounts: '["/","/data"]', client: 'Monitoring', link_0: 'Dashboard <https://grafana.example.com/d/disk>' },
      runbookUrl: 'https://runbooks.example.com/disk',
      startsAt: Date.parse('2026-11-27T11:58:00Z'),
      endsAt: null,
    });
  });

  it('generates a dedup key for a trigger without one', () => {
    const result = parsePagerDutyEvent(trigger, integration, options);
    expect(result.ok && result.value.dedupKey).toBe('generated0000000000000000000000a');
    expect(result.ok && result.value.alert.startsAt).toBe(Date.parse('2026-11-27T11:58:00Z'));
  });

  it('acknowledges and resolves by dedup key without a payload', () => {
    for (const [action, status] of [['acknowledge', 'acknowledged'], ['resolve', 'resolved']] as const) {
      const result = parsePagerDutyEvent({ routing_key: 'k', event_action: action, dedup_key: 'disk/db-1' }, integration, options);
      expect(result.ok && result.value.alert).toMatchObject({ status, dedupKey: 'pagerduty:legacy:disk/db-1', startsAt: NOW });
    }
  });

  it('requires dedup_key to acknowledge or resolve', () => {
    const result = parsePagerDutyEvent({ routing_key: 'k', event_action: 'resolve' }, integration, options);
    expect(result).toEqual({ ok: false, errors: [`'dedup_key' is missing or blank; resolve needs the dedup_key of the triggered event`] });
  });

  it('lists every problem in PagerDuty wording', () => {
    const result = parsePagerDutyEvent({ routing_key: 'k', event_action: 'trigger', payload: { summary: ' ', severity: 'sev1' } }, integration, options);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.sort()).toEqual([
      `'payload.severity' is invalid (must be one of the following: 'critical', 'warning', 'error' or 'info')`,
      `'payload.source' is missing or blank`,
      `'payload.summary' is missing or blank`,
    ]);
  });

  it('rejects an unknown event_action and a trigger without payload', () => {
    expect(parsePagerDutyEvent({ routing_key: 'k', event_action: 'snooze', dedup_key: 'x' }, integration, options)).toMatchObject({ ok: false, errors: [expect.stringMatching(/^'event_action' is invalid/)] });
    expect(parsePagerDutyEvent({ routing_key: 'k', event_action: 'trigger' }, integration, options)).toMatchObject({ ok: false, errors: [expect.stringMatching(/^'payload' is missing/)] });
  });

  it('cuts an over-long summary to 1024 characters rather than dropping the page', () => {
    const result = parsePagerDutyEvent({ ...trigger, payload: { ...trigger.payload, summary: 'x'.repeat(2000) } }, integration, options);
    expect(result.ok && result.value.alert.summary.length).toBe(1024);
  });
});
