export { BudgetBar, budgetTone } from './budget-bar.js';
export { BurndownChart } from './burndown-chart.js';
export { GateBadge, StatusBadge } from './status-badge.js';
export { RelativeTime } from './time.js';
