/**
 * sloop/v1 `sli:` blocks. No `sli` at all means a ratio SLI whose good/total counts are pushed to
 * sloop; PromQL queries make Prometheus compute it. The latency histogram shorthand expands to
 * bucket/count queries so teams need not write them by hand.
 */
import type { Sli } from '../model.js';
import type { Anchor } from './checks.js';
import { parseMinutes, parseSeconds } from './durations.js';
import { describeError } from '../../errors/index.js';
import { parseSeriesSelector } from '../../sources/prometheus/remote-write/selector.js';
import { MapReader } from './yaml-reader.js';

export interface ParsedSli {
  sli: Sli;
  /** PromQL strings with their nodes, for the `{{.window}}` check. */
  queries: Array<Anchor & { query: string }>;
}

const SLI_KINDS = ['ratio', 'errorRatio', 'latency', 'freshness'];
const PUSHED: ParsedSli = { sli: { kind: 'ratio' }, queries: [] };

export function parseSloopSli(parent: MapReader): ParsedSli {
  const r = parent.map('sli', SLI_KINDS);
  if (!r) return PUSHED;
  const present = SLI_KINDS.filter((k) => r.keys().includes(k));
  if (present.length > 1) {
    r.ctx.error(r.node, r.path, `set only one of ${present.join(', ')}; an SLO has one SLI`);
    return PUSHED;
  }
  switch (present[0]) {
    case 'errorRatio': {
      const query = r.string('errorRatio');
      if (query === undefined) return PUSHED;
      return { sli: { kind: 'ratio', prometheus: { type: 'errorRatio', query } }, queries: [q(r, 'errorRatio', query)] };
    }
    case 'latency':
      return parseLatency(r);
    case 'freshness':
      return parseFreshness(r);
    case 'ratio':
      return parseRatio(r);
    default:
      return PUSHED;
  }
}

function q(r: MapReader, key: string, query: string): Anchor & { query: string } {
  return { node: r.node_(key), field: r.field(key), query };
}

/** good|bad + total queries; none at all means pushed data. */
function readEvents(r: MapReader, allowBad: boolean): ParsedSli | undefined {
  const good = r.string('good');
  const bad = allowBad ? r.string('bad') : undefined;
  const total = r.string('total');
  if (good === undefined && bad === undefined && total === undefined) return undefined;
  if (good !== undefined && bad !== undefined) {
    r.ctx.error(r.node_('bad'), r.field('bad'), 'set good or bad, not both; the other is total minus it');
    return PUSHED;
  }
  if (total === undefined) {
    r.ctx.error(r.node, r.field('total'), `is required with ${good !== undefined ? 'good' : 'bad'}; add the PromQL that counts all events, with [{{.window}}] as its range`);
    return PUSHED;
  }
  if (good === undefined && bad === undefined) {
    r.ctx.error(r.node_('total'), r.path, `total needs ${allowBad ? 'good or bad' : 'good'} beside it; add the PromQL that counts ${allowBad ? 'good (or bad)' : 'good'} events`);
    return PUSHED;
  }
  const queries = [good !== undefined ? q(r, 'good', good) : q(r, 'bad', bad!), q(r, 'total', total)];
  const prometheus = good !== undefined ? { type: 'events' as const, good, total } : { type: 'events' as const, bad, total };
  return { sli: { kind: 'ratio', prometheus }, queries };
}

function parseRatio(parent: MapReader): ParsedSli {
  const r = parent.map('ratio', ['good', 'bad', 'total', 'remoteWrite']);
  if (!r) return PUSHED;
  const parsed = readEvents(r, true) ?? PUSHED;
  const remoteWrite = readRemoteWrite(r);
  return remoteWrite ? { sli: { ...parsed.sli, remoteWrite }, queries: parsed.queries } : parsed;
}

/** Series selectors for counters Prometheus remote-writes to sloop; checked with the same parser the ingest uses. */
function readRemoteWrite(parent: MapReader): Sli['remoteWrite'] {
  const r = parent.map('remoteWrite', ['good', 'bad', 'total']);
  if (!r) return undefined;
  const selector = (key: string): string | undefined => {
    const text = r.string(key);
    if (text === undefined) return undefined;
    try {
      parseSeriesSelector(text);
      return text;
    } catch (err: unknown) {
      r.ctx.error(r.node_(key), r.field(key), describeError(err));
      return undefined;
    }
  };
  const good = selector('good');
  const bad = selector('bad');
  const total = selector('total');
  if (r.has('good') === r.has('bad')) {
    r.ctx.error(r.node, r.path, 'set exactly one of good or bad, plus total, e.g. {bad: \'{__name__="http_requests_total", code=~"5.."}\', total: \'{__name__="http_requests_total"}\'}');
    return undefined;
  }
  if (!r.has('total')) {
    r.require('total', 'the selector of the counter of all events');
    return undefined;
  }
  if (total === undefined || (good ?? bad) === undefined) return undefined;
  return good !== undefined ? { good, total } : { bad: bad!, total };
}

function parseLatency(parent: MapReader): ParsedSli {
  const r = parent.map('latency', ['threshold', 'good', 'total', 'metric', 'selector']);
  if (!r) return { sli: { kind: 'latency' }, queries: [] };
  let thresholdSeconds: number | undefined;
  const text = r.text('threshold');
  if (text !== undefined) {
    const parsed = parseSeconds(text);
    if (parsed.ok) thresholdSeconds = parsed.value;
    else r.ctx.error(r.node_('threshold'), r.field('threshold'), parsed.message);
  } else r.require('threshold', 'e.g. threshold: 300ms (requests faster than this are good)');
  const base: Sli = { kind: 'latency', latency: { thresholdSeconds: thresholdSeconds ?? 0 } };
  const metric = r.string('metric');
  if (metric !== undefined) {
    if (r.has('good') || r.has('total')) {
      r.ctx.error(r.node_('metric'), r.field('metric'), 'use either metric (histogram shorthand) or good/total queries, not both');
      return { sli: base, queries: [] };
    }
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(metric)) {
      r.ctx.error(r.node_('metric'), r.field('metric'), `"${metric}" is not a Prometheus metric name; give the histogram's base name, e.g. http_request_duration_seconds`);
      return { sli: base, queries: [] };
    }
    const matchers = readSelector(r);
    if (matchers === undefined || thresholdSeconds === undefined) return { sli: base, queries: [] };
    const le = Number.isInteger(thresholdSeconds) ? `le=~"${thresholdSeconds}|${thresholdSeconds}.0"` : `le="${thresholdSeconds}"`;
    const withLe = [matchers, le].filter(Boolean).join(',');
    const good = `sum(rate(${metric}_bucket{${withLe}}[{{.window}}]))`;
    const total = `sum(rate(${metric}_count{${matchers}}[{{.window}}]))`;
    return { sli: { ...base, prometheus: { type: 'events', good, total } }, queries: [] };
  }
  if (r.has('selector')) r.ctx.error(r.node_('selector'), r.field('selector'), 'selector only applies with metric (the histogram shorthand); add metric or remove selector');
  const events = readEvents(r, false);
  if (!events) return { sli: base, queries: [] };
  return { sli: { ...base, prometheus: events.sli.prometheus }, queries: events.queries };
}

/** `{job="api"}` or `job="api"` -> `job="api"`. */
function readSelector(r: MapReader): string | undefined {
  const selector = r.string('selector');
  if (selector === undefined) return '';
  const inner = selector.trim().replace(/^\{/, '').replace(/\}$/, '').trim();
  if (/[{}]/.test(inner)) {
    r.ctx.error(r.node_('selector'), r.field('selector'), `expected label matchers such as '{job="api"}'; got "${selector}"`);
    return undefined;
  }
  return inner;
}

function parseFreshness(parent: MapReader): ParsedSli {
  const r = parent.map('freshness', ['maxAge', 'good', 'total']);
  if (!r) return { sli: { kind: 'freshness' }, queries: [] };
  let maxAgeSeconds = 0;
  const text = r.text('maxAge');
  if (text !== undefined) {
    const parsed = parseMinutes(text, ['m', 'h', 'd']);
    if (parsed.ok) maxAgeSeconds = parsed.value * 60;
    else r.ctx.error(r.node_('maxAge'), r.field('maxAge'), parsed.message);
  } else r.require('maxAge', 'e.g. maxAge: 5m (data older than this is stale)');
  const base: Sli = { kind: 'freshness', freshness: { maxAgeSeconds } };
  const events = readEvents(r, false);
  if (!events) return { sli: base, queries: [] };
  return { sli: { ...base, prometheus: events.sli.prometheus }, queries: events.queries };
}
