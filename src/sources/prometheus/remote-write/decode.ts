/**
 * Decodes a Prometheus remote_write 1.0 request body: snappy block format around a
 * prometheus.WriteRequest protobuf. The protobuf reader is hand-written over the bytes so
 * that it reads only labels and samples (metadata, exemplars and histograms are skipped by
 * their lengths), reads doubles through a DataView, turns int64 timestamps straight into
 * numbers and rejects corrupt input with an InputError instead of silently decoding garbage.
 *
 * Label sets are cached across requests: Prometheus sends the same series in every request,
 * byte for byte, so from its third request on a series gets the same frozen Label[] (and
 * frozen Label objects) as the time before instead of new strings and objects. The
 * matcher and the series-id hash key their own caches on that array (see targets.ts and
 * increases.ts), so a repeated series is neither matched nor hashed again. Callers must not
 * mutate decoded label sets (they are frozen; a write throws in strict mode).
 */
import protobuf from 'protobufjs';
import { uncompress } from 'snappyjs';
import { InputError, PayloadTooLargeError, describeError } from '../../../errors/index.js';
import { FIELD, type Label, type Sample, type TimeSeries, type WriteRequest } from './write-request.js';

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LENGTH_DELIMITED = 2;
const WIRE_START_GROUP = 3;
const WIRE_END_GROUP = 4;
const WIRE_FIXED32 = 5;
const MAX_GROUP_DEPTH = 100;

const LABEL_TAG = (FIELD.timeSeriesLabels << 3) | WIRE_LENGTH_DELIMITED;
const SAMPLE_TAG = (FIELD.timeSeriesSamples << 3) | WIRE_LENGTH_DELIMITED;
const SAMPLE_VALUE_TAG = (FIELD.sampleValue << 3) | WIRE_FIXED64;
const SAMPLE_TIMESTAMP_TAG = (FIELD.sampleTimestamp << 3) | WIRE_VARINT;

/** protobufjs's UTF-8 reader: the same strings (including for invalid UTF-8) as before. */
const readUtf8: (buf: Uint8Array, start: number, end: number) => string = protobuf.util.utf8.read;

/** Prometheus batches are far smaller (2.42 sends 500 samples per request by default, a few
 *  tens of KiB); this stops a tiny body from declaring a multi-gigabyte decompressed size. */
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 32 * 1024 * 1024;

export interface DecodeOptions {
  maxDecompressedBytes?: number;
}

/** snappy(protobuf WriteRequest) -> WriteRequest. Throws InputError or PayloadTooLargeError. */
export function decodeRemoteWrite(body: Uint8Array, options: DecodeOptions = {}): WriteRequest {
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
  return decodeWriteRequest(proto);
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
export function decodeWriteRequest(bytes: Uint8Array): WriteRequest {
  const reader = new WireReader(bytes);
  const timeseries: TimeSeries[] = [];
  try {
    while (reader.pos < reader.len) {
      const tag = reader.tag();
      if (tag >>> 3 === FIELD.writeRequestTimeseries && (tag & 7) === WIRE_LENGTH_DELIMITED) {
        timeseries.push(readTimeSeries(reader, reader.end()));
      } else {
        reader.skipType(tag & 7, 0, 0);
      }
    }
  } catch (err: unknown) {
    if (err instanceof InputError) throw err;
    throw invalidProtobuf(describeError(err), reader.pos, err);
  }
  return { timeseries };
}

/**
 * Cache of label sets by their encoded bytes: direct-mapped (a new set replaces whatever
 * shares its slot), so memory stays bounded whatever the number of series; with more active
 * series than slots, the misses decode as if there were no cache.
 */
const LABEL_CACHE_SLOTS = 16_384;
/** Larger label sets are decoded every time rather than kept. */
const LABEL_CACHE_MAX_BYTES = 2_048;
interface CachedLabels {
  /** The full hash: a different set in the same slot is told apart without comparing bytes. */
  hash: number;
  key: Uint8Array;
  /** Over key, made once the set recurs, for comparing 4 bytes at a time. */
  view: DataView | null;
  /** Null until the set is seen a second time. */
  labels: readonly Label[] | null;
}
const labelCache: Array<CachedLabels | undefined> = new Array(LABEL_CACHE_SLOTS);

function readTimeSeries(reader: WireReader, end: number): TimeSeries {
  const buf = reader.buf;
  // Prometheus writes all labels first: read the leading run of label fields as one block.
  const labelsStart = reader.pos;
  let labelsEnd = labelsStart;
  while (reader.pos < end) {
    if (buf[reader.pos] !== LABEL_TAG) break;
    reader.pos++;
    reader.pos = reader.end();
    labelsEnd = reader.pos;
  }
  if (labelsEnd > end) throw invalidProtobuf('a TimeSeries overruns its declared length', labelsEnd);
  let labels: Label[] = labelsEnd === labelsStart ? [] : (cachedLabels(reader, labelsStart, labelsEnd) as Label[]);
  const samples: Sample[] = [];
  while (reader.pos < end) {
    const tag = reader.tag();
    if (tag === SAMPLE_TAG) {
      samples.push(readSample(reader, reader.end()));
    } else if (tag === LABEL_TAG) {
      // A label after the samples: valid protobuf, never sent by Prometheus; no caching.
      if (Object.isFrozen(labels)) labels = [...labels];
      labels.push(readLabel(reader, reader.end()));
    } else {
      reader.skipType(tag & 7, 0, 0);
    }
  }
  expectAt(reader, end, 'TimeSeries');
  return { labels, samples };
}

function cachedLabels(reader: WireReader, start: number, end: number): readonly Label[] {
  const buf = reader.buf;
  const length = end - start;
  if (length > LABEL_CACHE_MAX_BYTES) return decodeLabels(reader, start, end);
  // FNV-1a-style over 32-bit words of the encoded labels, then the last bytes.
  const view = reader.view;
  let hash = 0x811c9dc5;
  let i = start;
  for (; i + 4 <= end; i += 4) hash = Math.imul(hash ^ view.getInt32(i, true), 0x01000193);
  for (; i < end; i++) hash = Math.imul(hash ^ buf[i]!, 0x01000193);
  hash ^= hash >>> 15;
  const slot = hash & (LABEL_CACHE_SLOTS - 1);
  const cached = labelCache[slot];
  if (cached !== undefined && cached.hash === hash && sameBytes(cached, view, buf, start, length)) {
    if (cached.labels !== null) return cached.labels;
    // Seen for the second time: a series that recurs. Share it from now on.
    const labels = decodeLabels(reader, start, end);
    for (const label of labels) Object.freeze(label);
    cached.labels = Object.freeze(labels);
    cached.view = new DataView(cached.key.buffer, cached.key.byteOffset, cached.key.byteLength);
    return labels;
  }
  // First sighting: remember only the bytes. A series seen once (label churn, a first
  // request) costs no frozen objects and no entries in the match and id caches.
  labelCache[slot] = { hash, key: buf.slice(start, end), view: null, labels: null };
  return decodeLabels(reader, start, end);
}

function sameBytes(cached: CachedLabels, view: DataView, buf: Uint8Array, start: number, length: number): boolean {
  const key = cached.key;
  if (key.length !== length) return false;
  const keyView = cached.view;
  let i = 0;
  if (keyView !== null) for (; i + 4 <= length; i += 4) if (keyView.getInt32(i, true) !== view.getInt32(start + i, true)) return false;
  for (; i < length; i++) if (key[i] !== buf[start + i]) return false;
  return true;
}

/** The label fields between start and end (all of them LABEL_TAG, lengths already checked). */
function decodeLabels(reader: WireReader, start: number, end: number): Label[] {
  const labels: Label[] = [];
  const resume = reader.pos;
  reader.pos = start;
  while (reader.pos < end) {
    reader.pos++; // LABEL_TAG
    labels.push(readLabel(reader, reader.end()));
  }
  reader.pos = resume;
  return labels;
}

function readLabel(reader: WireReader, end: number): Label {
  let name = '';
  let value = '';
  while (reader.pos < end) {
    const tag = reader.tag();
    const field = tag >>> 3;
    if (field === FIELD.labelName && (tag & 7) === WIRE_LENGTH_DELIMITED) name = reader.string();
    else if (field === FIELD.labelValue && (tag & 7) === WIRE_LENGTH_DELIMITED) value = reader.string();
    else reader.skipType(tag & 7, 0, 0);
  }
  expectAt(reader, end, 'Label');
  return { name, value };
}

function readSample(reader: WireReader, end: number): Sample {
  let value = 0;
  let timestamp = 0;
  while (reader.pos < end) {
    const tag = reader.tag();
    if (tag === SAMPLE_VALUE_TAG) value = reader.double();
    else if (tag === SAMPLE_TIMESTAMP_TAG) timestamp = reader.int64AsNumber();
    else reader.skipType(tag & 7, 0, 0);
  }
  expectAt(reader, end, 'Sample');
  return { value, timestamp };
}

function expectAt(reader: WireReader, end: number, message: string): void {
  if (reader.pos !== end) throw invalidProtobuf(`a ${message} overruns its declared length`, reader.pos);
}

/** Protobuf wire reading over a byte array, every read bounds-checked. */
class WireReader {
  readonly buf: Uint8Array;
  readonly len: number;
  pos = 0;
  readonly view: DataView;

  constructor(bytes: Uint8Array) {
    this.buf = bytes;
    this.len = bytes.length;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  tag(): number {
    const at = this.pos;
    const tag = this.uint32();
    // Field number 0 never occurs in valid protobuf; a run of zero bytes (what a truncated
    // snappy stream decompresses to) would otherwise be skipped silently as empty varints.
    if (tag >>> 3 === 0) throw invalidProtobuf('field number 0', at);
    return tag;
  }

  /** Reads a length and returns where the field it prefixes ends. */
  end(): number {
    const at = this.pos;
    const end = this.uint32() + this.pos;
    if (end > this.len) throw invalidProtobuf('a length runs past the end of the message', at);
    return end;
  }

  /** A varint's low 32 bits, unsigned (as protobufjs's uint32). */
  uint32(): number {
    const buf = this.buf;
    let result = 0;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.len) throw invalidProtobuf('a varint is cut off', this.pos);
      const byte = buf[this.pos++]!;
      if (i < 5) result |= (byte & 0x7f) << (7 * i);
      if (byte < 0x80) return result >>> 0;
    }
    throw invalidProtobuf('a varint is longer than 10 bytes', this.pos);
  }

  /** Millisecond timestamps fit in 2^53; a 64-bit varint is accumulated in a double. */
  int64AsNumber(): number {
    const buf = this.buf;
    let result = 0;
    let multiplier = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.len) throw invalidProtobuf('a varint is cut off', this.pos);
      const byte = buf[this.pos++]!;
      result += (byte & 0x7f) * multiplier;
      if (byte < 0x80) return result >= 2 ** 63 ? result - 2 ** 64 : result;
      multiplier *= 128;
    }
    throw invalidProtobuf('a varint is longer than 10 bytes', this.pos);
  }

  double(): number {
    this.need(8);
    const value = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return value;
  }

  string(): string {
    const end = this.end();
    const start = this.pos;
    this.pos = end;
    return start === end ? '' : readUtf8(this.buf, start, end);
  }

  skipType(wireType: number, depth: number, field: number): void {
    switch (wireType) {
      case WIRE_VARINT:
        this.uint32();
        return;
      case WIRE_FIXED64:
        this.need(8);
        this.pos += 8;
        return;
      case WIRE_LENGTH_DELIMITED:
        this.pos = this.end();
        return;
      case WIRE_START_GROUP:
        if (depth >= MAX_GROUP_DEPTH) throw invalidProtobuf('groups nested too deeply', this.pos);
        for (;;) {
          const tag = this.tag();
          if ((tag & 7) === WIRE_END_GROUP) {
            if (field !== 0 && tag >>> 3 !== field) throw invalidProtobuf('an end group tag does not match its start', this.pos);
            return;
          }
          this.skipType(tag & 7, depth + 1, tag >>> 3);
        }
      case WIRE_FIXED32:
        this.need(4);
        this.pos += 4;
        return;
      default:
        throw invalidProtobuf(`invalid wire type ${wireType}`, this.pos);
    }
  }

  private need(bytes: number): void {
    if (this.pos + bytes > this.len) throw invalidProtobuf('a field runs past the end of the message', this.pos);
  }
}

function invalidProtobuf(detail: string, offset: number, cause?: unknown): InputError {
  return new InputError(
    `remote_write body is not a valid prometheus.WriteRequest protobuf (${detail} at byte ${offset}); ` +
      'send remote_write 1.0 (prometheus.WriteRequest), as Prometheus does',
    [],
    cause === undefined ? undefined : { cause },
  );
}
