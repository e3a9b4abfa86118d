import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAlertmanagerPayload } from './parse.js';

const integration = { type: 'alertmanager' as const, name: 'prod' };
const fixture = (): Record<string, any> => JSON.parse(readFileSync(new URL('./fixtures/v0.34-two-firing.json', import.meta.url), 'utf8'));

function parsed(body: unknown) {
  const result = parseAlertmanagerPayload(body, integration);
  if (!result.ok) throw new Error(`expected a valid payload: ${JSON.stringify(result.problems)}`);
  return result.value;
}

describe('parseAlertmanagerPayload', () => {
  it('turns each alert of a notification into an InboundAlert keyed by fingerprint and grouped by groupKey', () => {
    const n = parsed(fixture());
    expect(n.groupKey).toBe('{}/{severity="page"}:{alertname="HighLatency"}');
    expect(n.alerts.map((a) => a.dedupKey)).toEqual(['alertmanager:prod:c4f1a1b2d3e4f5a6', 'alertmanager:prod:0a1b2c3d4e5f6071']);
    expect(new Set(n.alerts.map((a) => a.groupKey))).toEqual(new Set(['alertmanager:prod:{}/{severity="page"}:{alertname="HighLatency"}']));
    const [first, second] = n.alerts;
    expect(first).toMatchObject({
      source: 'alertmanager',
      integration: 'prod',
      status: 'firing',
      summary: 'checkout p99 latency above 2s',
      severity: 'page',
      runbookUrl: 'https://runbooks.example.com/checkout-latency',
      startsAt: Date.parse('2026-11-27T10:00:00.123Z'),
      endsAt: null,
    });
    expect(second).toMatchObject({ summary: 'checkout-2 is slow', runbookUrl: null, endsAt: Date.parse('2026-11-27T10:10:30Z') });
    expect(second!.raw).toMatchObject({ someFutureAlertField: { nested: true } });
  });

  it('ignores fields newer Alertmanagers add (notification_reason, routeLabels) instead of rejecting them', () => {
    const body = fixture();
    body.notification_reason = 'some alerts resolved';
    body.routeLabels = { team: 'payments' };
    body.anotherFieldFrom2030 = [1, 2, 3];
    expect(parseAlertmanagerPayload(body, integration).ok).toBe(true);
  });

  it('keys an alert without fingerprint by a hash of its labels, whatever their order', () => {
    const a = fixture();
    delete a.alerts[0].fingerprint;
    const b = fixture();
    delete b.alerts[0].fingerprint;
    b.alerts[0].labels = Object.fromEntries(Object.entries(a.alerts[0].labels).reverse());
    const keyA = parsed(a).alerts[0]!.dedupKey;
    expect(keyA).toMatch(/^alertmanager:prod:labels:[0-9a-f]{32}$/);
    expect(parsed(b).alerts[0]!.dedupKey).toBe(keyA);
    expect(parsed(a).alerts[1]!.dedupKey).toBe('alertmanager:prod:0a1b2c3d4e5f6071');
  });

  it('marks resolved alerts resolved with the time they ended', () => {
    const body = fixture();
    body.status = 'resolved';
    for (const alert of body.alerts) {
      alert.status = 'resolved';
      alert.endsAt = '2026-11-27T10:20:00Z';
    }
    const n = parsed(body);
    expect(n.status).toBe('resolved');
    expect(n.alerts.map((a) => [a.status, a.endsAt])).toEqual([
      ['resolved', Date.parse('2026-11-27T10:20:00Z')],
      ['resolved', Date.parse('2026-11-27T10:20:00Z')],
    ]);
  });

  it('keeps the same keys for the same alerts from another integration apart', () => {
    const other = parseAlertmanagerPayload(fixture(), { type: 'alertmanager', name: 'staging' });
    expect(other.ok && other.value.alerts[0]!.dedupKey).toBe('alertmanager:staging:c4f1a1b2d3e4f5a6');
  });

  it('rejects another payload version, naming the version it reads', () => {
    const body = fixture();
    body.version = '5';
    const result = parseAlertmanagerPayload(body, integration);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([{ path: 'version', message: expect.stringContaining('must be "4"') }]);
  });

  it('reports every bad field of every alert with its path', () => {
    const body = fixture();
    body.alerts[0].status = 'pending';
    body.alerts[1].startsAt = 'yesterday';
    body.alerts[1].labels = { alertname: 42 };
    delete body.groupKey;
    const result = parseAlertmanagerPayload(body, integration);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((p) => p.path).sort()).toEqual(['alerts[0].status', 'alerts[1].labels.alertname', 'alerts[1].startsAt', 'groupKey']);
    expect(!result.ok && result.problems.find((p) => p.path === 'alerts[1].startsAt')?.message).toMatch(/RFC 3339/);
  });
});
