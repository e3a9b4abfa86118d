/**
 * Parses an `apiVersion: sloop/v1`, `kind: StatusPage` document. Components must name at
 * least one service, journey or SLO (otherwise nothing could ever change their status), and
 * SLOs must exist in the loaded SLO config. Problems become positioned Diagnostics.
 */
import type { Document, LineCounter, Node } from 'yaml';
import type { Diagnostic } from '../errors/index.js';
import type { SloConfig } from '../slo/model.js';
import { DocContext, MapReader, didYouMean, type LoadedDocument } from '../slo/spec/index.js';
import { DEFAULT_STATUS_PAGE, defaultStatusPageConfig, type StatusComponent, type StatusPageConfig } from './config.js';

export const STATUS_PAGE_KIND = 'StatusPage';

export interface ParsedStatusPageConfig {
  config: StatusPageConfig;
  diagnostics: Diagnostic[];
}

const TOP_KEYS = ['apiVersion', 'kind', 'metadata', 'title', 'publicUrl', 'majorOutageThreshold', 'uptimeDays', 'historyDays', 'components'];
const COMPONENT_KEYS = ['id', 'name', 'group', 'description', 'services', 'journeys', 'slos'];
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function parseStatusPageDocument(doc: Document, lineCounter: LineCounter, file: string, slos: Pick<SloConfig, 'services' | 'slos'>): ParsedStatusPageConfig {
  const ctx = new DocContext(file, lineCounter, []);
  const config: StatusPageConfig = { ...DEFAULT_STATUS_PAGE, components: [] };
  const root = MapReader.of(ctx, doc.contents as Node | null, '', TOP_KEYS, 'a mapping with apiVersion, kind, title and components');
  if (!root) return { config: defaultStatusPageConfig(slos), diagnostics: ctx.diagnostics };
  if (root.string('kind') !== STATUS_PAGE_KIND) ctx.error(root.node_('kind') ?? root.node, 'kind', `must be \`${STATUS_PAGE_KIND}\``);
  config.title = root.string('title') ?? config.title;
  const url = root.string('publicUrl');
  if (url !== undefined) {
    if (/^https?:\/\/[^\s<>"]+$/.test(url)) config.publicUrl = url.replace(/\/+$/, '');
    else ctx.error(root.node_('publicUrl'), 'publicUrl', `"${url}" is not an http(s) URL; give the address the status page is served at`);
  }
  const threshold = root.text('majorOutageThreshold');
  if (threshold !== undefined) {
    const m = /^(\d+(?:\.\d+)?)\s*(%?)$/.exec(threshold.trim());
    const value = m ? Number(m[1]) / (m[2] === '%' ? 100 : 1) : NaN;
    if (value > 0 && value <= 1) config.majorOutageThreshold = value;
    else ctx.error(root.node_('majorOutageThreshold'), 'majorOutageThreshold', `"${threshold}" is not a share of components; write a percentage such as 25%`);
  }
  config.uptimeDays = wholeDays(ctx, root, 'uptimeDays', 1, 366) ?? config.uptimeDays;
  config.historyDays = wholeDays(ctx, root, 'historyDays', 0, 366) ?? config.historyDays;
  if (!root.has('components')) config.components = defaultStatusPageConfig(slos).components;
  else config.components = parseComponents(ctx, root, slos);
  return { config, diagnostics: ctx.diagnostics };
}

/** The one `kind: StatusPage` document among loaded files, or the per-service default. */
export function statusPageConfigFromDocuments(documents: readonly LoadedDocument[], slos: Pick<SloConfig, 'services' | 'slos'>): ParsedStatusPageConfig {
  const mine = documents.filter((d) => d.apiVersion === 'sloop/v1' && d.kind === STATUS_PAGE_KIND);
  if (mine.length === 0) return { config: defaultStatusPageConfig(slos), diagnostics: [] };
  const first = parseStatusPageDocument(mine[0]!.doc, mine[0]!.lineCounter, mine[0]!.file, slos);
  for (const extra of mine.slice(1)) {
    new DocContext(extra.file, extra.lineCounter, first.diagnostics).error(extra.doc.contents as Node, 'kind', `a second ${STATUS_PAGE_KIND} document; keep one (the first is in ${mine[0]!.file})`);
  }
  return first;
}

function wholeDays(ctx: DocContext, r: MapReader, key: string, min: number, max: number): number | undefined {
  const n = r.number(key);
  if (n === undefined) return undefined;
  if (Number.isInteger(n) && n >= min && n <= max) return n;
  ctx.error(r.node_(key), r.field(key), `must be a whole number of days from ${min} to ${max}`);
  return undefined;
}

function stringList(ctx: DocContext, r: MapReader, key: string): string[] {
  return r
    .list(key)
    .map(({ node, path }) => {
      const value = (node as { value?: unknown }).value;
      if (typeof value === 'string' && value.trim() !== '') return value;
      ctx.error(node, path, 'expected a name');
      return undefined;
    })
    .filter((v): v is string => v !== undefined);
}

function parseComponents(ctx: DocContext, root: MapReader, slos: Pick<SloConfig, 'services' | 'slos'>): StatusComponent[] {
  const out: StatusComponent[] = [];
  const seen = new Set<string>();
  const sloNames = slos.slos.map((s) => s.name);
  for (const { node, path } of root.list('components')) {
    const r = MapReader.of(ctx, node, path, COMPONENT_KEYS, 'a component mapping with id and name');
    if (!r) continue;
    const id = r.require('id', 'give the component a unique id such as login') ? r.text('id') : undefined;
    const name = r.require('name', 'give the component a public name') ? r.string('name') : undefined;
    let ok = id !== undefined && name !== undefined;
    if (id !== undefined && !ID_PATTERN.test(id)) {
      ctx.error(r.node_('id'), r.field('id'), `"${id}" is not a valid id; use letters, digits, ".", "_" and "-"`);
      ok = false;
    } else if (id !== undefined && seen.has(id)) {
      ctx.error(r.node_('id'), r.field('id'), `component "${id}" is declared twice; keep one`);
      ok = false;
    }
    const services = stringList(ctx, r, 'services');
    const journeys = stringList(ctx, r, 'journeys');
    const componentSlos = stringList(ctx, r, 'slos');
    r.list('slos').forEach(({ node, path: p }, i) => {
      const slo = componentSlos[i];
      if (slo !== undefined && !sloNames.includes(slo)) {
        const hint = didYouMean(slo, sloNames);
        ctx.error(node, p, `unknown SLO "${slo}"; ${hint ? `did you mean "${hint}"?` : 'name an SLO from your SLO files'}`);
      }
    });
    if (services.length + journeys.length + componentSlos.length === 0) {
      ctx.error(r.node, r.field('services'), 'the component maps to nothing; list at least one of services, journeys or slos so incidents and uptime can reach it');
    }
    if (!ok) continue;
    seen.add(id!);
    out.push({ id: id!, name: name!, group: r.string('group') ?? null, description: r.string('description') ?? '', services, journeys, slos: componentSlos.filter((s) => sloNames.includes(s)) });
  }
  return out;
}
