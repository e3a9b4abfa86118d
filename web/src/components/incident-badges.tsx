/** Severity and status in words, coloured as well (never colour alone). */
import type { IncidentStatus } from '../api/incidents.js';

const STATUS_WORDS: Record<IncidentStatus, string> = { investigating: 'Investigating', identified: 'Identified', monitoring: 'Monitoring', resolved: 'Resolved' };

export function SeverityBadge({ severity }: { severity: string }) {
  return <span class={`badge sev-${severity}`}>{severity}</span>;
}

export function IncidentStatusBadge({ status }: { status: IncidentStatus }) {
  return <span class={`badge ${status === 'resolved' ? 'inc-resolved' : 'status-page'}`}>{STATUS_WORDS[status]}</span>;
}

export function statusWord(status: IncidentStatus): string {
  return STATUS_WORDS[status];
}
