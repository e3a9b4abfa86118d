export { decodeRemoteWrite, decodeWriteRequest, DEFAULT_MAX_DECOMPRESSED_BYTES, type DecodeOptions } from './decode.js';
export {
  createRemoteWriteMapper,
  type SloMinuteCounts,
  type PreparedIngest,
  type RemoteWriteMapper,
  type RemoteWriteMapperOptions,
  type RemoteWriteMapping,
  type StatefulIngest,
} from './mapper.js';
export { computeIncreases, matchSeries, seriesId, type Increases, type MatchedSeries, type SeriesPoint } from './increases.js';
export {
  labelValue,
  parseSeriesSelector,
  selectorMatches,
  SelectorSyntaxError,
  type LabelMatcher,
  type MatchOp,
  type SeriesSelector,
} from './selector.js';
export { encodeWriteRequestProto, WriteRequestType, type Label, type Sample, type TimeSeries, type WriteRequest } from './write-request.js';
