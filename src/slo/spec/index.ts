export { loadConfig, loadConfigFromText, loadSources, SLOOP_API_VERSION, FOREIGN_SLOOP_KINDS, type LoadResult, type LoadedDocument } from './load.js';
export type { SourceText } from './files.js';
export { DocContext, MapReader, describeNode } from './yaml-reader.js';
export { parseMinutes, parseSeconds, formatMinutes } from './durations.js';
export { didYouMean } from './suggest.js';
