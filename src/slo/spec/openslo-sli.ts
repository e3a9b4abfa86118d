/**
 * OpenSLO indicators onto the model's Sli. Prometheus metric sources become PromQL SLIs; any
 * other source type is kept verbatim as `externalSource` (sloop cannot query it, but pushed data
 * still works). OpenSLO queries rarely carry Sloth's `{{.window}}`: fixed ranges such as `[1m]`
 * are replaced (with a warning), and bare counter selectors are wrapped in `sum(rate(...))`, which
 * is what `counter: true` means.
 */
import type { PrometheusSli, Sli } from '../model.js';
import { WINDOW_PLACEHOLDER, type Anchor } from './checks.js';
import { resolveRef, type MetricSourceDef, type SliDef } from './openslo-objects.js';

export interface MappedSli {
  sli: Sli;
  queries: Array<Anchor & { query: string }>;
}

const FIXED_RANGE = /\[(\d+[smhdwy])\]/g;
const BARE_SELECTOR = /^[a-zA-Z_:][a-zA-Z0-9_:]*\s*(\{[^{}]*\})?$/;

export function mapOpenSloSli(def: SliDef, dataSources: ReadonlyMap<string, string>): MappedSli | undefined {
  const external = (type: string): MappedSli => ({ sli: { kind: 'ratio', externalSource: { type, spec: def.json } }, queries: [] });
  if (def.threshold) {
    const type = sourceType(def.threshold, dataSources);
    return type === undefined ? undefined : external(type);
  }
  const ratio = def.ratio!;
  const sources = [ratio.good, ratio.bad, ratio.total, ratio.raw].filter((m): m is MetricSourceDef => m !== undefined);
  const types = sources.map((m) => sourceType(m, dataSources));
  if (types.some((t) => t === undefined)) return undefined;
  if (!types.every((t) => isPrometheus(t!))) return external(types[0]!);

  const queries: MappedSli['queries'] = [];
  const query = (m: MetricSourceDef | undefined, counter: boolean): string | undefined => {
    if (!m) return undefined;
    const q = readQuery(def, m);
    if (q === undefined) return undefined;
    const text = withWindow(def, q, counter);
    queries.push({ ...q.anchor, ctx: def.ctx, query: text });
    return text;
  };
  let prometheus: PrometheusSli | undefined;
  if (ratio.raw) {
    const raw = query(ratio.raw, false);
    if (raw === undefined) return undefined;
    prometheus = { type: 'errorRatio', query: ratio.rawType === 'success' ? `1 - (${raw})` : raw };
  } else {
    const good = query(ratio.good, ratio.counter);
    const bad = query(ratio.bad, ratio.counter);
    const total = query(ratio.total, ratio.counter);
    if (total === undefined || (good ?? bad) === undefined) return undefined;
    prometheus = good !== undefined ? { type: 'events', good, total } : { type: 'events', bad, total };
  }
  return { sli: { kind: 'ratio', prometheus }, queries };
}

function isPrometheus(type: string): boolean {
  return type.toLowerCase() === 'prometheus';
}

function sourceType(m: MetricSourceDef, dataSources: ReadonlyMap<string, string>): string | undefined {
  if (m.type !== undefined) return m.type;
  return m.ref ? resolveRef(dataSources, 'DataSource', m.ref) : undefined;
}

function readQuery(def: SliDef, m: MetricSourceDef): { text: string; anchor: Anchor } | undefined {
  const key = m.spec?.has('query') ? 'query' : m.spec?.has('promql') ? 'promql' : undefined;
  if (!m.spec || !key) {
    def.ctx.error(m.anchor.node, m.anchor.field, 'a Prometheus metric source needs spec.query (PromQL with [{{.window}}] as its range)');
    return undefined;
  }
  const text = m.spec.string(key);
  return text === undefined ? undefined : { text, anchor: { node: m.spec.node_(key), field: m.spec.field(key) } };
}

function withWindow(def: SliDef, q: { text: string; anchor: Anchor }, counter: boolean): string {
  const text = q.text.trim();
  if (text.includes(WINDOW_PLACEHOLDER)) return text;
  const ranges = [...text.matchAll(FIXED_RANGE)].map((m) => m[0]);
  if (ranges.length > 0) {
    def.ctx.warn(
      q.anchor.node,
      q.anchor.field,
      `fixed range ${[...new Set(ranges)].join(', ')} replaced by [${WINDOW_PLACEHOLDER}] so each alert window is measured; write [${WINDOW_PLACEHOLDER}] in the query to silence this`,
    );
    return text.replace(FIXED_RANGE, `[${WINDOW_PLACEHOLDER}]`);
  }
  if (counter && BARE_SELECTOR.test(text)) return `sum(rate(${text}[${WINDOW_PLACEHOLDER}]))`;
  // Left as is: the shared checks report the missing placeholder with the fix.
  return text;
}
