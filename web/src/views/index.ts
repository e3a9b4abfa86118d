export { EmptyState } from './empty-state.js';
export { LoginView } from './login.js';
export { NotYetView } from './not-yet.js';
export { OnCallView } from './oncall.js';
export { OverviewView } from './overview.js';
export { PagesView } from './pages.js';
export { SloDetailView } from './slo-detail.js';
