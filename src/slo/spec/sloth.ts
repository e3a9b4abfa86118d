import type { Node } from 'yaml';
import type { DocumentResult } from './document-result.js';
import type { DocContext } from './yaml-reader.js';

export const SLOTH_API_VERSION = 'prometheus/v1';
export const SLOTH_KIND = 'PrometheusServiceLevel';

export function parseSlothDocument(_ctx: DocContext, _root: Node): DocumentResult {
  return { services: [], slos: [], composites: [] };
}
