/**
 * Inbound keys are namespaced per integration instance (`<type>:<name>:...`), so two senders
 * cannot close each other's pages by reusing a key, while the HA pair of Alertmanagers that
 * share one integration still dedup onto the same page. The label-hash fallback is the
 * routing module's groupingKey, so inbound and SLO alerts hash labels the same way.
 */
import { groupingKey } from '../../oncall/routing/index.js';
import type { Integration } from './model.js';

export function intakeKey(integration: Pick<Integration, 'type' | 'name'>, sourceKey: string | null | undefined, labels: Readonly<Record<string, string>>): string {
  return groupingKey({ source: `${integration.type}:${integration.name}`, sourceKey: sourceKey || null, labels });
}
