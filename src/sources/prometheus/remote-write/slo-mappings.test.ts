import { describe, expect, it } from 'vitest';
import type { Slo } from '../../../slo/model.js';
import { defaultAlertPolicy } from '../../../slo/policy.js';
import { groupCountsBySlo, remoteWriteMappingsFrom } from './slo-mappings.js';

function slo(name: string, sli: Slo['sli']): Slo {
  const window = { type: 'rolling', minutes: 40320 } as const;
  return {
    name, service: 'api', objective: 0.999, window, budgeting: { method: 'occurrences' }, sli,
    alerting: defaultAlertPolicy(name, window), labels: {},
    origin: { file: 'slos.yaml', line: 1, column: 1, format: 'sloop' },
  };
}

describe('remoteWriteMappingsFrom', () => {
  it('takes the remoteWrite selectors of the SLOs that declare them', () => {
    const slos = [
      slo('pushed', { kind: 'ratio' }),
      slo('api', { kind: 'ratio', remoteWrite: { total: 'http_requests_total{job="api"}', bad: 'http_requests_total{job="api",code=~"5.."}' } }),
    ];
    expect(remoteWriteMappingsFrom(slos)).toEqual([
      { slo: 'api', total: 'http_requests_total{job="api"}', bad: 'http_requests_total{job="api",code=~"5.."}' },
    ]);
  });
});

describe('groupCountsBySlo', () => {
  it('groups mapper rows into one batch per SLO, keeping their order', () => {
    expect(groupCountsBySlo([
      { slo: 'a', minute: 1, good: 1, total: 2 },
      { slo: 'b', minute: 1, good: 0, total: 0 },
      { slo: 'a', minute: 2, good: 3, total: 3 },
    ])).toEqual([
      { slo: 'a', samples: [{ minute: 1, good: 1, total: 2 }, { minute: 2, good: 3, total: 3 }] },
      { slo: 'b', samples: [{ minute: 1, good: 0, total: 0 }] },
    ]);
  });
});
