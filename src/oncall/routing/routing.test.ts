import { describe, expect, it } from 'vitest';
import { groupingKey } from './grouping-key.js';
import type { Route } from './model.js';
import { routeAlert } from './route.js';

const origin = { file: 'oncall.yaml', line: 1, column: 1 };
const routes: Route[] = [
  { match: {}, policy: 'catch-all', isDefault: true, groupBy: null, origin },
  { match: { service: ['checkout'], severity: ['page', 'critical'] }, policy: 'checkout-critical', isDefault: false, groupBy: ['alertname'], origin },
  { match: { service: ['checkout'] }, policy: 'checkout-low', isDefault: false, groupBy: null, origin },
];

describe('routeAlert', () => {
  it('takes the first route whose labels all match', () => {
    expect(routeAlert({ service: 'checkout', severity: 'critical', team: 'x' }, routes)?.policy).toBe('checkout-critical');
    expect(routeAlert({ service: 'checkout', severity: 'ticket' }, routes)?.policy).toBe('checkout-low');
  });

  it('uses the default route, wherever it is listed, when nothing else matches', () => {
    expect(routeAlert({ service: 'search' }, routes)?.policy).toBe('catch-all');
    expect(routeAlert({ severity: 'page' }, routes)?.policy).toBe('catch-all');
  });

  it('returns null when nothing matches and there is no default', () => {
    expect(routeAlert({ service: 'search' }, routes.slice(1))).toBeNull();
  });
});

describe('groupingKey', () => {
  it('prefers the source key, kept apart per source', () => {
    expect(groupingKey({ source: 'alertmanager', sourceKey: '{}:{alertname="X"}', labels: { a: '1' } })).toBe('alertmanager:{}:{alertname="X"}');
    expect(groupingKey({ source: 'pagerduty', sourceKey: 'k', labels: {} })).not.toBe(groupingKey({ source: 'webhook', sourceKey: 'k', labels: {} }));
  });

  it('hashes all labels regardless of their order when there is no source key', () => {
    const a = groupingKey({ source: 'slo', labels: { slo: 'checkout', severity: 'page' } });
    const b = groupingKey({ source: 'slo', labels: { severity: 'page', slo: 'checkout' } });
    expect(a).toBe(b);
    expect(a).toMatch(/^slo:labels:[0-9a-f]{32}$/);
    expect(groupingKey({ source: 'slo', labels: { slo: 'checkout', severity: 'ticket' } })).not.toBe(a);
  });

  it('groups alerts that differ only in labels outside groupBy', () => {
    const one = groupingKey({ source: 'webhook', labels: { alertname: 'HighLatency', instance: 'a' } }, ['alertname']);
    const two = groupingKey({ source: 'webhook', labels: { alertname: 'HighLatency', instance: 'b' } }, ['alertname']);
    expect(one).toBe(two);
  });

  it('tells a missing groupBy label from an empty one', () => {
    expect(groupingKey({ source: 's', labels: {} }, ['x'])).not.toBe(groupingKey({ source: 's', labels: { x: '' } }, ['x']));
  });
});
