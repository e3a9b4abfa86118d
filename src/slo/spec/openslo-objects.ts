/**
 * OpenSLO v1 objects other than SLO: Service, DataSource, SLI, AlertPolicy, AlertCondition and
 * AlertNotificationTarget. Each is read into a small definition that keeps its YAML nodes, so
 * references resolved later (indicatorRef, conditionRef, ...) still report at the right place.
 */
import { isMap, type Node } from 'yaml';
import type { AlertSeverity } from '../model.js';
import type { Anchor } from './checks.js';
import { readOpenSloMinutes } from './openslo-time.js';
import { checkName } from './sloop-fields.js';
import { didYouMean } from './suggest.js';
import { MapReader, type DocContext } from './yaml-reader.js';

export interface Meta {
  name: string;
  displayName?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  nameAnchor: Anchor;
}

export interface Ref {
  name: string;
  ctx: DocContext;
  anchor: Anchor;
}

export interface MetricSourceDef {
  type?: string;
  ref?: Ref;
  /** The metric source's free-form `spec`, read as a mapping of any fields. */
  spec?: MapReader;
  anchor: Anchor;
}

export interface SliDef {
  ctx: DocContext;
  description?: string;
  ratio?: {
    counter: boolean;
    good?: MetricSourceDef;
    bad?: MetricSourceDef;
    total?: MetricSourceDef;
    raw?: MetricSourceDef;
    rawType?: 'success' | 'failure';
  };
  threshold?: MetricSourceDef;
  /** The SLI's spec as plain data, kept for non-Prometheus sources. */
  json: unknown;
  anchor: Anchor;
}

export interface ConditionDef {
  severity: AlertSeverity;
  factor: number;
  longMinutes: number;
  factorAnchor: Anchor;
  runbook?: string;
}

export interface PolicyDef {
  meta: Meta;
  alertWhenNoData: boolean;
  conditions: Array<ConditionDef | Ref>;
  targets: Ref[];
}

/** Reads `{apiVersion?, kind?, metadata, spec}`; `inline` objects (inside an SLO or policy) may omit apiVersion. */
export function readObject(ctx: DocContext, node: Node, path: string, kind: string): { meta: Meta; spec: MapReader } | undefined {
  const top = MapReader.of(ctx, node, path, ['apiVersion', 'kind', 'metadata', 'spec'], `an inline ${kind} {metadata, spec}`);
  if (!top) return undefined;
  const declared = top.string('kind');
  if (declared !== undefined && declared !== kind) ctx.error(top.node_('kind'), top.field('kind'), `expected kind ${kind} here; got "${declared}"`);
  const m = top.map('metadata', ['name', 'displayName', 'labels', 'annotations', 'namespace']);
  if (!m) top.require('metadata', 'add metadata: {name: ...}');
  const name = m?.string('name');
  if (m && name === undefined) m.require('name', 'e.g. name: checkout-availability');
  const spec = MapReader.open(ctx, top.node_('spec'), top.field('spec'));
  if (!top.has('spec')) top.require('spec', 'add the object\'s spec');
  if (!m || name === undefined || !checkName(ctx, m.node_('name'), m.field('name'), name) || !spec) return undefined;
  const meta: Meta = { name, labels: m.stringMap('labels'), annotations: m.stringMap('annotations'), nameAnchor: { node: m.node_('name'), field: m.field('name') } };
  const displayName = m.string('displayName');
  if (displayName !== undefined) meta.displayName = displayName;
  return { meta, spec };
}

/** Specs are read open (any key), then each kind checks its own field list here. */
export function specFields(spec: MapReader, allowed: readonly string[]): void {
  for (const key of spec.keys()) {
    if (allowed.includes(key)) continue;
    const hint = didYouMean(key, allowed);
    spec.ctx.error(spec.keyNode(key), spec.field(key), `unknown field; ${hint ? `did you mean "${hint}"?` : `allowed fields: ${allowed.join(', ')}`}`);
  }
}

export function readRef(r: MapReader, key: string): Ref | undefined {
  const name = r.string(key);
  return name === undefined ? undefined : { name, ctx: r.ctx, anchor: { node: r.node_(key), field: r.field(key) } };
}

export function resolveRef<T>(registry: ReadonlyMap<string, T>, kind: string, ref: Ref): T | undefined {
  const hit = registry.get(ref.name);
  if (hit !== undefined) return hit;
  const hint = didYouMean(ref.name, [...registry.keys()]);
  ref.ctx.error(
    ref.anchor.node,
    ref.anchor.field,
    `unresolved reference: no ${kind} named "${ref.name}" in the loaded files; ${hint ? `did you mean "${hint}"?` : `define one (kind: ${kind}, metadata.name: ${ref.name}) or load the file that has it`}`,
  );
  return undefined;
}

function readMetric(parent: MapReader, key: string): MetricSourceDef | undefined {
  const m = parent.map(key, ['metricSource']);
  if (!m) return undefined;
  const ms = m.map('metricSource', ['metricSourceRef', 'type', 'spec']);
  if (!ms) {
    m.require('metricSource', 'add metricSource: {type: Prometheus, spec: {query: ...}}');
    return undefined;
  }
  const type = ms.string('type');
  const ref = readRef(ms, 'metricSourceRef');
  if (type === undefined && ref === undefined) ms.require('type', 'name the data source type (e.g. Prometheus) or set metricSourceRef to a DataSource');
  const def: MetricSourceDef = { anchor: { node: ms.node, field: ms.path } };
  if (type !== undefined) def.type = type;
  if (ref) def.ref = ref;
  const spec = MapReader.open(ms.ctx, ms.node_('spec'), ms.field('spec'));
  if (spec) def.spec = spec;
  return def;
}

export function readSli(ctx: DocContext, spec: MapReader): SliDef | undefined {
  specFields(spec, ['description', 'ratioMetric', 'thresholdMetric']);
  const def: SliDef = { ctx, json: spec.node.toJSON(), anchor: { node: spec.node, field: spec.path } };
  const description = spec.string('description');
  if (description !== undefined) def.description = description;
  const hasRatio = spec.has('ratioMetric');
  if (hasRatio === spec.has('thresholdMetric')) {
    ctx.error(spec.node, spec.path, hasRatio ? 'set ratioMetric or thresholdMetric, not both' : 'missing SLI metric: add ratioMetric (good or bad, and total) or thresholdMetric');
    return undefined;
  }
  if (!hasRatio) {
    const threshold = readMetric(spec, 'thresholdMetric');
    return threshold ? { ...def, threshold } : undefined;
  }
  const r = spec.map('ratioMetric', ['counter', 'good', 'bad', 'total', 'rawType', 'raw']);
  if (!r) return undefined;
  const ratio: NonNullable<SliDef['ratio']> = { counter: r.boolean('counter') ?? true };
  if (r.has('raw')) {
    for (const k of ['good', 'bad', 'total']) if (r.has(k)) ctx.error(r.keyNode(k), r.field(k), 'raw cannot be combined with good, bad or total; use one form');
    const rawType = r.string('rawType');
    if (rawType !== 'success' && rawType !== 'failure') {
      if (rawType === undefined) r.require('rawType', 'set success (the query is the good ratio) or failure (the error ratio)');
      else ctx.error(r.node_('rawType'), r.field('rawType'), `must be success or failure; got "${rawType}"`);
      return undefined;
    }
    ratio.rawType = rawType;
    ratio.raw = readMetric(r, 'raw');
    return ratio.raw ? { ...def, ratio } : undefined;
  }
  if (r.has('good') && r.has('bad')) {
    ctx.error(r.keyNode('bad'), r.field('bad'), 'set good or bad, not both');
    return undefined;
  }
  if (!r.has('good') && !r.has('bad')) r.require('good', 'add good (or bad) next to total');
  if (!r.has('total')) r.require('total', 'add total: the metric that counts all events');
  ratio.good = readMetric(r, 'good');
  ratio.bad = readMetric(r, 'bad');
  ratio.total = readMetric(r, 'total');
  if (!(ratio.good ?? ratio.bad) || !ratio.total) return undefined;
  return { ...def, ratio };
}

const PAGE_SEVERITY = /page|crit|high|urgent|emergency|p1|sev-?1/i;

export function readCondition(meta: Meta, spec: MapReader): ConditionDef | undefined {
  specFields(spec, ['description', 'severity', 'condition']);
  const severityText = spec.text('severity');
  if (severityText === undefined) spec.require('severity', 'e.g. severity: page (page, critical or high page; anything else opens a ticket)');
  const c = spec.map('condition', ['kind', 'op', 'threshold', 'lookbackWindow', 'alertAfter']);
  if (!c) {
    spec.require('condition', 'e.g. condition: {kind: burnrate, op: gt, threshold: 14.4, lookbackWindow: 1h}');
    return undefined;
  }
  const kind = c.string('kind');
  if (kind !== undefined && kind !== 'burnrate') c.ctx.error(c.node_('kind'), c.field('kind'), `unknown condition kind "${kind}"; OpenSLO v1 defines burnrate`);
  const op = c.string('op');
  if (op !== undefined && !['gt', 'gte', 'lt', 'lte'].includes(op)) c.ctx.error(c.node_('op'), c.field('op'), `must be gt, gte, lt or lte; got "${op}"`);
  else if (op === 'lt' || op === 'lte') c.ctx.warn(c.node_('op'), c.field('op'), `ignored: sloop alerts when the burn rate exceeds the threshold; write op: gt`);
  const factor = c.number('threshold');
  if (factor === undefined) c.require('threshold', 'the burn rate that triggers the alert, e.g. threshold: 14.4');
  else if (!(factor > 0)) c.ctx.error(c.node_('threshold'), c.field('threshold'), `must be a burn rate above 0, e.g. 14.4; got ${factor}`);
  const longMinutes = readOpenSloMinutes(c, 'lookbackWindow');
  if (!c.has('lookbackWindow')) c.require('lookbackWindow', 'e.g. lookbackWindow: 1h');
  if (severityText === undefined || factor === undefined || !(factor > 0) || longMinutes === undefined || (kind ?? 'burnrate') !== 'burnrate') return undefined;
  const def: ConditionDef = {
    severity: PAGE_SEVERITY.test(severityText) ? 'page' : 'ticket',
    factor,
    longMinutes,
    factorAnchor: { node: c.node_('threshold'), field: c.field('threshold'), ctx: c.ctx },
  };
  const runbook = meta.annotations.runbook_url ?? meta.annotations.runbook;
  if (runbook) def.runbook = runbook;
  return def;
}

export function readTarget(spec: MapReader): boolean {
  specFields(spec, ['description', 'target']);
  if (spec.text('target') === undefined) return spec.require('target', 'e.g. target: email');
  return true;
}

export function readPolicy(ctx: DocContext, meta: Meta, spec: MapReader): PolicyDef {
  specFields(spec, ['description', 'alertWhenNoData', 'alertWhenResolved', 'alertWhenBreaching', 'conditions', 'notificationTargets']);
  spec.boolean('alertWhenResolved');
  spec.boolean('alertWhenBreaching');
  const def: PolicyDef = { meta, alertWhenNoData: spec.boolean('alertWhenNoData') ?? false, conditions: [], targets: [] };
  if (!spec.has('conditions')) spec.require('conditions', 'add one condition (inline AlertCondition or conditionRef)');
  for (const item of spec.list('conditions')) {
    if (isMap(item.node) && item.node.has('conditionRef')) {
      const only = MapReader.of(ctx, item.node, item.path, ['conditionRef']);
      const ref = only && readRef(only, 'conditionRef');
      if (ref) def.conditions.push(ref);
      continue;
    }
    const obj = readObject(ctx, item.node, item.path, 'AlertCondition');
    const condition = obj && readCondition(obj.meta, obj.spec);
    if (condition) def.conditions.push(condition);
  }
  for (const item of spec.list('notificationTargets')) {
    if (isMap(item.node) && item.node.has('targetRef')) {
      const only = MapReader.of(ctx, item.node, item.path, ['targetRef']);
      const ref = only && readRef(only, 'targetRef');
      if (ref) def.targets.push(ref);
      continue;
    }
    const obj = readObject(ctx, item.node, item.path, 'AlertNotificationTarget');
    if (obj) readTarget(obj.spec);
  }
  return def;
}
