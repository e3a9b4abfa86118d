/**
 * Hand-set component overrides (set by the Communications lead outside any one incident) win
 * over the derived status, like an override on an incident does; the rollup is recomputed
 * from the effective statuses. Pure.
 */
import { STATUS_LABELS, rollup } from '../component-status.js';
import type { StatusPageModel } from '../model.js';
import type { ComponentOverride } from './storage.js';

export function applyComponentOverrides(model: StatusPageModel, overrides: readonly ComponentOverride[], majorOutageThreshold: number): StatusPageModel {
  if (overrides.length === 0) return model;
  const byComponent = new Map(overrides.map((o) => [o.component, o.status]));
  const groups = model.groups.map((g) => ({
    name: g.name,
    components: g.components.map((c) => {
      const status = byComponent.get(c.id);
      return status === undefined ? c : { ...c, status, statusLabel: STATUS_LABELS[status] };
    }),
  }));
  return { ...model, groups, overall: rollup(groups.flatMap((g) => g.components.map((c) => c.status)), majorOutageThreshold) };
}
