// Library entry: the SLO engine.
export * from './slo/index.js';
export * from './errors/index.js';
export * from './generators/prometheus/index.js';
