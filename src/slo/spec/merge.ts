/**
 * Combines per-document results into one SloConfig and runs the checks that need every file:
 * SLO names must be unique across files, and services declared twice are merged.
 */
import type { Diagnostic } from '../../errors/index.js';
import type { Origin, Service, SloConfig } from '../model.js';
import { sloNameFields, type DocumentResult } from './document-result.js';

export function mergeResults(results: readonly DocumentResult[], diagnostics: Diagnostic[]): SloConfig {
  const config: SloConfig = { services: [], slos: [], composites: [] };
  const services = new Map<string, Service>();
  const sloNames = new Map<string, Origin>();
  for (const result of results) {
    for (const service of result.services) mergeService(services, service);
    for (const slo of result.slos) {
      const first = sloNames.get(slo.name) ?? config.composites.find((c) => c.name === slo.name)?.origin;
      if (first) {
        diagnostics.push(duplicate(slo.name, slo.origin, first, sloNameFields.get(slo) ?? 'name'));
        continue;
      }
      sloNames.set(slo.name, slo.origin);
      config.slos.push(slo);
      if (!services.has(slo.service)) {
        // OpenSLO and Sloth SLOs may name a service no document declares; keep it listed.
        services.set(slo.service, { name: slo.service, journeys: [], origin: slo.origin });
      }
    }
    for (const composite of result.composites) {
      const first = sloNames.get(composite.name) ?? config.composites.find((c) => c.name === composite.name)?.origin;
      if (first) {
        diagnostics.push(duplicate(composite.name, composite.origin, first, sloNameFields.get(composite) ?? 'metadata.name'));
        continue;
      }
      config.composites.push(composite);
    }
  }
  config.services = [...services.values()];
  return config;
}

function duplicate(name: string, here: Origin, first: Origin, field: string): Diagnostic {
  return {
    severity: 'error',
    file: here.file,
    line: here.line,
    column: here.column,
    field,
    message: `duplicate SLO name "${name}": also defined at ${first.file}:${first.line}:${first.column}; SLO names must be unique across all files, rename one of them`,
  };
}

function mergeService(services: Map<string, Service>, service: Service): void {
  const existing = services.get(service.name);
  if (!existing) {
    services.set(service.name, { ...service, journeys: [...service.journeys] });
    return;
  }
  existing.owner ??= service.owner;
  existing.tier ??= service.tier;
  existing.description ??= service.description;
  for (const journey of service.journeys) {
    if (!existing.journeys.some((j) => j.name === journey.name)) existing.journeys.push(journey);
  }
}
