/**
 * Sloth specs (`version: prometheus/v1`, and the `sloth.slok.dev/v1` PrometheusServiceLevel
 * resource), so teams can point sloop at the files they already have. Sloth SLOs keep Sloth's
 * 30-day window so the migrated burn-rate factors are Sloth's own (14.4, 6, 3, 1), and are named
 * `<service>-<slo>` like Sloth's `sloth_id`.
 */
import type { Node } from 'yaml';
import type { AlertPolicy, AlertSeverity, Slo, SloWindow } from '../model.js';
import { defaultAlertPolicy } from '../policy.js';
import { checkObjectivePercent, checkSlo, type Anchor } from './checks.js';
import { sloNameFields, type DocumentResult } from './document-result.js';
import { checkName, toFraction } from './sloop-fields.js';
import { MapReader, type DocContext } from './yaml-reader.js';

export const SLOTH_API_VERSION = 'prometheus/v1';
export const SLOTH_K8S_API_VERSION = 'sloth.slok.dev/v1';
export const SLOTH_KIND = 'PrometheusServiceLevel';

export const SLOTH_WINDOW: SloWindow = { type: 'rolling', minutes: 30 * 24 * 60 };

const TOP_FIELDS = ['version', 'apiVersion', 'kind', 'service', 'labels', 'slo_plugins', 'sloPlugins', 'slos'];
const SLO_FIELDS = ['name', 'description', 'objective', 'labels', 'plugins', 'sli', 'alerting'];
const RUNBOOK_HINT = 'add a runbook_url annotation under alerting.annotations (or page_alert.annotations)';

/** Field aliases: the plain format is snake_case, the Kubernetes resource camelCase. */
const ALIASES: Record<string, string> = {
  errorQuery: 'error_query',
  totalQuery: 'total_query',
  errorRatioQuery: 'error_ratio_query',
  pageAlert: 'page_alert',
  ticketAlert: 'ticket_alert',
};
const withAliases = (fields: string[]): string[] => [...fields, ...Object.keys(ALIASES).filter((k) => fields.includes(ALIASES[k]!))];

export function parseSlothDocument(ctx: DocContext, root: Node, kubernetes = false): DocumentResult {
  const result: DocumentResult = { services: [], slos: [], composites: [] };
  let r = MapReader.of(ctx, root, '', kubernetes ? ['apiVersion', 'kind', 'metadata', 'spec'] : TOP_FIELDS);
  if (r && kubernetes) r = r.map('spec', ['service', 'labels', 'sloPlugins', 'slos']);
  if (!r) return result;
  for (const key of ['slo_plugins', 'sloPlugins']) {
    if (r.has(key)) ctx.warn(r.keyNode(key), r.field(key), 'Sloth SLO plugins are not supported and are ignored; sloop generates its own rules');
  }
  const service = r.string('service');
  if (service === undefined) r.require('service', 'name the service, e.g. service: myservice');
  const serviceLabels = r.stringMap('labels');
  if (!r.has('slos')) r.require('slos', 'list the SLOs');
  const origin = { file: ctx.file, ...ctx.position(r.node_('service') ?? r.node), format: 'sloth' as const };
  if (service !== undefined) result.services.push({ name: service, journeys: [], origin });
  for (const item of r.list('slos')) {
    const slo = parseSlo(ctx, item.node, item.path, service, serviceLabels);
    if (slo) result.slos.push(slo);
  }
  return result;
}

function parseSlo(ctx: DocContext, node: Node, path: string, service: string | undefined, serviceLabels: Record<string, string>): Slo | undefined {
  const s = MapReader.of(ctx, node, path, SLO_FIELDS);
  if (!s) return undefined;
  const name = s.string('name');
  if (name === undefined) s.require('name', 'e.g. name: requests-availability');
  const nameOk = name !== undefined && checkName(ctx, s.node_('name'), s.field('name'), name);
  const percent = s.number('objective');
  if (!s.has('objective')) s.require('objective', 'a percentage such as 99.9');
  const objective: Anchor = { node: s.node_('objective'), field: s.field('objective') };
  const objectiveOk = percent !== undefined && checkObjectivePercent(ctx, objective, percent);
  if (s.has('plugins')) ctx.warn(s.keyNode('plugins'), s.field('plugins'), 'Sloth SLO plugins are not supported and are ignored');
  const sli = parseSli(s);
  if (!s.has('sli')) s.require('sli', 'add sli.events (error_query and total_query) or sli.raw.error_ratio_query');
  const fullName = `${service}-${name}`;
  const alerting = parseAlerting(s, fullName);
  const labels = { ...serviceLabels, ...s.stringMap('labels') };
  const description = s.string('description');
  if (service === undefined || !nameOk || !objectiveOk || !sli) return undefined;
  const slo: Slo = {
    name: fullName,
    service,
    objective: toFraction(percent!),
    window: SLOTH_WINDOW,
    budgeting: { method: 'occurrences' },
    sli: sli.sli,
    alerting: alerting.policy,
    labels,
    origin: { file: ctx.file, ...ctx.position(s.node_('name')), format: 'sloth' },
  };
  if (description !== undefined) slo.description = description;
  sloNameFields.set(slo, s.field('name'));
  checkSlo(ctx, slo, { objective, alerting: alerting.anchor, queries: sli.queries, runbookHint: RUNBOOK_HINT });
  return slo;
}

function parseSli(s: MapReader): { sli: Slo['sli']; queries: Array<Anchor & { query: string }> } | undefined {
  const r = s.map('sli', ['events', 'raw', 'plugin']);
  if (!r) return undefined;
  const kinds = ['events', 'raw', 'plugin'].filter((k) => r.has(k));
  if (kinds.length !== 1) {
    r.ctx.error(r.node, r.path, kinds.length === 0 ? 'needs one of events, raw or plugin' : `set only one of ${kinds.join(', ')}`);
    return undefined;
  }
  if (kinds[0] === 'plugin') {
    r.ctx.error(r.keyNode('plugin'), r.field('plugin'), 'Sloth SLI plugins are not supported; expand the plugin into sli.events (error_query, total_query) or sli.raw.error_ratio_query');
    return undefined;
  }
  if (kinds[0] === 'raw') {
    const raw = r.map('raw', withAliases(['error_ratio_query']));
    const key = raw && (raw.has('errorRatioQuery') ? 'errorRatioQuery' : 'error_ratio_query');
    const query = raw && key ? raw.string(key) : undefined;
    if (!raw || !key || query === undefined) {
      raw?.require('error_ratio_query', 'the PromQL error ratio (0-1) with [{{.window}}] as its range');
      return undefined;
    }
    return { sli: { kind: 'ratio', prometheus: { type: 'errorRatio', query } }, queries: [{ node: raw.node_(key), field: raw.field(key), query }] };
  }
  const events = r.map('events', withAliases(['error_query', 'total_query']));
  if (!events) return undefined;
  const errorKey = events.has('errorQuery') ? 'errorQuery' : 'error_query';
  const totalKey = events.has('totalQuery') ? 'totalQuery' : 'total_query';
  const bad = events.string(errorKey);
  const total = events.string(totalKey);
  if (bad === undefined) events.require('error_query', 'the PromQL that counts bad events, with [{{.window}}] as its range');
  if (total === undefined) events.require('total_query', 'the PromQL that counts all events, with [{{.window}}] as its range');
  if (bad === undefined || total === undefined) return undefined;
  if (bad.trim() === total.trim()) events.ctx.error(events.node_(totalKey), events.field(totalKey), 'error_query and total_query are identical; the error query must select only bad events');
  return {
    sli: { kind: 'ratio', prometheus: { type: 'events', bad, total } },
    queries: [
      { node: events.node_(errorKey), field: events.field(errorKey), query: bad },
      { node: events.node_(totalKey), field: events.field(totalKey), query: total },
    ],
  };
}

function parseAlerting(s: MapReader, sloName: string): { policy: AlertPolicy; anchor: Anchor } {
  const policy = defaultAlertPolicy(sloName, SLOTH_WINDOW);
  const anchor: Anchor = { node: s.node_('name'), field: s.field('alerting') };
  const a = s.map('alerting', withAliases(['name', 'labels', 'annotations', 'page_alert', 'ticket_alert']));
  if (!a) return { policy, anchor };
  const name = a.string('name');
  if (name !== undefined) policy.name = name;
  policy.labels = a.stringMap('labels');
  policy.annotations = a.stringMap('annotations');
  const runbook = runbookIn(policy.annotations);
  if (runbook) policy.runbooks.default = runbook;
  for (const severity of ['page', 'ticket'] as AlertSeverity[]) {
    const key = a.has(`${severity}Alert`) ? `${severity}Alert` : `${severity}_alert`;
    const alert = a.map(key, ['disable', 'labels', 'annotations', 'for']);
    if (!alert) continue;
    if (alert.boolean('disable') === true) policy.disabled.push(severity);
    if (alert.has('for')) {
      alert.ctx.warn(alert.keyNode('for'), alert.field('for'), 'ignored: sloop alerts need both windows of a burn-rate row to exceed the factor, and a minimum number of events, instead of a for duration');
    }
    if (alert.has('labels')) {
      alert.stringMap('labels');
      alert.ctx.warn(alert.keyNode('labels'), alert.field('labels'), `per-severity labels are not supported and are ignored; sloop sets severity="${severity}" on this alert: route on that label, or move shared labels to alerting.labels`);
    }
    const annotations = alert.stringMap('annotations');
    const perAlertRunbook = runbookIn(annotations);
    if (perAlertRunbook) policy.runbooks[severity] = perAlertRunbook;
    const others = Object.keys(annotations).filter((k) => k !== 'runbook' && k !== 'runbook_url');
    if (others.length > 0) {
      alert.ctx.warn(alert.keyNode('annotations'), alert.field('annotations'), `per-severity annotations other than runbook_url are not supported and are ignored (${others.join(', ')}); move them to alerting.annotations`);
    }
  }
  return { policy, anchor: { node: a.node, field: a.path } };
}

function runbookIn(annotations: Record<string, string>): string | undefined {
  return annotations.runbook_url ?? annotations.runbook;
}
