/**
 * Recorded SLI data from files (CSV `timestamp,slo,good,total` or NDJSON with the same fields)
 * into per-SLO per-minute series: `readSliData(path, { sloNames })`.
 */
export * from './read.js';
export * from './collector.js';
export * from './series.js';
export * from './problems.js';
export * from './timestamp.js';
