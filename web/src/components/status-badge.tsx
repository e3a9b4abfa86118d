import type { SloSummary } from '../api/types.js';

const LABELS: Record<SloSummary['status'], string> = {
  ok: 'OK',
  ticket: 'Ticket',
  page: 'Paging',
  exhausted: 'Exhausted',
  noData: 'No data',
};

export function StatusBadge({ status }: { status: SloSummary['status'] }) {
  return <span class={`badge status-${status}`}>{LABELS[status]}</span>;
}

export function GateBadge({ decision, reason }: { decision: 'allowed' | 'frozen' | null; reason?: string }) {
  if (decision === null) return <span class="badge gate-unknown">Deploy gate unknown</span>;
  return (
    <span class={`badge gate-${decision}`} title={reason}>
      {decision === 'allowed' ? 'Deploys allowed' : 'Deploys frozen'}
    </span>
  );
}
