/**
 * sloop/v1 `alerting:` blocks (per SLO and in `defaults:`). Overrides are parsed into a partial
 * form first because burn-rate factors depend on the SLO's window, which is only known when the
 * defaults and the SLO are combined in `buildAlertPolicy`.
 */
import { isScalar } from 'yaml';
import type { AlertKind, AlertPolicy, AlertSeverity, BurnRateWindow, SloWindow } from '../model.js';
import { defaultAlertPolicy, deriveFactor, nominalPeriodMinutes } from '../policy.js';
import type { Anchor } from './checks.js';
import { parseMinutes } from './durations.js';
import { MapReader, describeNode, type DocContext } from './yaml-reader.js';

interface WindowRow {
  severity: AlertSeverity;
  longMinutes: number;
  shortMinutes: number;
  budgetPercent?: number;
  factor?: number;
  anchor: Anchor;
}

export interface AlertOverrides {
  name?: string;
  windows?: WindowRow[];
  minEvents?: number;
  noDataMinutes?: number | null;
  budgetExhausted?: boolean;
  runbooks?: AlertPolicy['runbooks'];
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** The alerting node, for "missing runbook" warnings. */
  anchor?: Anchor;
}

const ALERTING_FIELDS = ['name', 'windows', 'minEvents', 'noData', 'budgetExhausted', 'runbook', 'labels', 'annotations'];
const WINDOW_FIELDS = ['severity', 'long', 'short', 'budgetPercent', 'factor'];
const RUNBOOK_KINDS: Array<AlertKind | 'default'> = ['page', 'ticket', 'noData', 'budgetExhausted', 'default'];

export function parseAlerting(parent: MapReader, key: string, allowName: boolean): AlertOverrides {
  const fields = allowName ? ALERTING_FIELDS : ALERTING_FIELDS.filter((f) => f !== 'name');
  const r = parent.map(key, fields);
  if (!r) return {};
  const out: AlertOverrides = { anchor: { node: r.node, field: r.path } };
  if (allowName) out.name = r.string('name');
  if (r.has('windows')) out.windows = parseWindows(r);
  const minEvents = r.number('minEvents');
  if (minEvents !== undefined) {
    if (Number.isInteger(minEvents) && minEvents >= 0) out.minEvents = minEvents;
    else r.ctx.error(r.node_('minEvents'), r.field('minEvents'), `must be a whole number of events, 0 or more (0 disables the guard); got ${minEvents}`);
  }
  const noData = r.node_('noData');
  if (noData !== undefined) {
    if (isScalar(noData) && noData.value === false) out.noDataMinutes = null;
    else if (isScalar(noData) && typeof noData.value === 'string') {
      const parsed = parseMinutes(noData.value);
      if (parsed.ok) out.noDataMinutes = parsed.value;
      else r.ctx.error(noData, r.field('noData'), parsed.message);
    } else r.ctx.error(noData, r.field('noData'), `expected a duration such as 30m, or false to disable; got ${describeNode(noData)}`);
  }
  out.budgetExhausted = r.boolean('budgetExhausted');
  if (r.has('runbook')) out.runbooks = parseRunbook(r);
  if (r.has('labels')) out.labels = r.stringMap('labels');
  if (r.has('annotations')) out.annotations = r.stringMap('annotations');
  return out;
}

function parseWindows(r: MapReader): WindowRow[] {
  const rows: WindowRow[] = [];
  for (const item of r.list('windows')) {
    const w = MapReader.of(r.ctx, item.node, item.path, WINDOW_FIELDS);
    if (!w) continue;
    const severity = w.string('severity');
    if (severity !== undefined && severity !== 'page' && severity !== 'ticket') {
      w.ctx.error(w.node_('severity'), w.field('severity'), `must be page or ticket; got "${severity}"`);
    }
    const long = minutesField(w, 'long');
    const short = minutesField(w, 'short');
    const budgetPercent = w.number('budgetPercent');
    const factor = w.number('factor');
    let ok = w.require('severity', 'set page or ticket') && w.require('long', 'e.g. long: 1h') && w.require('short', 'e.g. short: 5m');
    if (w.has('budgetPercent') === w.has('factor')) {
      w.ctx.error(w.node, w.path, 'set exactly one of budgetPercent (share of the period budget spent in the long window, e.g. 2) or factor (burn rate, e.g. 14.4)');
      ok = false;
    }
    if (budgetPercent !== undefined && !(budgetPercent > 0 && budgetPercent <= 100)) {
      w.ctx.error(w.node_('budgetPercent'), w.field('budgetPercent'), `must be a percentage above 0 and at most 100; got ${budgetPercent}`);
      ok = false;
    }
    if (factor !== undefined && !(factor > 0)) {
      w.ctx.error(w.node_('factor'), w.field('factor'), `must be a burn rate above 0, e.g. 14.4; got ${factor}`);
      ok = false;
    }
    if (long !== undefined && short !== undefined && short >= long) {
      w.ctx.error(w.node_('short'), w.field('short'), 'the short window must be shorter than the long window (the workbook uses 1/12 of it, e.g. long: 1h, short: 5m)');
      ok = false;
    }
    if (!ok || long === undefined || short === undefined || (severity !== 'page' && severity !== 'ticket')) continue;
    const anchorKey = factor !== undefined ? 'factor' : 'budgetPercent';
    rows.push({ severity, longMinutes: long, shortMinutes: short, budgetPercent, factor, anchor: { node: w.node_(anchorKey), field: w.field(anchorKey) } });
  }
  return rows;
}

function minutesField(r: MapReader, key: string): number | undefined {
  const text = r.text(key);
  if (text === undefined) return undefined;
  const parsed = parseMinutes(text);
  if (parsed.ok) return parsed.value;
  r.ctx.error(r.node_(key), r.field(key), parsed.message);
  return undefined;
}

function parseRunbook(r: MapReader): AlertPolicy['runbooks'] {
  const node = r.node_('runbook');
  if (isScalar(node) && typeof node.value === 'string') return { default: node.value };
  const m = r.map('runbook', RUNBOOK_KINDS, 'a URL or a mapping of alert kinds (page, ticket, noData, budgetExhausted, default) to URLs');
  const out: AlertPolicy['runbooks'] = {};
  if (!m) return out;
  for (const kind of RUNBOOK_KINDS) {
    const url = m.string(kind);
    if (url !== undefined) out[kind] = url;
  }
  return out;
}

/** Applies `defaults.alerting` then the SLO's own `alerting` on top of the default policy. */
export function buildAlertPolicy(sloName: string, window: SloWindow, layers: AlertOverrides[]): { policy: AlertPolicy; windowAnchors?: Anchor[] } {
  const policy = defaultAlertPolicy(sloName, window);
  let windowAnchors: Anchor[] | undefined;
  for (const layer of layers) {
    if (layer.name !== undefined) policy.name = layer.name;
    if (layer.windows !== undefined) {
      policy.windows = layer.windows.map((row) => toBurnRateWindow(row, window));
      windowAnchors = layer.windows.map((row) => row.anchor);
    }
    if (layer.minEvents !== undefined) policy.minEvents = layer.minEvents;
    if (layer.noDataMinutes !== undefined) policy.noDataMinutes = layer.noDataMinutes;
    if (layer.budgetExhausted !== undefined) policy.budgetExhausted = layer.budgetExhausted;
    if (layer.runbooks) policy.runbooks = { ...policy.runbooks, ...layer.runbooks };
    if (layer.labels) policy.labels = { ...policy.labels, ...layer.labels };
    if (layer.annotations) policy.annotations = { ...policy.annotations, ...layer.annotations };
  }
  return { policy, windowAnchors };
}

function toBurnRateWindow(row: WindowRow, window: SloWindow): BurnRateWindow {
  const period = nominalPeriodMinutes(window);
  // 12 significant digits: 10 rather than 9.999999999999998 when a factor is converted back.
  const factor = row.factor ?? round12(deriveFactor(row.budgetPercent!, period, row.longMinutes));
  const budgetPercent = row.budgetPercent ?? round12((row.factor! * row.longMinutes * 100) / period);
  return { severity: row.severity, longMinutes: row.longMinutes, shortMinutes: row.shortMinutes, budgetPercent, factor };
}

function round12(n: number): number {
  return Number(n.toPrecision(12));
}
