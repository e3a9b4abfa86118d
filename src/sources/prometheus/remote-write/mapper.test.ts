import { describe, expect, it } from 'vitest';
import { InputError } from '../../../errors/index.js';
import { createRemoteWriteMapper, type RemoteWriteMapping } from './mapper.js';
import type { TimeSeries, WriteRequest } from './write-request.js';

const T0 = Date.UTC(2026, 10, 27, 12, 0, 0);
const MIN = 60_000;

const apiMapping: RemoteWriteMapping = {
  slo: 'api-availability',
  total: '{__name__="http_requests_total", job="api"}',
  bad: '{__name__="http_requests_total", job="api", code=~"5.."}',
};

function counter(code: string, points: Array<[offsetMs: number, value: number]>, job = 'api'): TimeSeries {
  return {
    labels: [
      { name: '__name__', value: 'http_requests_total' },
      { name: 'code', value: code },
      { name: 'job', value: job },
    ],
    samples: points.map(([offset, value]) => ({ timestamp: T0 + offset, value })),
  };
}

const req = (...timeseries: TimeSeries[]): WriteRequest => ({ timeseries });

describe('createRemoteWriteMapper', () => {
  it('uses the first sample of each series as a baseline and counts later increases per minute', () => {
    const mapper = createRemoteWriteMapper([apiMapping]);
    const counts = mapper.ingest(req(
      counter('200', [[0, 100], [15_000, 110], [MIN + 5_000, 130]]),
      counter('500', [[0, 7], [15_000, 8], [MIN + 5_000, 8]]),
    ));
    expect(counts).toEqual([
      { slo: 'api-availability', minute: T0 / MIN, good: 10, total: 11 },
      { slo: 'api-availability', minute: T0 / MIN + 1, good: 20, total: 20 },
    ]);
  });

  it('continues from the last value across requests', () => {
    const mapper = createRemoteWriteMapper([apiMapping]);
    mapper.ingest(req(counter('200', [[0, 100]])));
    expect(mapper.ingest(req(counter('200', [[MIN, 160]])))).toEqual([
      { slo: 'api-availability', minute: T0 / MIN + 1, good: 60, total: 60 },
    ]);
  });

  it('treats a drop as a counter reset and counts the new value, like increase()', () => {
    const mapper = createRemoteWriteMapper([apiMapping]);
    const counts = mapper.ingest(req(counter('500', [[0, 50], [10_000, 52], [20_000, 3]])));
    expect(counts).toEqual([{ slo: 'api-availability', minute: T0 / MIN, good: 0, total: 5 }]);
  });

  it('never double counts a batch that Prometheus sends again', () => {
    const mapper = createRemoteWriteMapper([apiMapping]);
    const batch = req(counter('200', [[0, 1], [10_000, 4]]));
    expect(mapper.ingest(batch)).toEqual([{ slo: 'api-availability', minute: T0 / MIN, good: 3, total: 3 }]);
    expect(mapper.ingest(batch)).toEqual([]);
  });

  it('counts a batch again when it was prepared but not committed (the store failed)', () => {
    const mapper = createRemoteWriteMapper([apiMapping]);
    mapper.ingest(req(counter('200', [[0, 1]])));
    const batch = req(counter('200', [[10_000, 4]]));
    expect(mapper.prepare(batch).counts).toEqual([{ slo: 'api-availability', minute: T0 / MIN, good: 3, total: 3 }]);
    const retried = mapper.prepare(batch);
    expect(retried.counts).toEqual([{ slo: 'api-availability', minute: T0 / MIN, good: 3, total: 3 }]);
    retried.commit();
    expect(mapper.prepare(batch).counts).toEqual([]);
  });

  it('ignores staleness markers (NaN) and keeps counting from the last real value', () => {
    const mapper = createRemoteWriteMapper([apiMapping]);
    const counts = mapper.ingest(req(counter('200', [[0, 10], [10_000, NaN], [20_000, 12]])));
    expect(counts).toEqual([{ slo: 'api-availability', minute: T0 / MIN, good: 2, total: 2 }]);
  });

  it('ignores series that no selector matches and keeps no state for them', () => {
    const mapper = createRemoteWriteMapper([apiMapping]);
    const counts = mapper.ingest(req(counter('500', [[0, 1], [10_000, 99]], 'web')));
    expect(counts).toEqual([]);
    expect(mapper.trackedSeries()).toBe(0);
  });

  it('emits a zero row for a minute with samples but no increase, so the SLO shows data arrived', () => {
    const mapper = createRemoteWriteMapper([apiMapping]);
    expect(mapper.ingest(req(counter('200', [[0, 5], [MIN, 5]])))).toEqual([
      { slo: 'api-availability', minute: T0 / MIN + 1, good: 0, total: 0 },
    ]);
  });

  it('sums a good selector and a total selector over different metrics for several SLOs', () => {
    const mapper = createRemoteWriteMapper([
      apiMapping,
      { slo: 'checkout', good: 'checkout_ok_total', total: '{__name__=~"checkout_(ok|failed)_total"}' },
    ]);
    const named = (name: string, points: Array<[number, number]>): TimeSeries => ({
      labels: [{ name: '__name__', value: name }],
      samples: points.map(([o, value]) => ({ timestamp: T0 + o, value })),
    });
    const counts = mapper.ingest(req(
      named('checkout_ok_total', [[0, 10], [30_000, 19]]),
      named('checkout_failed_total', [[0, 2], [30_000, 3]]),
      counter('200', [[0, 1], [30_000, 2]]),
    ));
    expect(counts).toEqual([
      { slo: 'api-availability', minute: T0 / MIN, good: 1, total: 1 },
      { slo: 'checkout', minute: T0 / MIN, good: 9, total: 10 },
    ]);
  });

  it('clamps good to [0, total] when bad and total disagree within a minute', () => {
    const mapper = createRemoteWriteMapper([
      { slo: 's', total: 'requests_total', bad: 'errors_total' },
    ]);
    const one = (name: string, points: Array<[number, number]>): TimeSeries => ({
      labels: [{ name: '__name__', value: name }],
      samples: points.map(([o, value]) => ({ timestamp: T0 + o, value })),
    });
    expect(mapper.ingest(req(one('requests_total', [[0, 10], [1_000, 12]]), one('errors_total', [[0, 0], [1_000, 5]])))).toEqual([
      { slo: 's', minute: T0 / MIN, good: 0, total: 2 },
    ]);
  });

  it('forgets series that have not been seen for staleSeriesMs of sample time', () => {
    const mapper = createRemoteWriteMapper([apiMapping], { staleSeriesMs: 10 * MIN });
    mapper.ingest(req(counter('500', [[0, 1]]), counter('200', [[0, 1]])));
    expect(mapper.trackedSeries()).toBe(2);
    mapper.ingest(req(counter('200', [[20 * MIN, 2]])));
    expect(mapper.trackedSeries()).toBe(1);
  });

  it('rejects mappings with both or neither of good and bad, bad selectors and duplicate SLOs', () => {
    let caught: unknown;
    try {
      createRemoteWriteMapper([
        { slo: 'a', total: 'x_total' },
        { slo: 'a', good: 'x_total', bad: 'y_total', total: 'x_total' },
        { slo: 'b', bad: '{code=~"5.."', total: 'x_total' },
      ]);
    } catch (err: unknown) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).problems.map((p) => p.path)).toEqual([
      'mappings[0]', 'mappings[1].slo', 'mappings[1]', 'mappings[2].bad',
    ]);
    expect((caught as InputError).problems[3].message).toMatch(/SLO "b": invalid series selector .* at position 13/);
  });
});

describe('RemoteWriteMapper.reconfigure', () => {
  it('keeps series state across a config reload, so no baseline sample is lost', () => {
    const mapper = createRemoteWriteMapper([apiMapping]);
    mapper.ingest(req(counter('200', [[0, 10]])));
    mapper.reconfigure([{ ...apiMapping, slo: 'renamed' }]);
    expect(mapper.ingest(req(counter('200', [[10_000, 15]])))).toEqual([{ slo: 'renamed', minute: T0 / MIN, good: 5, total: 5 }]);
  });

  it('keeps the old mappings when the new ones are invalid', () => {
    const mapper = createRemoteWriteMapper([apiMapping]);
    expect(() => mapper.reconfigure([{ slo: 'x', bad: '{', total: 'up' }])).toThrow(InputError);
    mapper.ingest(req(counter('200', [[0, 1]])));
    expect(mapper.ingest(req(counter('200', [[10_000, 2]])))[0].slo).toBe('api-availability');
  });
});
