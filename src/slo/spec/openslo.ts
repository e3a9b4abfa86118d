import type { YAMLMap } from 'yaml';
import type { DocumentResult } from './document-result.js';
import type { DocContext } from './yaml-reader.js';

export const OPENSLO_API_VERSION = 'openslo/v1';
export const OPENSLO_KINDS = ['SLO', 'SLI', 'DataSource', 'Service', 'AlertPolicy', 'AlertCondition', 'AlertNotificationTarget'] as const;

export interface OpenSloObject {
  ctx: DocContext;
  root: YAMLMap;
  kind: (typeof OPENSLO_KINDS)[number];
}

export function resolveOpenSlo(_objects: readonly OpenSloObject[]): DocumentResult {
  return { services: [], slos: [], composites: [] };
}
