/**
 * Status page configuration (`kind: StatusPage`) as plain data. Without a document, every
 * service in the SLO config becomes one component carrying its SLOs, so the page works on a
 * fresh install.
 */
import type { SloConfig } from '../slo/model.js';

export interface StatusComponent {
  id: string;
  name: string;
  /** Components with the same group are shown together; null for ungrouped. */
  group: string | null;
  /** Public description shown under the name. */
  description: string;
  /** An incident affects the component when it names one of these services, journeys or SLOs. */
  services: string[];
  journeys: string[];
  /** SLOs whose daily SLI draws the uptime bars. */
  slos: string[];
}

export interface StatusPageConfig {
  title: string;
  /** Absolute URL the page is served at (for feed ids and links); null to use relative links. */
  publicUrl: string | null;
  /** Share of components in major outage at which the whole page shows a major outage (Cachet's rule). */
  majorOutageThreshold: number;
  uptimeDays: number;
  /** Resolved incidents stay listed this many days. */
  historyDays: number;
  components: StatusComponent[];
}

export const DEFAULT_STATUS_PAGE: Omit<StatusPageConfig, 'components'> = {
  title: 'Service status',
  publicUrl: null,
  majorOutageThreshold: 0.25,
  uptimeDays: 90,
  historyDays: 14,
};

/** One component per service, grouped by nothing, described by the service description. */
export function defaultComponents(slos: Pick<SloConfig, 'services' | 'slos'>): StatusComponent[] {
  const names = new Set([...slos.services.map((s) => s.name), ...slos.slos.map((s) => s.service)]);
  return [...names].sort().map((name) => {
    const service = slos.services.find((s) => s.name === name);
    return {
      id: name,
      name,
      group: null,
      description: service?.description ?? '',
      services: [name],
      journeys: [],
      slos: slos.slos.filter((s) => s.service === name).map((s) => s.name),
    };
  });
}

export function defaultStatusPageConfig(slos: Pick<SloConfig, 'services' | 'slos'>): StatusPageConfig {
  return { ...DEFAULT_STATUS_PAGE, components: defaultComponents(slos) };
}
