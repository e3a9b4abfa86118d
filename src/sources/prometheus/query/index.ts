export {
  createPrometheusQuerySource,
  type MinuteCounts,
  type PrometheusQuerySource,
  type PrometheusQuerySourceOptions,
  type WindowResult,
} from './source.js';
export { instantQuery, rangeQuery, type PrometheusHttpOptions, type ResultSeries } from './http-api.js';
