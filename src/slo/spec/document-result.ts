import type { CompositeSlo, Service, Slo } from '../model.js';

/** What one parsed document (or one resolved group of OpenSLO objects) contributes to the config. */
export interface DocumentResult {
  services: Service[];
  slos: Slo[];
  composites: CompositeSlo[];
}

/** The field path of each SLO's name (e.g. `slos[2].name`), so cross-file duplicates can name it. */
export const sloNameFields = new WeakMap<object, string>();
