/**
 * The overview's data shaping: filter, group by service then journey, sort by budget. Pure and
 * linear-ish in the number of SLOs, so 1,000 SLOs re-sort within a frame.
 */
import type { CompositeSummary, SloListEntry } from '../api/types.js';

/** Rows are plain SLOs or composites (`composite: true`, evaluated from their components). */
type SloSummary = SloListEntry;

/** The service section composites without a service (no configured component) are shown in. */
export const COMPOSITES_GROUP = 'Composites';

export function isComposite(slo: SloListEntry): slo is CompositeSummary {
  return 'composite' in slo && slo.composite;
}

/** Budget remaining for sorting: a composite without data sorts like an untouched budget. */
export function remainingOf(slo: SloListEntry): number {
  return slo.budget?.remainingFraction ?? 1;
}

function serviceOf(slo: SloListEntry): string {
  return slo.service ?? COMPOSITES_GROUP;
}

export type OverviewFilter = 'all' | 'burning' | 'exhausted' | 'paging';
export type OverviewSort = 'budget-asc' | 'budget-desc' | 'name';

export const FILTERS: ReadonlyArray<{ value: OverviewFilter; label: string }> = [
  { value: 'all', label: 'All' },
  { value: 'burning', label: 'Burning' },
  { value: 'exhausted', label: 'Exhausted' },
  { value: 'paging', label: 'Paging' },
];

/** The "current" burn rate: over 1 hour when the policy has that window, else the shortest one with events. */
export function currentBurn(slo: Pick<SloSummary, 'burnRates'>): { window: string; burnRate: number } | null {
  const withData = slo.burnRates.filter((b) => b.total > 0);
  const pick = withData.find((b) => b.minutes === 60) ?? withData[0];
  return pick ? { window: pick.window, burnRate: pick.burnRate } : null;
}

export function isExhausted(slo: SloSummary): boolean {
  return (slo.budget !== null && slo.budget.remainingFraction <= 0) || slo.status === 'exhausted';
}

/** Spending budget faster than the window allows, or an alert already says so. */
export function isBurning(slo: SloSummary): boolean {
  return slo.status === 'page' || slo.status === 'ticket' || (currentBurn(slo)?.burnRate ?? 0) > 1;
}

export function matchesFilter(slo: SloSummary, filter: OverviewFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'burning':
      return isBurning(slo);
    case 'exhausted':
      return isExhausted(slo);
    case 'paging':
      return slo.alerts.some((a) => a.kind === 'page' && a.firing);
  }
}

export interface JourneyGroup {
  journey: string | null;
  slos: SloSummary[];
}

export interface ServiceGroup {
  service: string;
  journeys: JourneyGroup[];
  /** Lowest budget remaining among the group's shown SLOs (groups sort by it too). */
  worstBudget: number;
  count: number;
}

function compareSlos(sort: OverviewSort): (a: SloSummary, b: SloSummary) => number {
  const byName = (a: SloSummary, b: SloSummary): number => a.name.localeCompare(b.name);
  if (sort === 'name') return byName;
  const sign = sort === 'budget-asc' ? 1 : -1;
  return (a, b) => sign * (remainingOf(a) - remainingOf(b)) || byName(a, b);
}

export function groupSlos(slos: readonly SloSummary[], filter: OverviewFilter, sort: OverviewSort): ServiceGroup[] {
  const services = new Map<string, Map<string | null, SloSummary[]>>();
  for (const slo of slos) {
    if (!matchesFilter(slo, filter)) continue;
    const service = serviceOf(slo);
    let journeys = services.get(service);
    if (!journeys) services.set(service, (journeys = new Map()));
    const key = isComposite(slo) ? null : (slo.journey ?? null);
    const list = journeys.get(key);
    if (list) list.push(slo);
    else journeys.set(key, [slo]);
  }
  const compare = compareSlos(sort);
  const groups: ServiceGroup[] = [...services].map(([service, journeys]) => {
    const journeyGroups = [...journeys].map(([journey, list]) => ({ journey, slos: list.sort(compare) }));
    const worst = (g: JourneyGroup): number => Math.min(...g.slos.map(remainingOf));
    const sign = sort === 'budget-desc' ? -1 : 1;
    journeyGroups.sort((a, b) => (sort === 'name' ? 0 : sign * (worst(a) - worst(b))) || (a.journey ?? '~').localeCompare(b.journey ?? '~'));
    return {
      service,
      journeys: journeyGroups,
      worstBudget: Math.min(...journeyGroups.map(worst)),
      count: journeyGroups.reduce((n, g) => n + g.slos.length, 0),
    };
  });
  const sign = sort === 'budget-desc' ? -1 : 1;
  return groups.sort((a, b) => (sort === 'name' ? 0 : sign * (a.worstBudget - b.worstBudget)) || a.service.localeCompare(b.service));
}
