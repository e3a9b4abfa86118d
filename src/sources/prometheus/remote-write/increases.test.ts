import { describe, expect, it } from 'vitest';
import { createRemoteWriteMapper, type RemoteWriteMapping } from './mapper.js';
import { seriesId, type SeriesPoint } from './increases.js';
import type { TimeSeries } from './write-request.js';

const T0 = Date.UTC(2026, 10, 27, 12, 0, 0);
const MIN = 60_000;
const M0 = T0 / MIN;
const mapping: RemoteWriteMapping = { slo: 'api', total: '{__name__="req_total", job="api"}', bad: '{__name__="req_total", job="api", code=~"5.."}' };

function counter(code: string, points: Array<[offsetMs: number, value: number]>): TimeSeries {
  return {
    labels: [{ name: '__name__', value: 'req_total' }, { name: 'code', value: code }, { name: 'job', value: 'api' }],
    samples: points.map(([offset, value]) => ({ timestamp: T0 + offset, value })),
  };
}

describe('prepareWithState: remote_write increases against caller-held series state', () => {
  it('names the matched series by a fixed-size hash and computes increases against the given points', () => {
    const mapper = createRemoteWriteMapper([mapping]);
    const ok = counter('200', [[MIN, 110]]);
    const prepared = mapper.prepareWithState({ timeseries: [ok, counter('500', [[MIN, 7]]), { ...ok, labels: [{ name: '__name__', value: 'other' }] }] });
    expect(prepared.seriesIds).toEqual([seriesId(ok.labels), seriesId(counter('500', []).labels)]);
    expect(prepared.seriesIds.every((id) => id.length === 22)).toBe(true);
    const previous = new Map<string, SeriesPoint>([[prepared.seriesIds[0]!, { at: T0, value: 100 }]]);
    const { counts, next } = prepared.compute(previous);
    // The 500 series is new: a baseline only.
    expect(counts).toEqual([{ slo: 'api', minute: M0 + 1, good: 10, total: 10 }]);
    expect([...next.values()]).toEqual([{ at: T0 + MIN, value: 110 }, { at: T0 + MIN, value: 7 }]);
  });

  it('changes nothing for points at or before the stored one (a retried batch)', () => {
    const prepared = createRemoteWriteMapper([mapping]).prepareWithState({ timeseries: [counter('200', [[0, 5], [MIN, 9]])] });
    const { counts, next } = prepared.compute(new Map([[prepared.seriesIds[0]!, { at: T0 + MIN, value: 9 }]]));
    expect(counts).toEqual([]);
    expect(next.size).toBe(0);
  });

  it('starts a new baseline after a gap longer than staleSeriesMs instead of counting the whole gap in one minute', () => {
    const mapper = createRemoteWriteMapper([mapping], { staleSeriesMs: 10 * MIN });
    const prepared = mapper.prepareWithState({ timeseries: [counter('200', [[30 * MIN, 500], [31 * MIN, 510]])] });
    const { counts } = prepared.compute(new Map([[prepared.seriesIds[0]!, { at: T0, value: 100 }]]));
    expect(counts).toEqual([{ slo: 'api', minute: M0 + 31, good: 10, total: 10 }]);
  });

  it('merges a series sent twice in one request', () => {
    const prepared = createRemoteWriteMapper([mapping]).prepareWithState({ timeseries: [counter('200', [[0, 1]]), counter('200', [[MIN, 4]])] });
    expect(prepared.seriesIds).toHaveLength(1);
    expect(prepared.compute(new Map()).counts).toEqual([{ slo: 'api', minute: M0 + 1, good: 3, total: 3 }]);
  });
});

describe('seriesId', () => {
  it('keeps the ids already stored in databases: sha256 of name\\0value\\0... in base64url, 22 characters', () => {
    // Values computed by the first implementation (createHash over the joined parts); a
    // change here would give every stored series a new id and cost each one a baseline sample.
    const labels = [
      { name: '__name__', value: 'http_requests_total' },
      { name: 'code', value: '200' },
      { name: 'job', value: 'api' },
      { name: 'path', value: '/é/ü' },
    ];
    expect(seriesId(labels)).toBe('GAVrovPfm2dFzJRIZDif4I');
    expect(seriesId([])).toBe('47DEQpj8HBSa-_TImW-5JC');
  });
});
