/**
 * The subset of Prometheus's remote_write 1.0 protocol (prompb/remote.proto, types.proto)
 * that sloop reads: WriteRequest.timeseries, TimeSeries.labels and TimeSeries.samples.
 * Metadata, exemplars and native histograms are skipped on the wire.
 *
 * The schema is written here with protobufjs reflection (no .proto download). sloop decodes
 * with a hand-written reader (decode.ts) for speed; this schema is the reference encoder used
 * by tests, the benchmark and anyone who wants to send remote_write to sloop from Node.
 */
import protobuf from 'protobufjs';

export interface Label {
  name: string;
  value: string;
}

export interface Sample {
  value: number;
  /** Epoch milliseconds. */
  timestamp: number;
}

export interface TimeSeries {
  /** Prometheus sends them sorted by name; `__name__` holds the metric name. */
  labels: Label[];
  samples: Sample[];
}

export interface WriteRequest {
  timeseries: TimeSeries[];
}

/** Field numbers from prompb; kept here so the decoder and the schema cannot drift. */
export const FIELD = {
  writeRequestTimeseries: 1,
  timeSeriesLabels: 1,
  timeSeriesSamples: 2,
  labelName: 1,
  labelValue: 2,
  sampleValue: 1,
  sampleTimestamp: 2,
} as const;

const root = protobuf.Root.fromJSON({
  nested: {
    prometheus: {
      nested: {
        WriteRequest: {
          fields: { timeseries: { rule: 'repeated', type: 'TimeSeries', id: FIELD.writeRequestTimeseries } },
        },
        TimeSeries: {
          fields: {
            labels: { rule: 'repeated', type: 'Label', id: FIELD.timeSeriesLabels },
            samples: { rule: 'repeated', type: 'Sample', id: FIELD.timeSeriesSamples },
          },
        },
        Label: {
          fields: {
            name: { type: 'string', id: FIELD.labelName },
            value: { type: 'string', id: FIELD.labelValue },
          },
        },
        Sample: {
          fields: {
            value: { type: 'double', id: FIELD.sampleValue },
            timestamp: { type: 'int64', id: FIELD.sampleTimestamp },
          },
        },
      },
    },
  },
});

/** protobufjs reflection type for prometheus.WriteRequest. */
export const WriteRequestType = root.lookupType('prometheus.WriteRequest');

/** Encodes a WriteRequest as uncompressed protobuf (compress with snappy before sending). */
export function encodeWriteRequestProto(request: WriteRequest): Uint8Array {
  return WriteRequestType.encode(WriteRequestType.fromObject(request)).finish();
}
