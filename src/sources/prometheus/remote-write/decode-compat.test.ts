import { describe, expect, it } from 'vitest';
import { compress } from 'snappyjs';
import protobuf from 'protobufjs';
import { decodeRemoteWrite, decodeWriteRequest } from './decode.js';
import { seriesId } from './increases.js';
import { createRemoteWriteMapper } from './mapper.js';
import { previousDecodeRemoteWrite, previousDecodeWriteRequest } from './testing/previous-decoder.js';
import { encodeWriteRequestProto, type TimeSeries, type WriteRequest } from './write-request.js';

/** Deterministic pseudo-random numbers, so a failure reproduces. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const TIMESTAMPS = [0, 1, 1_764_200_000_123, 2 ** 53 - 1, 2 ** 53 + 2, 2 ** 62, -1, -1_000, -(2 ** 53)];
const VALUES = [0, -0, 1, 0.1, 1 / 3, -5e-324, 1.7976931348623157e308, Infinity, -Infinity, NaN];
const STRINGS = ['', 'a', 'http_requests_total', '/büro', '日本語', 'x'.repeat(300), '\u0000', '😀 emoji'];

function generated(seed: number, seriesCount: number): WriteRequest {
  const next = random(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  return {
    timeseries: Array.from({ length: seriesCount }, (_, s): TimeSeries => ({
      labels: Array.from({ length: Math.floor(next() * 6) }, (_, l) => ({
        name: next() < 0.2 ? pick(STRINGS) : `l${l}`,
        value: next() < 0.5 ? pick(STRINGS) : `v${s % 37}-${l}`,
      })),
      samples: Array.from({ length: Math.floor(next() * 5) }, () => ({ value: pick(VALUES), timestamp: pick(TIMESTAMPS) })),
    })),
  };
}

/** A Prometheus stale marker: NaN with the payload 0x7ff0000000000002. */
function staleMarkerRequest(): Uint8Array {
  const w = protobuf.Writer.create();
  w.uint32((1 << 3) | 2).fork(); // timeseries
  w.uint32((1 << 3) | 2).fork().uint32((1 << 3) | 2).string('__name__').uint32((2 << 3) | 2).string('up').ldelim();
  w.uint32((2 << 3) | 2).fork().uint32((1 << 3) | 1).double(0).ldelim();
  w.ldelim();
  const bytes = w.finish();
  // Overwrite the double (all zero bytes) with the stale-marker bit pattern.
  const at = bytes.length - 8;
  new DataView(bytes.buffer, bytes.byteOffset).setBigUint64(at, 0x7ff0000000000002n, true);
  return bytes;
}

describe('decodeWriteRequest against the previous protobufjs-Reader decoder', () => {
  it('agrees on generated requests with empty labels, odd strings, NaN, infinities and huge timestamps', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const bytes = encodeWriteRequestProto(generated(seed, 1 + (seed % 13) * 7));
      expect(decodeWriteRequest(bytes)).toEqual(previousDecodeWriteRequest(bytes));
      // The second decode of the same bytes reads label sets from the cache.
      expect(decodeWriteRequest(bytes)).toEqual(previousDecodeWriteRequest(bytes));
    }
  });

  it('agrees on a request with more series than the label cache has slots', () => {
    const request = generated(7, 20_000);
    request.timeseries.forEach((s, i) => s.labels.push({ name: 'zz_unique', value: String(i) }));
    const body = compress(encodeWriteRequestProto(request));
    for (let pass = 0; pass < 2; pass++) expect(decodeRemoteWrite(body)).toEqual(previousDecodeRemoteWrite(body));
  });

  it('reads a stale marker as NaN, as before', () => {
    const bytes = staleMarkerRequest();
    const decoded = decodeWriteRequest(bytes);
    expect(Number.isNaN(decoded.timeseries[0]!.samples[0]!.value)).toBe(true);
    expect(decoded).toEqual(previousDecodeWriteRequest(bytes));
  });

  it('agrees when labels come after samples, fields repeat, and unknown fields of every wire type appear', () => {
    const w = protobuf.Writer.create();
    w.uint32((1 << 3) | 2).fork();
    w.uint32((2 << 3) | 2).fork().uint32((1 << 3) | 1).double(2.5).uint32((2 << 3) | 0).int64(1_000).uint32((9 << 3) | 5).fixed32(7).ldelim();
    w.uint32((1 << 3) | 2).fork().uint32((1 << 3) | 2).string('job').uint32((2 << 3) | 2).string('api').uint32((7 << 3) | 0).uint32(300).ldelim();
    w.uint32((3 << 3) | 2).fork().uint32((1 << 3) | 1).double(1).ldelim(); // an exemplar
    w.uint32((8 << 3) | 3).uint32((1 << 3) | 0).uint32(5).uint32((8 << 3) | 4); // a group
    w.uint32((1 << 3) | 2).fork().uint32((1 << 3) | 2).string('__name__').uint32((2 << 3) | 2).string('a').uint32((2 << 3) | 2).string('b').ldelim();
    w.ldelim();
    w.uint32((3 << 3) | 2).fork().uint32((1 << 3) | 0).uint32(1).ldelim(); // metadata
    const bytes = w.finish();
    const decoded = decodeWriteRequest(bytes);
    expect(decoded).toEqual(previousDecodeWriteRequest(bytes));
    expect(decoded.timeseries[0]!.labels).toEqual([{ name: 'job', value: 'api' }, { name: '__name__', value: 'b' }]);
  });

  it('rejects what the previous decoder rejected: every truncation of a request', () => {
    const bytes = encodeWriteRequestProto(generated(3, 4));
    for (let cut = 1; cut < bytes.length; cut++) {
      const part = bytes.subarray(0, cut);
      let previous: unknown = null;
      try { previousDecodeWriteRequest(part); } catch (err) { previous = err; }
      let now: unknown = null;
      try { decodeWriteRequest(part); } catch (err) { now = err; }
      expect([cut, now === null ? 'ok' : (now as Error).name]).toEqual([cut, previous === null ? 'ok' : (previous as Error).name]);
    }
  });
});

describe('label sets shared between requests', () => {
  it('hands out a fresh label set the first time, then the same frozen one, with unchanged series ids', () => {
    const request = generated(11, 30);
    request.timeseries.forEach((s) => s.labels.push({ name: 'zz_test', value: 'shared-sets' }));
    const bytes = encodeWriteRequestProto(request);
    const first = decodeWriteRequest(bytes);
    const second = decodeWriteRequest(bytes);
    const third = decodeWriteRequest(bytes);
    expect(Object.isFrozen(first.timeseries[0]!.labels)).toBe(false);
    expect(second.timeseries[0]!.labels).not.toBe(first.timeseries[0]!.labels);
    expect(third.timeseries[0]!.labels).toBe(second.timeseries[0]!.labels);
    expect(Object.isFrozen(second.timeseries[0]!.labels)).toBe(true);
    expect(() => (second.timeseries[0]!.labels as { name: string; value: string }[]).push({ name: 'x', value: 'y' })).toThrow(TypeError);
    for (let i = 0; i < request.timeseries.length; i++) {
      expect(seriesId(third.timeseries[i]!.labels)).toBe(seriesId(request.timeseries[i]!.labels));
      expect(seriesId(first.timeseries[i]!.labels)).toBe(seriesId(request.timeseries[i]!.labels));
    }
  });

  it('maps decoded (cached) and plain requests to the same counts and series ids', () => {
    const mappings = [{ slo: 'api', total: '{__name__="t", job="api"}', bad: '{__name__="t", job="api", code=~"5.."}' }];
    const plain = (k: number): WriteRequest => ({
      timeseries: ['200', '500', '503'].map((code) => ({
        labels: [{ name: '__name__', value: 't' }, { name: 'code', value: code }, { name: 'job', value: 'api' }],
        samples: [{ value: k * 10 + code.length, timestamp: 1_764_200_000_000 + k * 15_000 }],
      })),
    });
    const viaDecoder = createRemoteWriteMapper(mappings);
    const direct = createRemoteWriteMapper(mappings);
    for (let k = 0; k < 5; k++) {
      const decoded = viaDecoder.prepareWithState(decodeRemoteWrite(compress(encodeWriteRequestProto(plain(k)))));
      const reference = direct.prepareWithState(plain(k));
      expect(decoded.seriesIds).toEqual(reference.seriesIds);
      expect(viaDecoder.ingest(decodeRemoteWrite(compress(encodeWriteRequestProto(plain(k)))))).toEqual(direct.ingest(plain(k)));
    }
  });
});
