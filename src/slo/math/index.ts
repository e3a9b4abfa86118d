/**
 * Error-budget math: pure functions over counts, and the MinuteCounts structure that makes any
 * window sum O(1).
 *
 * Live use (server): one `new MinuteCounts(capacity)` per SLO, with capacity =
 * `countsCapacityFor(slo)` (longest window the SLO and its policy read, plus a margin for
 * late data); call `add(minute, good, total)` as data arrives (minute = Math.floor(ms / 60000))
 * and evaluate with `evaluateSlo` from src/alerting/evaluate every 30 s.
 * Replay (backtest): build per-minute series, then `MinuteCounts.fromSeries(start, good, total)`.
 */
export * from './budget.js';
export * from './windows.js';
export * from './minute-counts.js';
export * from './slices.js';
export * from './slo-budget.js';
export * from './capacity.js';
export * from './window-burn.js';
