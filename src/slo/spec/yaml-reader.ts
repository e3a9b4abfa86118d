/**
 * A thin reader over yaml's node tree that reports problems instead of throwing. Every accessor
 * records a Diagnostic at the offending node (the value node for a wrong value, the key for an
 * unknown field) and returns `undefined`, so parsers keep going and `sloop validate` can list
 * every problem in one run.
 */
import { isAlias, isMap, isScalar, isSeq, type LineCounter, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { Diagnostic, Severity } from '../../errors/index.js';
import { didYouMean } from './suggest.js';

/** Where diagnostics for one YAML document go. */
export class DocContext {
  constructor(
    readonly file: string,
    readonly lineCounter: LineCounter,
    readonly diagnostics: Diagnostic[],
  ) {}

  position(node: Node | null | undefined): { line: number; column: number } {
    const offset = node?.range?.[0];
    if (offset === undefined) return { line: 0, column: 0 };
    const { line, col } = this.lineCounter.linePos(offset);
    return { line, column: col };
  }

  report(severity: Severity, node: Node | null | undefined, field: string, message: string): void {
    this.diagnostics.push({ severity, file: this.file, ...this.position(node), field, message });
  }

  error(node: Node | null | undefined, field: string, message: string): void {
    this.report('error', node, field, message);
  }

  warn(node: Node | null | undefined, field: string, message: string): void {
    this.report('warning', node, field, message);
  }
}

export function describeNode(node: unknown): string {
  if (node === null || node === undefined) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'null';
    if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '...' : v)}`;
    if (typeof v === 'number') return `the number ${v}`;
    if (typeof v === 'boolean') return `${v}`;
    return typeof v;
  }
  if (isAlias(node)) return `the alias *${node.source} (sloop does not follow YAML aliases; write the value out)`;
  return 'an unsupported node';
}

function isNullish(node: Node | null | undefined): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null);
}

/**
 * One mapping node with a field path prefix. Unknown keys are reported once, when the reader is
 * created, against the list of fields the format allows.
 */
export class MapReader {
  private readonly entries = new Map<string, Pair<Scalar, Node | null>>();

  private constructor(
    readonly ctx: DocContext,
    readonly node: YAMLMap,
    readonly path: string,
  ) {}

  /** Returns undefined (after reporting) when `node` is not a mapping. Null counts as absent. */
  static of(ctx: DocContext, node: Node | null | undefined, path: string, allowed: readonly string[], what = 'a mapping'): MapReader | undefined {
    if (isNullish(node)) return undefined;
    if (!isMap(node)) {
      ctx.error(node, path, `expected ${what}, got ${describeNode(node)}`);
      return undefined;
    }
    const reader = new MapReader(ctx, node, path);
    for (const pair of node.items as Pair<Node | null, Node | null>[]) {
      const key = pair.key;
      const name = isScalar(key) ? String(key.value) : undefined;
      if (name === undefined) {
        ctx.error(key, path, 'keys must be plain strings');
        continue;
      }
      if (reader.entries.has(name)) {
        ctx.error(key, reader.field(name), `duplicate key "${name}"; keep only one`);
        continue;
      }
      reader.entries.set(name, pair as Pair<Scalar, Node | null>);
      if (!allowed.includes(name)) {
        const hint = didYouMean(name, allowed);
        const fix = hint ? `did you mean "${hint}"?` : `allowed fields: ${allowed.join(', ')}`;
        ctx.error(key, reader.field(name), `unknown field; ${fix}`);
      }
    }
    return reader;
  }

  /** A mapping whose keys are free-form (metric source specs, connection details). */
  static open(ctx: DocContext, node: Node | null | undefined, path: string): MapReader | undefined {
    const keys = isMap(node) ? node.items.map((p) => (isScalar(p.key) ? String(p.key.value) : '')) : [];
    return MapReader.of(ctx, node, path, keys);
  }

  /** The value as plain data (for specs kept verbatim, e.g. a non-Prometheus metric source). */
  json(key: string): unknown {
    const node = this.node_(key);
    return node === undefined ? undefined : node.toJSON();
  }

  field(key: string): string {
    return this.path ? `${this.path}.${key}` : key;
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  has(key: string): boolean {
    return !isNullish(this.node_(key));
  }

  /** The value node, or undefined when absent or null. */
  node_(key: string): Node | undefined {
    const value = this.entries.get(key)?.value;
    return isNullish(value) ? undefined : (value as Node);
  }

  keyNode(key: string): Node | undefined {
    return this.entries.get(key)?.key;
  }

  /** Reports a required field that is missing, pointing at the mapping itself. */
  require(key: string, hint: string): boolean {
    if (this.has(key)) return true;
    this.ctx.error(this.node, this.field(key), `is required; ${hint}`);
    return false;
  }

  string(key: string): string | undefined {
    const node = this.node_(key);
    if (node === undefined) return undefined;
    if (isScalar(node) && typeof node.value === 'string') return node.value;
    this.ctx.error(node, this.field(key), `expected a string, got ${describeNode(node)}`);
    return undefined;
  }

  /** Strings, numbers and booleans as text (labels, durations like `5m` or `300`). */
  text(key: string): string | undefined {
    const node = this.node_(key);
    if (node === undefined) return undefined;
    if (isScalar(node) && ['string', 'number', 'boolean'].includes(typeof node.value)) return String(node.value);
    this.ctx.error(node, this.field(key), `expected a string, got ${describeNode(node)}`);
    return undefined;
  }

  number(key: string): number | undefined {
    const node = this.node_(key);
    if (node === undefined) return undefined;
    if (isScalar(node) && typeof node.value === 'number' && Number.isFinite(node.value)) return node.value;
    this.ctx.error(node, this.field(key), `expected a number, got ${describeNode(node)}`);
    return undefined;
  }

  boolean(key: string): boolean | undefined {
    const node = this.node_(key);
    if (node === undefined) return undefined;
    if (isScalar(node) && typeof node.value === 'boolean') return node.value;
    this.ctx.error(node, this.field(key), `expected true or false, got ${describeNode(node)}`);
    return undefined;
  }

  map(key: string, allowed: readonly string[], what?: string): MapReader | undefined {
    return MapReader.of(this.ctx, this.node_(key), this.field(key), allowed, what);
  }

  /** List items with their field paths; reports (and returns []) when the value is not a list. */
  list(key: string): Array<{ node: Node; path: string }> {
    const node = this.node_(key);
    if (node === undefined) return [];
    if (!isSeq(node)) {
      this.ctx.error(node, this.field(key), `expected a list, got ${describeNode(node)}`);
      return [];
    }
    return node.items.map((item, i) => ({ node: item as Node, path: `${this.field(key)}[${i}]` }));
  }

  /** A mapping of string keys to scalar values (labels, annotations). */
  stringMap(key: string): Record<string, string> {
    const node = this.node_(key);
    const out: Record<string, string> = {};
    if (node === undefined) return out;
    if (!isMap(node)) {
      this.ctx.error(node, this.field(key), `expected a mapping of names to values, got ${describeNode(node)}`);
      return out;
    }
    for (const pair of node.items as Pair<Node | null, Node | null>[]) {
      const name = isScalar(pair.key) ? String(pair.key.value) : undefined;
      const value = pair.value;
      if (name === undefined) continue;
      if (isScalar(value) && ['string', 'number', 'boolean'].includes(typeof value.value)) out[name] = String(value.value);
      else if (isSeq(value) && value.items.every((v) => isScalar(v))) {
        // OpenSLO allows a list of values per label; join them the way Prometheus regexes read.
        out[name] = value.items.map((v) => String((v as Scalar).value)).join(',');
      } else this.ctx.error(value ?? pair.key as Node, `${this.field(key)}.${name}`, `expected a string value, got ${describeNode(value)}`);
    }
    return out;
  }
}

/** A scalar string at `node`, reporting otherwise. */
export function readString(ctx: DocContext, node: Node | null | undefined, path: string): string | undefined {
  if (isNullish(node)) return undefined;
  if (isScalar(node) && typeof node.value === 'string') return node.value;
  ctx.error(node, path, `expected a string, got ${describeNode(node)}`);
  return undefined;
}
