import type { CompositeSlo, Service, Slo } from '../model.js';

/** What one parsed document (or one resolved group of OpenSLO objects) contributes to the config. */
export interface DocumentResult {
  services: Service[];
  slos: Slo[];
  composites: CompositeSlo[];
}
