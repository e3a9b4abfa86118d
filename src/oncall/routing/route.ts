/** Label-based routing: the first non-default route whose labels all match wins, else the default. */
import type { Route } from './model.js';

export function matchesRoute(route: Route, labels: Readonly<Record<string, string>>): boolean {
  return Object.entries(route.match).every(([label, accepted]) => label in labels && accepted.includes(labels[label]));
}

/** The route an alert with `labels` takes, or null when nothing matches and there is no default. */
export function routeAlert(labels: Readonly<Record<string, string>>, routes: readonly Route[]): Route | null {
  return routes.find((route) => !route.isDefault && matchesRoute(route, labels)) ?? routes.find((route) => route.isDefault) ?? null;
}
