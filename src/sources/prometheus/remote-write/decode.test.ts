import { describe, expect, it } from 'vitest';
import { compress } from 'snappyjs';
import { InputError, PayloadTooLargeError } from '../../../errors/index.js';
import { decodeRemoteWrite, decodeWriteRequest } from './decode.js';
import { encodeWriteRequestProto, WriteRequestType, type WriteRequest } from './write-request.js';

const request: WriteRequest = {
  timeseries: [
    {
      labels: [
        { name: '__name__', value: 'http_requests_total' },
        { name: 'code', value: '500' },
        { name: 'job', value: 'api' },
        { name: 'path', value: '/büro' },
      ],
      samples: [
        { value: 41, timestamp: 1_764_200_000_123 },
        { value: 42.5, timestamp: 1_764_200_015_123 },
      ],
    },
    { labels: [{ name: '__name__', value: 'up' }], samples: [{ value: 1, timestamp: 0 }] },
  ],
};

describe('decodeRemoteWrite', () => {
  it('decodes a snappy-compressed WriteRequest into labels and samples with numeric timestamps', () => {
    expect(decodeRemoteWrite(compress(encodeWriteRequestProto(request)))).toEqual(request);
  });

  it('agrees with the protobufjs reflection decoder on a large request', () => {
    const big: WriteRequest = {
      timeseries: Array.from({ length: 200 }, (_, s) => ({
        labels: [
          { name: '__name__', value: `m_${s % 7}` },
          { name: 'instance', value: `host-${s}:9100` },
        ],
        samples: Array.from({ length: 5 }, (_, i) => ({ value: s * 1000 + i / 3, timestamp: 1_700_000_000_000 + i * 15_000 })),
      })),
    };
    const bytes = encodeWriteRequestProto(big);
    const reference = WriteRequestType.toObject(WriteRequestType.decode(bytes), { longs: Number, defaults: true }) as WriteRequest;
    expect(decodeWriteRequest(bytes)).toEqual(reference);
    expect(decodeWriteRequest(bytes)).toEqual(big);
  });

  it('skips fields it does not need, such as metadata and exemplars', () => {
    const base = encodeWriteRequestProto(request);
    // WriteRequest.metadata (field 3, length-delimited) with an arbitrary payload.
    const withMetadata = new Uint8Array([...base, (3 << 3) | 2, 3, 0x08, 0x01, 0x00]);
    expect(decodeWriteRequest(withMetadata)).toEqual(request);
  });

  it('decodes an empty WriteRequest to no series', () => {
    expect(decodeRemoteWrite(compress(new Uint8Array(0)))).toEqual({ timeseries: [] });
  });

  it('rejects an empty body with a message saying what to send', () => {
    expect(() => decodeRemoteWrite(new Uint8Array(0))).toThrow(/body is empty; send a snappy-compressed/);
  });

  it('rejects a body that is not snappy', () => {
    const plain = new TextEncoder().encode('{"timeseries": []}');
    const err = catchError(() => decodeRemoteWrite(plain));
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/not valid snappy block-compressed data/);
  });

  it('rejects a truncated snappy body instead of decoding zero bytes', () => {
    const body = compress(encodeWriteRequestProto(request));
    const err = catchError(() => decodeRemoteWrite(body.subarray(0, body.length - 20)));
    expect(err).toBeInstanceOf(InputError);
  });

  it('rejects protobuf whose lengths run past the end', () => {
    const proto = encodeWriteRequestProto(request);
    const err = catchError(() => decodeWriteRequest(proto.subarray(0, proto.length - 3)));
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/not a valid prometheus.WriteRequest protobuf \(.* at byte \d+\)/);
  });

  it('refuses a body that declares a decompressed size above the limit', () => {
    const body = compress(encodeWriteRequestProto(request));
    const err = catchError(() => decodeRemoteWrite(body, { maxDecompressedBytes: 16 }));
    expect(err).toBeInstanceOf(PayloadTooLargeError);
    expect((err as Error).message).toMatch(/max_samples_per_send/);
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err: unknown) {
    return err;
  }
  throw new Error('expected an error');
}
