/** Backtest: replay recorded per-minute traffic through the alert engine (`runBacktest`). */
export * from './backtest.js';
export * from './render.js';
export * from './inputs.js';
export * from './findings.js';
export * from './composite.js';
