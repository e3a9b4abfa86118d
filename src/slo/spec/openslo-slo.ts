/**
 * OpenSLO `kind: SLO` onto the model. Each objective becomes one model SLO (named after the SLO
 * when there is one objective, `<slo>-<objective displayName or index>` otherwise); objectives
 * that carry their own indicator make a composite SLO whose components are those model SLOs.
 */
import { isMap, type Node } from 'yaml';
import type { AlertPolicy, Budgeting, CompositeSlo, Slo, SloWindow } from '../model.js';
import { DEFAULT_NO_DATA_MINUTES, defaultAlertPolicy, nominalPeriodMinutes } from '../policy.js';
import { checkObjectivePercent, checkSlo, type Anchor } from './checks.js';
import { sloNameFields, type DocumentResult } from './document-result.js';
import { readObject, readRef, readSli, resolveRef, specFields, type ConditionDef, type Meta, type SliDef } from './openslo-objects.js';
import { mapOpenSloSli } from './openslo-sli.js';
import { parseTimeWindow, readOpenSloMinutes } from './openslo-time.js';
import { toFraction } from './sloop-fields.js';
import { didYouMean } from './suggest.js';
import { MapReader, type DocContext } from './yaml-reader.js';

export interface ResolvedPolicy {
  alertWhenNoData: boolean;
  conditions: ConditionDef[];
  runbook?: string;
}

export interface OpenSloRegistry {
  dataSources: Map<string, string>;
  slis: Map<string, SliDef>;
  policies: Map<string, ResolvedPolicy>;
  /** Indicators whose queries were already checked, so shared SLIs report once. */
  checkedSlis: Set<SliDef>;
}

const SLO_FIELDS = ['description', 'service', 'indicator', 'indicatorRef', 'timeWindow', 'budgetingMethod', 'objectives', 'alertPolicies'];
const OBJECTIVE_FIELDS = ['displayName', 'op', 'value', 'target', 'targetPercent', 'timeSliceTarget', 'timeSliceWindow', 'indicator', 'indicatorRef', 'compositeWeight'];
const METHODS = ['Occurrences', 'Timeslices', 'RatioTimeslices'];
const RUNBOOK_HINT = "add a runbook_url annotation to the SLO's metadata.annotations (or to its AlertPolicy's)";

export function buildOpenSlo(ctx: DocContext, meta: Meta, spec: MapReader, reg: OpenSloRegistry, readPolicy: (node: Node, path: string) => ResolvedPolicy | undefined): DocumentResult {
  const result: DocumentResult = { services: [], slos: [], composites: [] };
  specFields(spec, SLO_FIELDS);
  const service = spec.string('service');
  if (service === undefined) spec.require('service', 'name the service this SLO belongs to');
  const window = parseTimeWindow(spec);
  const method = spec.string('budgetingMethod');
  if (method === undefined) spec.require('budgetingMethod', 'Occurrences, Timeslices or RatioTimeslices');
  else if (!METHODS.includes(method)) {
    const hint = didYouMean(method, METHODS);
    ctx.error(spec.node_('budgetingMethod'), spec.field('budgetingMethod'), `unknown budgetingMethod "${method}"; ${hint ? `did you mean "${hint}"? ` : ''}use ${METHODS.join(', ')}`);
  }
  const specSli = readIndicator(ctx, spec, reg);
  const policies: ResolvedPolicy[] = [];
  for (const item of spec.list('alertPolicies')) {
    if (isMap(item.node) && item.node.has('alertPolicyRef')) {
      const r = MapReader.of(ctx, item.node, item.path, ['alertPolicyRef']);
      const ref = r && readRef(r, 'alertPolicyRef');
      const policy = ref && resolveRef(reg.policies, 'AlertPolicy', ref);
      if (policy) policies.push(policy);
    } else {
      const policy = readPolicy(item.node, item.path);
      if (policy) policies.push(policy);
    }
  }
  const objectives = spec.list('objectives');
  if (objectives.length === 0) spec.require('objectives', 'add at least one objective, e.g. objectives: [{target: 0.999}]');
  const composite = objectives.some((o) => isMap(o.node) && (o.node.has('indicator') || o.node.has('indicatorRef')));
  if (composite && specSli !== 'absent') {
    ctx.error(spec.keyNode('indicator') ?? spec.keyNode('indicatorRef'), spec.path, 'indicator is set both here and on objectives; a composite SLO puts one indicator on each objective, a plain SLO one under spec');
    return result;
  }
  if (!composite && specSli === 'absent') {
    ctx.error(spec.node, spec.path, 'missing SLI: set spec.indicator (inline) or spec.indicatorRef (an SLI by name), or an indicator per objective for a composite SLO');
  }
  const components: Array<{ slo: Slo; weight: number }> = [];
  objectives.forEach((item, index) => {
    const o = MapReader.of(ctx, item.node, item.path, OBJECTIVE_FIELDS);
    if (!o) return;
    const sliDef = composite ? readIndicator(ctx, o, reg) : specSli;
    const weight = o.number('compositeWeight') ?? 1;
    if (!(weight > 0)) ctx.error(o.node_('compositeWeight'), o.field('compositeWeight'), `must be above 0; got ${weight}`);
    const percent = readTarget(o);
    const budgeting = method && METHODS.includes(method) ? readBudgeting(o, method) : undefined;
    if (sliDef && sliDef !== 'absent') checkOp(o, sliDef);
    if (service === undefined || window === undefined || percent === undefined || budgeting === undefined || !sliDef || sliDef === 'absent') return;
    const mapped = mapOpenSloSli(sliDef, reg.dataSources);
    if (!mapped) return;
    const suffix = slug(o.string('displayName')) || String(index);
    const name = objectives.length === 1 && !composite ? meta.name : `${meta.name}-${suffix}`;
    const slo: Slo = {
      name,
      service,
      objective: toFraction(percent.value),
      window,
      budgeting,
      sli: mapped.sli,
      alerting: buildPolicy(name, window, policies, meta),
      labels: { ...meta.labels },
      origin: { file: ctx.file, ...ctx.position(meta.nameAnchor.node), format: 'openslo' },
    };
    const displayName = o.string('displayName') ?? meta.displayName;
    if (displayName !== undefined) slo.displayName = displayName;
    const description = spec.string('description');
    if (description !== undefined) slo.description = description;
    const queries = reg.checkedSlis.has(sliDef) ? [] : mapped.queries;
    reg.checkedSlis.add(sliDef);
    const windows = policies.some((p) => p.conditions.length > 0) ? policies.flatMap((p) => p.conditions.map((c): Anchor => ({ ...c.factorAnchor }))) : undefined;
    sloNameFields.set(slo, meta.nameAnchor.field);
    checkSlo(ctx, slo, { objective: percent.anchor, alerting: { ...meta.nameAnchor, field: 'metadata.annotations' }, windows, queries, runbookHint: RUNBOOK_HINT });
    result.slos.push(slo);
    components.push({ slo, weight: weight > 0 ? weight : 1 });
  });
  if (composite && components.length > 0 && window) {
    const total = components.reduce((s, c) => s + c.weight, 0);
    const objective = Number((components.reduce((s, c) => s + c.slo.objective * c.weight, 0) / total).toPrecision(12));
    const c: CompositeSlo = { name: meta.name, objective, window, components: components.map((x) => ({ slo: x.slo.name, weight: x.weight })), origin: { file: ctx.file, ...ctx.position(meta.nameAnchor.node), format: 'openslo' } };
    sloNameFields.set(c, meta.nameAnchor.field);
    result.composites.push(c);
  }
  return result;
}

/** The SLI at `r.indicator` / `r.indicatorRef`; 'absent' when neither is set, undefined when broken. */
function readIndicator(ctx: DocContext, r: MapReader, reg: OpenSloRegistry): SliDef | 'absent' | undefined {
  if (r.has('indicator') && r.has('indicatorRef')) {
    ctx.error(r.keyNode('indicatorRef'), r.field('indicatorRef'), 'set indicator (inline) or indicatorRef (by name), not both');
    return undefined;
  }
  if (r.has('indicatorRef')) {
    const ref = readRef(r, 'indicatorRef');
    return ref && resolveRef(reg.slis, 'SLI', ref);
  }
  if (!r.has('indicator')) return 'absent';
  const obj = readObject(ctx, r.node_('indicator')!, r.field('indicator'), 'SLI');
  return obj && readSli(ctx, obj.spec);
}

/** `target` (a fraction) or `targetPercent`, as a checked percentage. */
function readTarget(o: MapReader): { value: number; anchor: Anchor } | undefined {
  const target = o.number('target');
  const targetPercent = o.number('targetPercent');
  const anchorOf = (key: string): Anchor => ({ node: o.node_(key), field: o.field(key) });
  let percent: number | undefined;
  let anchor: Anchor;
  if (targetPercent !== undefined) {
    percent = targetPercent;
    anchor = anchorOf('targetPercent');
    if (target !== undefined) {
      const same = Math.abs(target * 100 - targetPercent) < 1e-9;
      if (same) o.ctx.warn(o.keyNode('target'), o.field('target'), 'target and targetPercent are mutually exclusive in OpenSLO; they agree here, so keep only one');
      else {
        o.ctx.error(o.keyNode('target'), o.field('target'), `target (${target}) and targetPercent (${targetPercent}) disagree; keep only one`);
        return undefined;
      }
    }
  } else if (target !== undefined) {
    anchor = anchorOf('target');
    if (target > 1 && target < 100) {
      o.ctx.warn(o.node_('target'), o.field('target'), `target is a fraction in OpenSLO (0.999 for 99.9%); ${target} is read as a percentage: write targetPercent: ${target} or target: ${toFraction(target)}`);
      percent = target;
    } else percent = target * 100;
  } else {
    if (!o.has('target') && !o.has('targetPercent')) o.require('target', 'the objective as a fraction, e.g. target: 0.999 (or targetPercent: 99.9)');
    return undefined;
  }
  return checkObjectivePercent(o.ctx, anchor, Number(percent.toPrecision(12))) ? { value: Number(percent.toPrecision(12)), anchor } : undefined;
}

function readBudgeting(o: MapReader, method: string): Budgeting | undefined {
  if (method === 'Occurrences') return { method: 'occurrences' };
  const sliceMinutes = readOpenSloMinutes(o, 'timeSliceWindow');
  if (!o.has('timeSliceWindow')) o.require('timeSliceWindow', `${method} budgeting needs the slice length, e.g. timeSliceWindow: 5m`);
  if (method === 'RatioTimeslices') return sliceMinutes === undefined ? undefined : { method: 'ratioTimeslices', sliceMinutes };
  const sliceTarget = o.number('timeSliceTarget');
  if (sliceTarget === undefined) {
    if (!o.has('timeSliceTarget')) o.require('timeSliceTarget', 'Timeslices budgeting needs the ratio a slice must meet, e.g. timeSliceTarget: 0.95');
    return undefined;
  }
  if (!(sliceTarget > 0 && sliceTarget <= 1)) {
    o.ctx.error(o.node_('timeSliceTarget'), o.field('timeSliceTarget'), `must be a fraction above 0 and at most 1, e.g. 0.95; got ${sliceTarget}`);
    return undefined;
  }
  return sliceMinutes === undefined ? undefined : { method: 'timeslices', sliceMinutes, sliceTarget };
}

/** op/value belong to threshold metrics; the spec's own ratio examples carry `op`, accepted with a warning. */
function checkOp(o: MapReader, sli: SliDef): void {
  if (sli.ratio) {
    for (const key of ['op', 'value']) {
      if (o.has(key)) o.ctx.warn(o.keyNode(key), o.field(key), `${key} applies to thresholdMetric SLIs only and is ignored for this ratioMetric; remove it`);
    }
    return;
  }
  const op = o.string('op');
  if (op === undefined) o.require('op', 'a thresholdMetric objective needs op (lt, lte, gt, gte) and value');
  else if (!['lt', 'lte', 'gt', 'gte'].includes(op)) o.ctx.error(o.node_('op'), o.field('op'), `must be lt, lte, gt or gte; got "${op}"`);
  if (o.number('value') === undefined && !o.has('value')) o.require('value', 'the threshold the metric is compared with, e.g. value: 500');
}

function buildPolicy(name: string, window: SloWindow, policies: ResolvedPolicy[], meta: Meta): AlertPolicy {
  const policy = defaultAlertPolicy(name, window);
  const sloRunbook = meta.annotations.runbook_url ?? meta.annotations.runbook;
  if (sloRunbook) policy.runbooks.default = sloRunbook;
  if (policies.length === 0) return policy;
  policy.noDataMinutes = policies.some((p) => p.alertWhenNoData) ? DEFAULT_NO_DATA_MINUTES : null;
  const conditions = policies.flatMap((p) => p.conditions.map((c) => ({ c, runbook: c.runbook ?? p.runbook })));
  if (conditions.length === 0) return policy;
  const period = nominalPeriodMinutes(window);
  policy.windows = conditions.map(({ c }) => ({
    severity: c.severity,
    longMinutes: c.longMinutes,
    shortMinutes: Math.max(1, Math.round(c.longMinutes / 12)),
    factor: c.factor,
    budgetPercent: Number(((c.factor * c.longMinutes * 100) / period).toPrecision(12)),
  }));
  for (const { c, runbook } of conditions) if (runbook && !policy.runbooks[c.severity]) policy.runbooks[c.severity] = runbook;
  return policy;
}

function slug(text: string | undefined): string {
  return (text ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}
