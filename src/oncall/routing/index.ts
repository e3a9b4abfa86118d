export type { Route } from './model.js';
export { routeAlert, matchesRoute } from './route.js';
export { groupingKey, type GroupingInput } from './grouping-key.js';
