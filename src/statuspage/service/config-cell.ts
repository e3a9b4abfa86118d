/**
 * Holds the active status page configuration (`kind: StatusPage`, or one component per
 * service) and the incident severities that map incidents to component impact. Chained into
 * the server's config loader: a StatusPage document with errors blocks the reload like any
 * other config error, and the previous page stays up.
 */
import { hasErrors, type Diagnostic } from '../../errors/index.js';
import { defaultIncidentsConfig, type SeverityLevel } from '../../incidents/config.js';
import { incidentsConfigFromDocuments } from '../../incidents/parse-config.js';
import type { SloConfig } from '../../slo/model.js';
import type { LoadedDocument } from '../../slo/spec/load.js';
import { defaultStatusPageConfig, type StatusPageConfig } from '../config.js';
import { statusPageConfigFromDocuments } from '../parse-config.js';

export interface ActiveStatusConfig {
  page: StatusPageConfig;
  severities: readonly SeverityLevel[];
  /** Objective (fraction) of each SLO, for the uptime bar levels. */
  objectives: ReadonlyMap<string, number>;
}

export class StatusPageConfigCell {
  #active: ActiveStatusConfig = { page: defaultStatusPageConfig({ services: [], slos: [] }), severities: defaultIncidentsConfig().severities, objectives: new Map() };
  #generation = 0;

  absorb<T extends { config: SloConfig; diagnostics: Diagnostic[]; documents?: readonly LoadedDocument[] }>(load: T): T {
    const documents = load.documents ?? [];
    const page = statusPageConfigFromDocuments(documents, load.config);
    const diagnostics = [...load.diagnostics, ...page.diagnostics];
    if (!hasErrors(diagnostics)) {
      // Incidents documents are reported by their own loader; a broken one keeps the default rubric here.
      const incidents = incidentsConfigFromDocuments(documents);
      this.#active = {
        page: page.config,
        severities: hasErrors(incidents.diagnostics) ? defaultIncidentsConfig().severities : incidents.config.severities,
        objectives: new Map(load.config.slos.map((s) => [s.name, s.objective])),
      };
      this.#generation += 1;
    }
    return { ...load, diagnostics };
  }

  get active(): ActiveStatusConfig {
    return this.#active;
  }

  /** Changes whenever a new config was absorbed, so caches keyed on it can drop stale pages. */
  get generation(): number {
    return this.#generation;
  }
}
