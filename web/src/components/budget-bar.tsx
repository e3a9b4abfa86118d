import { formatPercent } from '../lib/format.js';

export function budgetTone(fraction: number): 'good' | 'warn' | 'bad' {
  if (fraction <= 0) return 'bad';
  if (fraction < 0.25) return 'warn';
  return 'good';
}

/** Budget remaining as a bar (empty when spent) plus the number, which carries the meaning. */
export function BudgetBar({ fraction }: { fraction: number }) {
  const width = Math.max(0, Math.min(1, fraction)) * 100;
  return (
    <span class="budget">
      <span class={`budget-track tone-${budgetTone(fraction)}`} aria-hidden="true">
        <span class="budget-fill" style={{ width: `${width}%` }} />
      </span>
      <span class="budget-value">{formatPercent(fraction)}</span>
    </span>
  );
}

/** The big budget line of a detail page: the bar, then what is left as minutes of full outage. */
export function BudgetLeft({ budget }: { budget: { remainingFraction: number; remainingMinutes: number; totalMinutes: number } }) {
  return (
    <p class="budget-big">
      <BudgetBar fraction={budget.remainingFraction} />{' '}
      <span class="muted">
        {Math.round(budget.remainingMinutes).toLocaleString()} of {Math.round(budget.totalMinutes).toLocaleString()} minutes of full outage left
      </span>
    </p>
  );
}
