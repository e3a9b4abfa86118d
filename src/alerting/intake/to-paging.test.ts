import { describe, expect, it } from 'vitest';
import type { InboundAlert, InboundStatus } from './model.js';
import { groupInboundAlerts, toAlertSnapshot } from './to-paging.js';

function alert(groupKey: string, dedupKey: string, status: InboundStatus): InboundAlert {
  return {
    source: 'alertmanager', integration: 'prod', dedupKey, groupKey, status, labels: { alertname: 'X' }, annotations: {},
    summary: 'X fires', severity: 'page', startsAt: 0, endsAt: null, runbookUrl: 'https://rb/x', raw: {},
  };
}

describe('groupInboundAlerts', () => {
  it('makes one group per page key; a group fires while any alert fires and resolves when all resolved', () => {
    const groups = groupInboundAlerts([alert('g1', 'a', 'resolved'), alert('g2', 'c', 'resolved'), alert('g1', 'b', 'firing'), alert('g3', 'd', 'acknowledged'), alert('g3', 'e', 'resolved')]);
    expect(groups.map((g) => [g.groupKey, g.status, g.alerts.map((a) => a.dedupKey)])).toEqual([
      ['g1', 'firing', ['a', 'b']],
      ['g2', 'resolved', ['c']],
      ['g3', 'acknowledged', ['d', 'e']],
    ]);
  });
});

describe('toAlertSnapshot', () => {
  it('keeps what a page needs and adds severity to the labels when missing', () => {
    expect(toAlertSnapshot(alert('g', 'a', 'firing'))).toEqual({
      source: 'alertmanager', summary: 'X fires', labels: { alertname: 'X', severity: 'page' }, annotations: {}, runbookUrl: 'https://rb/x',
    });
  });
});
