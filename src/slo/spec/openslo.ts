/**
 * OpenSLO v1 (all seven kinds). Objects are collected from every loaded file first, then
 * resolved together, because references (indicatorRef, alertPolicyRef, conditionRef, targetRef,
 * metricSourceRef) may point into other files.
 */
import type { Node, YAMLMap } from 'yaml';
import type { Service } from '../model.js';
import type { DocumentResult } from './document-result.js';
import { readCondition, readObject, readPolicy, readSli, readTarget, resolveRef, specFields, type ConditionDef, type Meta, type PolicyDef } from './openslo-objects.js';
import { buildOpenSlo, type OpenSloRegistry, type ResolvedPolicy } from './openslo-slo.js';
import type { DocContext } from './yaml-reader.js';
import type { MapReader } from './yaml-reader.js';

export const OPENSLO_API_VERSION = 'openslo/v1';
export const OPENSLO_KINDS = ['SLO', 'SLI', 'DataSource', 'Service', 'AlertPolicy', 'AlertCondition', 'AlertNotificationTarget'] as const;
export type OpenSloKind = (typeof OPENSLO_KINDS)[number];

export interface OpenSloObject {
  ctx: DocContext;
  root: YAMLMap;
  kind: OpenSloKind;
}

interface Declared {
  ctx: DocContext;
  meta: Meta;
  spec: MapReader;
}

export function resolveOpenSlo(objects: readonly OpenSloObject[]): DocumentResult {
  const result: DocumentResult = { services: [], slos: [], composites: [] };
  const byKind = indexObjects(objects);
  const conditions = new Map<string, ConditionDef>();
  const targets = new Map<string, true>();
  const reg: OpenSloRegistry = { dataSources: new Map(), slis: new Map(), policies: new Map(), checkedSlis: new Set() };

  for (const { ctx, meta, spec } of byKind.get('Service')!.values()) {
    specFields(spec, ['description']);
    const service: Service = { name: meta.name, journeys: [], origin: { file: ctx.file, ...ctx.position(meta.nameAnchor.node), format: 'openslo' } };
    const description = spec.string('description');
    if (description !== undefined) service.description = description;
    result.services.push(service);
  }
  for (const { meta, spec } of byKind.get('DataSource')!.values()) {
    specFields(spec, ['description', 'type', 'connectionDetails']);
    const type = spec.string('type');
    if (type === undefined) spec.require('type', 'e.g. type: Prometheus');
    else reg.dataSources.set(meta.name, type);
  }
  for (const { ctx, meta, spec } of byKind.get('SLI')!.values()) {
    const sli = readSli(ctx, spec);
    if (sli) reg.slis.set(meta.name, sli);
  }
  for (const { meta, spec } of byKind.get('AlertCondition')!.values()) {
    const condition = readCondition(meta, spec);
    if (condition) conditions.set(meta.name, condition);
  }
  for (const { meta, spec } of byKind.get('AlertNotificationTarget')!.values()) {
    if (readTarget(spec)) targets.set(meta.name, true);
  }
  const resolvePolicy = (def: PolicyDef): ResolvedPolicy => {
    const resolved: ResolvedPolicy = { alertWhenNoData: def.alertWhenNoData, conditions: [] };
    const runbook = def.meta.annotations.runbook_url ?? def.meta.annotations.runbook;
    if (runbook) resolved.runbook = runbook;
    for (const c of def.conditions) {
      const condition = 'name' in c ? resolveRef(conditions, 'AlertCondition', c) : c;
      if (condition) resolved.conditions.push(condition);
    }
    for (const t of def.targets) resolveRef(targets, 'AlertNotificationTarget', t);
    return resolved;
  };
  for (const { ctx, meta, spec } of byKind.get('AlertPolicy')!.values()) {
    const def = readPolicy(ctx, meta, spec);
    reg.policies.set(meta.name, resolvePolicy(def));
  }
  for (const { ctx, meta, spec } of byKind.get('SLO')!.values()) {
    const inlinePolicy = (node: Node, path: string): ResolvedPolicy | undefined => {
      const obj = readObject(ctx, node, path, 'AlertPolicy');
      return obj && resolvePolicy(readPolicy(ctx, obj.meta, obj.spec));
    };
    const built = buildOpenSlo(ctx, meta, spec, reg, inlinePolicy);
    result.slos.push(...built.slos);
    result.composites.push(...built.composites);
  }
  return result;
}

/** Reads every object's metadata; a name used twice within one kind is an error naming both places. */
function indexObjects(objects: readonly OpenSloObject[]): Map<OpenSloKind, Map<string, Declared>> {
  const byKind = new Map<OpenSloKind, Map<string, Declared>>(OPENSLO_KINDS.map((k) => [k, new Map()]));
  for (const obj of objects) {
    const read = readObject(obj.ctx, obj.root, '', obj.kind);
    if (!read) continue;
    const names = byKind.get(obj.kind)!;
    const first = names.get(read.meta.name);
    if (first) {
      const at = first.ctx.position(first.meta.nameAnchor.node);
      obj.ctx.error(read.meta.nameAnchor.node, read.meta.nameAnchor.field, `duplicate ${obj.kind} name "${read.meta.name}": also defined at ${first.ctx.file}:${at.line}:${at.column}; rename one of them`);
      continue;
    }
    names.set(read.meta.name, { ctx: obj.ctx, ...read });
  }
  return byKind;
}
