/**
 * The active incidents config (`kind: Incidents`), chained into the server's config loader
 * like the on-call config: its diagnostics join the load's, and it changes only when the whole
 * load is valid, so an invalid reload keeps the previous config. No document: the defaults.
 */
import { hasErrors, type Diagnostic } from '../../errors/index.js';
import type { LoadedDocument } from '../../slo/spec/index.js';
import { defaultIncidentsConfig, type IncidentsConfig } from '../config.js';
import { incidentsConfigFromDocuments } from '../parse-config.js';

export class IncidentsConfigCell {
  #config: IncidentsConfig = defaultIncidentsConfig();

  absorb<T extends { diagnostics: Diagnostic[]; documents?: readonly LoadedDocument[] }>(load: T): T {
    const parsed = incidentsConfigFromDocuments(load.documents ?? []);
    const diagnostics = [...load.diagnostics, ...parsed.diagnostics];
    if (!hasErrors(diagnostics)) this.#config = parsed.config;
    return { ...load, diagnostics };
  }

  get config(): IncidentsConfig {
    return this.#config;
  }
}
