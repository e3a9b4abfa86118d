import type { ConfigOrigin } from '../escalation/model.js';

/** One entry of the `routes` section: alerts whose labels match go to `policy`. */
export interface Route {
  /** Label name -> accepted values; every listed label must be present with one of them. */
  match: Record<string, string[]>;
  policy: string;
  /** Used when no other route matches, wherever it is listed; it has no `match`. */
  isDefault: boolean;
  /** Labels whose values form the grouping key when the source sends no key; null = all labels. */
  groupBy: string[] | null;
  origin: ConfigOrigin;
}
