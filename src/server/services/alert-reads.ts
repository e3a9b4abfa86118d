import type { Store } from '../../store/store.js';
import type { AlertsQuery, AlertsResponse } from '../schemas/read.js';

/** GET /api/v1/alerts: alerts firing now plus the transition history, both filtered. */
export function createAlertReads(store: Store) {
  return {
    async query(q: AlertsQuery): Promise<AlertsResponse> {
      const states = await store.getAlertStates();
      const firing = q.state === 'resolved'
        ? []
        : states
            .filter((s) => s.firing && (!q.slo || s.slo === q.slo) && (!q.kind || s.kind === q.kind) && (q.since === undefined || s.since >= q.since))
            .map((s) => ({ slo: s.slo, kind: s.kind, firing: s.firing, since: s.since, burnRates: s.burnRates }));
      const transitions = await store.listAlertTransitions({
        ...(q.slo ? { slo: q.slo } : {}),
        ...(q.kind ? { kind: q.kind } : {}),
        ...(q.state ? { event: q.state === 'firing' ? 'fired' : 'resolved' } : {}),
        ...(q.since !== undefined ? { since: q.since } : {}),
        limit: q.limit ?? 100,
      });
      return { firing, transitions };
    },
  };
}
