/**
 * Alert evaluation for one SLO: `evaluateSlo(slo, counts, nowMs, previousState)` returns the
 * new state, the transitions (fired/resolved with timestamps and burn rates), the burn rate of
 * every policy row and the budget. Pure: no clock, no I/O. Start from `initialAlertState()` and
 * feed each result's `state` into the next call. Kinds: page, ticket, noData, budgetExhausted.
 */
export * from './state.js';
export * from './evaluate.js';
