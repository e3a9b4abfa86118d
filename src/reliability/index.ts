export { createChannelPolicy, CHANNEL_POLICY_DEFAULTS } from './channel-policy.js';
export type { ChannelPolicy, ChannelPolicyOptions, CircuitStateName } from './channel-policy.js';
export { RetryBudget, RETRY_BUDGET_DEFAULTS } from './retry-budget.js';
export type { RetryBudgetOptions, RetryBudgetSnapshot } from './retry-budget.js';
export { AttemptTimeoutError, CircuitOpenError, RetryBudgetExhaustedError, CallAbortedError } from './errors.js';
