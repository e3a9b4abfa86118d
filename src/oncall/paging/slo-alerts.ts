/**
 * SLO alert transitions (from the store's event log) as paging alerts. The dedup key is the
 * SLO and alert kind, so a burn that keeps firing pages once; its `resolved` transition closes
 * the page. Labels carry `severity` = the alert kind (`page`, `ticket`, `noData`,
 * `budgetExhausted`), so routes decide which kinds page whom.
 */
import type { Slo } from '../../slo/model.js';
import type { StoredAlertTransition } from '../../store/store.js';
import type { IncomingAlert } from './model.js';

export function sloTransitionToAlert(t: StoredAlertTransition, slo: Slo | undefined): IncomingAlert {
  const details = t.details ?? {};
  const text = (key: string): string | undefined => (typeof details[key] === 'string' ? (details[key] as string) : undefined);
  const alertName = text('alertName') ?? slo?.alerting.name ?? t.slo;
  const service = text('service') ?? slo?.service;
  const labels: Record<string, string> = {
    ...(slo?.alerting.labels ?? {}),
    alertname: alertName,
    slo: t.slo,
    severity: t.kind,
    ...(service ? { service } : {}),
  };
  const rates = Object.entries(t.burnRates ?? {}).map(([window, rate]) => `${window} ${round(rate)}x`);
  const summary = `${alertName}: SLO ${t.slo} ${describeKind(t.kind)}${rates.length > 0 ? ` (burn rate ${rates.join(', ')})` : ''}`;
  return {
    dedupKey: `slo:${t.slo}:${t.kind}`,
    status: t.event === 'fired' ? 'firing' : 'resolved',
    alert: {
      source: 'slo',
      summary,
      labels,
      annotations: { ...(slo?.alerting.annotations ?? {}), ...(text('reason') ? { reason: text('reason')! } : {}) },
      runbookUrl: text('runbook') ?? null,
    },
  };
}

function describeKind(kind: string): string {
  switch (kind) {
    case 'page':
      return 'is burning its error budget fast';
    case 'ticket':
      return 'is burning its error budget slowly';
    case 'noData':
      return 'receives no data';
    case 'budgetExhausted':
      return 'has exhausted its error budget';
    default:
      return `alert ${kind}`;
  }
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
