/**
 * sloop/v1 documents: one service, its journeys and SLOs. Everything but `service` and each
 * SLO's `name` and `objective` has a default, so the first SLO is five lines.
 */
import { isScalar, type Node } from 'yaml';
import type { Budgeting, Journey, Service, Slo, SloWindow } from '../model.js';
import { checkObjectivePercent, checkSlo } from './checks.js';
import { sloNameFields, type DocumentResult } from './document-result.js';
import { buildAlertPolicy, parseAlerting, type AlertOverrides } from './sloop-alerting.js';
import { checkName, parseBudgeting, parseWindow, toFraction } from './sloop-fields.js';
import { parseSloopSli } from './sloop-sli.js';
import { didYouMean } from './suggest.js';
import { MapReader, type DocContext } from './yaml-reader.js';

const TOP_FIELDS = ['apiVersion', 'kind', 'service', 'journeys', 'defaults', 'slos'];
const SLO_FIELDS = ['name', 'displayName', 'description', 'journey', 'objective', 'window', 'budgeting', 'sli', 'alerting', 'labels'];
const DEFAULT_WINDOW: SloWindow = { type: 'rolling', minutes: 28 * 24 * 60 };
const RUNBOOK_HINT = 'add alerting: {runbook: https://...} to the SLO, or to the defaults block for every SLO in the file';

interface FileDefaults {
  window?: SloWindow;
  budgeting?: Budgeting;
  alerting: AlertOverrides;
  labels: Record<string, string>;
}

export function parseSloopDocument(ctx: DocContext, root: Node): DocumentResult {
  const result: DocumentResult = { services: [], slos: [], composites: [] };
  const r = MapReader.of(ctx, root, '', TOP_FIELDS);
  if (!r) return result;
  const service = parseService(r);
  const defaults = parseDefaults(r);
  if (service) result.services.push(service);
  if (!r.has('slos')) r.require('slos', 'list your SLOs, e.g. slos: [{name: checkout-availability, objective: 99.9}]');
  for (const item of r.list('slos')) {
    const slo = parseSlo(ctx, item.node, item.path, service, defaults);
    if (slo) result.slos.push(slo);
  }
  return result;
}

function parseService(r: MapReader): Service | undefined {
  const origin = { file: r.ctx.file, ...r.ctx.position(r.node_('service') ?? r.node), format: 'sloop' as const };
  const journeys = parseJourneys(r);
  if (!r.has('service')) {
    r.require('service', 'name the service these SLOs belong to, e.g. service: checkout');
    return undefined;
  }
  const node = r.node_('service');
  if (isScalar(node) && typeof node.value === 'string') {
    const name = r.string('service')!;
    return checkName(r.ctx, node, r.field('service'), name) ? { name, journeys, origin } : undefined;
  }
  const s = r.map('service', ['name', 'owner', 'tier', 'description'], 'a service name or {name, owner, tier, description}');
  if (!s) return undefined;
  const name = s.string('name');
  if (name === undefined) {
    s.require('name', 'e.g. name: checkout');
    return undefined;
  }
  if (!checkName(s.ctx, s.node_('name'), s.field('name'), name)) return undefined;
  const service: Service = { name, journeys, origin };
  const owner = s.text('owner');
  const tier = s.text('tier');
  const description = s.string('description');
  if (owner !== undefined) service.owner = owner;
  if (tier !== undefined) service.tier = tier;
  if (description !== undefined) service.description = description;
  return service;
}

function parseJourneys(r: MapReader): Journey[] {
  const journeys: Journey[] = [];
  for (const item of r.list('journeys')) {
    const j = MapReader.of(r.ctx, item.node, item.path, ['name', 'description']);
    const name = j?.string('name');
    if (!j) continue;
    if (name === undefined) {
      j.require('name', 'e.g. name: checkout');
      continue;
    }
    const description = j.string('description');
    journeys.push(description === undefined ? { name } : { name, description });
  }
  return journeys;
}

function parseDefaults(r: MapReader): FileDefaults {
  const d = r.map('defaults', ['window', 'budgeting', 'alerting', 'labels']);
  if (!d) return { alerting: {}, labels: {} };
  return {
    window: parseWindow(d, 'window'),
    budgeting: parseBudgeting(d, 'budgeting'),
    alerting: parseAlerting(d, 'alerting', false),
    labels: d.stringMap('labels'),
  };
}

function parseSlo(ctx: DocContext, node: Node, path: string, service: Service | undefined, defaults: FileDefaults): Slo | undefined {
  const s = MapReader.of(ctx, node, path, SLO_FIELDS, 'an SLO mapping with at least name and objective');
  if (!s) return undefined;
  const name = s.string('name');
  if (name === undefined) s.require('name', 'give the SLO a unique name, e.g. name: checkout-availability');
  const nameOk = name !== undefined && checkName(ctx, s.node_('name'), s.field('name'), name);
  const percent = s.number('objective');
  if (percent === undefined && !s.has('objective')) s.require('objective', 'the target percentage of good events, e.g. objective: 99.9');
  const objectiveAnchor = { node: s.node_('objective'), field: s.field('objective') };
  const objectiveOk = percent !== undefined && checkObjectivePercent(ctx, objectiveAnchor, percent);
  const window = parseWindow(s, 'window') ?? defaults.window ?? DEFAULT_WINDOW;
  const budgeting = parseBudgeting(s, 'budgeting') ?? defaults.budgeting ?? { method: 'occurrences' };
  const { sli, queries } = parseSloopSli(s);
  const own = parseAlerting(s, 'alerting', true);
  const journey = s.string('journey');
  if (journey !== undefined && service && !service.journeys.some((j) => j.name === journey)) {
    const hint = didYouMean(journey, service.journeys.map((j) => j.name));
    ctx.error(s.node_('journey'), s.field('journey'), `unknown journey "${journey}"; ${hint ? `did you mean "${hint}"?` : 'declare it under journeys: at the top of the file'}`);
  }
  const labels = { ...defaults.labels, ...s.stringMap('labels') };
  const displayName = s.string('displayName');
  const description = s.string('description');
  if (!service || !nameOk || !objectiveOk) return undefined;

  const { policy, windowAnchors } = buildAlertPolicy(name!, window, [defaults.alerting, own]);
  const slo: Slo = {
    name: name!,
    service: service.name,
    objective: toFraction(percent!),
    window,
    budgeting,
    sli,
    alerting: policy,
    labels,
    origin: { file: ctx.file, ...ctx.position(s.node_('name')), format: 'sloop' },
  };
  if (displayName !== undefined) slo.displayName = displayName;
  if (description !== undefined) slo.description = description;
  if (journey !== undefined) slo.journey = journey;
  const alertingAnchor = own.anchor ?? defaults.alerting.anchor ?? { node: s.node_('name'), field: s.field('alerting') };
  sloNameFields.set(slo, s.field('name'));
  checkSlo(ctx, slo, { objective: objectiveAnchor, alerting: alertingAnchor, windows: windowAnchors, queries, runbookHint: RUNBOOK_HINT });
  return slo;
}
