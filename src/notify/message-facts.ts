/** The words every channel shows, computed once so Slack, Teams and email say the same thing. */
import type { Notification } from './notification.js';

export interface Fact {
  name: string;
  value: string;
}

const STATUS_WORD: Record<Notification['status'], string> = {
  triggered: 'TRIGGERED',
  acknowledged: 'ACKNOWLEDGED',
  resolved: 'RESOLVED',
};

export function titleOf(n: Notification): string {
  return `${STATUS_WORD[n.status]} [${n.severity}] ${n.summary}`;
}

export function factsOf(n: Notification): Fact[] {
  const facts: Fact[] = [
    { name: 'Severity', value: n.severity },
    { name: 'Status', value: n.status },
  ];
  if (n.labels.service) facts.push({ name: 'Service', value: n.labels.service });
  if (n.slo) {
    const { slo } = n;
    facts.push({ name: 'SLO', value: slo.objective === undefined ? slo.name : `${slo.name} (objective ${percent(slo.objective, 3)})` });
    if (slo.burnRate !== undefined) facts.push({ name: 'Burn rate', value: `${round(slo.burnRate, 2)}x${slo.window ? ` over ${slo.window}` : ''}` });
    if (slo.budgetRemaining !== undefined) facts.push({ name: 'Budget left', value: percent(slo.budgetRemaining, 1) });
  }
  const step = n.escalation.step === 'final' ? 'final step' : `step ${n.escalation.step + 1}`;
  const repeat = n.escalation.repeat > 0 ? `, repeat ${n.escalation.repeat}` : '';
  facts.push({ name: 'Escalation', value: `${n.escalation.policy}: ${step}${repeat}` });
  facts.push({ name: 'Page', value: n.pageId });
  return facts;
}

/** http(s) URLs only: a `javascript:` runbook link must never become clickable. */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

function percent(fraction: number, decimals: number): string {
  return `${round(fraction * 100, decimals)}%`;
}

function round(value: number, decimals: number): string {
  return String(Number(value.toFixed(decimals)));
}
