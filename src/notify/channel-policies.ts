/**
 * One channel policy (breaker, retries, timeout) per downstream dependency: all Slack webhooks
 * share `slack https://hooks.slack.com`, each webhook host gets its own, email shares the SMTP
 * relay. One broken receiver then opens only its own breaker, and all of them draw retries
 * from one shared retry budget so that a wide outage cannot multiply the load.
 */
import { CHANNEL_POLICY_DEFAULTS, RetryBudget, createChannelPolicy, type ChannelPolicy, type ChannelPolicyOptions } from '../reliability/index.js';
import { isRetryableDelivery } from './delivery-error.js';

export type ReliabilitySettings = Omit<ChannelPolicyOptions, 'name' | 'retryBudget' | 'isRetryable'>;

export const DEFAULT_RELIABILITY: ReliabilitySettings = {
  ...CHANNEL_POLICY_DEFAULTS,
  breaker: { ...CHANNEL_POLICY_DEFAULTS.breaker },
};

export class ChannelPolicies {
  private readonly policies = new Map<string, ChannelPolicy>();
  constructor(
    private readonly settings: ReliabilitySettings = DEFAULT_RELIABILITY,
    readonly retryBudget: RetryBudget = new RetryBudget(),
  ) {}

  /** The policy for one dependency, created on first use. */
  for(key: string): ChannelPolicy {
    let policy = this.policies.get(key);
    if (!policy) {
      policy = createChannelPolicy({ ...this.settings, name: key, retryBudget: this.retryBudget, isRetryable: isRetryableDelivery });
      this.policies.set(key, policy);
    }
    return policy;
  }

  /** Breaker states by dependency, for health endpoints and metrics. */
  states(): Record<string, string> {
    return Object.fromEntries([...this.policies].map(([key, policy]) => [key, policy.circuitState()]));
  }
}
