/** The protobufjs-Reader decoder sloop used before decode.ts read the bytes itself; tests compare the two. */
import protobuf from 'protobufjs';
import { uncompress } from 'snappyjs';
import { InputError, PayloadTooLargeError, describeError } from '../../../../errors/index.js';
import { FIELD, type Label, type Sample, type TimeSeries, type WriteRequest } from '../write-request.js';

type Reader = protobuf.Reader;

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LENGTH_DELIMITED = 2;

/** Prometheus batches are far smaller (2.42 sends 500 samples per request by default, a few
 *  tens of KiB); this stops a tiny body from declaring a multi-gigabyte decompressed size. */
const DEFAULT_MAX_DECOMPRESSED_BYTES = 32 * 1024 * 1024;

interface DecodeOptions {
  maxDecompressedBytes?: number;
}

/** snappy(protobuf WriteRequest) -> WriteRequest. Throws InputError or PayloadTooLargeError. */
export function previousDecodeRemoteWrite(body: Uint8Array, options: DecodeOptions = {}): WriteRequest {
  const max = options.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES;
  if (body.length === 0) {
    throw new InputError('remote_write body is empty; send a snappy-compressed prometheus.WriteRequest');
  }
  const declared = snappyDeclaredLength(body);
  if (declared === null) {
    throw new InputError(notSnappy('the length header is invalid'));
  }
  if (declared > max) {
    throw new PayloadTooLargeError(
      `remote_write body decompresses to ${declared} bytes, more than the limit of ${max}; ` +
        'lower queue_config.max_samples_per_send in the Prometheus remote_write config',
    );
  }
  let proto: Uint8Array;
  try {
    proto = uncompress(body, max);
  } catch (err: unknown) {
    throw new InputError(notSnappy(describeError(err)), [], { cause: err });
  }
  return previousDecodeWriteRequest(proto);
}

function notSnappy(detail: string): string {
  return (
    `remote_write body is not valid snappy block-compressed data (${detail}); ` +
    'send it the way Prometheus does: Content-Encoding: snappy, block format, not framed'
  );
}

/** The uncompressed length snappy writes as a leading varint (at most 32 bits). */
function snappyDeclaredLength(body: Uint8Array): number | null {
  let result = 0;
  for (let i = 0, shift = 0; i < body.length && i < 5; i++, shift += 7) {
    const byte = body[i];
    result += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return result <= 0xffffffff ? result : null;
  }
  return null;
}

/** Uncompressed protobuf -> WriteRequest. Unknown fields (metadata, exemplars, histograms) are skipped. */
export function previousDecodeWriteRequest(bytes: Uint8Array): WriteRequest {
  // A plain Uint8Array view makes protobufjs decode strings in JS: for short label strings
  // that is faster than its Buffer path, which calls into C++ (utf8Slice) once per string.
  const reader = protobuf.Reader.create(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const timeseries: TimeSeries[] = [];
  try {
    while (reader.pos < reader.len) {
      const tag = readTag(reader);
      if (tag >>> 3 === FIELD.writeRequestTimeseries && (tag & 7) === WIRE_LENGTH_DELIMITED) {
        timeseries.push(readTimeSeries(reader, readEnd(reader)));
      } else {
        reader.skipType(tag & 7);
      }
    }
  } catch (err: unknown) {
    if (err instanceof InputError) throw err;
    throw invalidProtobuf(describeError(err), reader.pos, err);
  }
  return { timeseries };
}

function readTimeSeries(reader: Reader, end: number): TimeSeries {
  const labels: Label[] = [];
  const samples: Sample[] = [];
  while (reader.pos < end) {
    const tag = readTag(reader);
    const field = tag >>> 3;
    if (field === FIELD.timeSeriesLabels && (tag & 7) === WIRE_LENGTH_DELIMITED) {
      labels.push(readLabel(reader, readEnd(reader)));
    } else if (field === FIELD.timeSeriesSamples && (tag & 7) === WIRE_LENGTH_DELIMITED) {
      samples.push(readSample(reader, readEnd(reader)));
    } else {
      reader.skipType(tag & 7);
    }
  }
  expectAt(reader, end, 'TimeSeries');
  return { labels, samples };
}

function readLabel(reader: Reader, end: number): Label {
  let name = '';
  let value = '';
  while (reader.pos < end) {
    const tag = readTag(reader);
    const field = tag >>> 3;
    if (field === FIELD.labelName && (tag & 7) === WIRE_LENGTH_DELIMITED) name = reader.string();
    else if (field === FIELD.labelValue && (tag & 7) === WIRE_LENGTH_DELIMITED) value = reader.string();
    else reader.skipType(tag & 7);
  }
  expectAt(reader, end, 'Label');
  return { name, value };
}

function readSample(reader: Reader, end: number): Sample {
  let value = 0;
  let timestamp = 0;
  while (reader.pos < end) {
    const tag = readTag(reader);
    const field = tag >>> 3;
    if (field === FIELD.sampleValue && (tag & 7) === WIRE_FIXED64) value = reader.double();
    else if (field === FIELD.sampleTimestamp && (tag & 7) === WIRE_VARINT) timestamp = readInt64AsNumber(reader);
    else reader.skipType(tag & 7);
  }
  expectAt(reader, end, 'Sample');
  return { value, timestamp };
}

function readTag(reader: Reader): number {
  const at = reader.pos;
  const tag = reader.uint32();
  // Field number 0 never occurs in valid protobuf; a run of zero bytes (what a truncated
  // snappy stream decompresses to) would otherwise be skipped silently as empty varints.
  if (tag >>> 3 === 0) throw invalidProtobuf('field number 0', at);
  return tag;
}

function readEnd(reader: Reader): number {
  const at = reader.pos;
  const end = reader.uint32() + reader.pos;
  if (end > reader.len) throw invalidProtobuf('a length runs past the end of the message', at);
  return end;
}

function expectAt(reader: Reader, end: number, message: string): void {
  if (reader.pos !== end) throw invalidProtobuf(`a ${message} overruns its declared length`, reader.pos);
}

/** Millisecond timestamps fit in 2^53; a 64-bit varint is accumulated in a double. */
function readInt64AsNumber(reader: Reader): number {
  const buf = reader.buf;
  let result = 0;
  let multiplier = 1;
  for (let i = 0; i < 10; i++) {
    if (reader.pos >= reader.len) throw invalidProtobuf('a varint is cut off', reader.pos);
    const byte = buf[reader.pos++];
    result += (byte & 0x7f) * multiplier;
    if (byte < 0x80) return result >= 2 ** 63 ? result - 2 ** 64 : result;
    multiplier *= 128;
  }
  throw invalidProtobuf('a varint is longer than 10 bytes', reader.pos);
}

function invalidProtobuf(detail: string, offset: number, cause?: unknown): InputError {
  return new InputError(
    `remote_write body is not a valid prometheus.WriteRequest protobuf (${detail} at byte ${offset}); ` +
      'send remote_write 1.0 (prometheus.WriteRequest), as Prometheus does',
    [],
    cause === undefined ? undefined : { cause },
  );
}
