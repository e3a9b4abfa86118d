/**
 * A small reader over `yaml` document nodes that records diagnostics with file:line:column and
 * the field path, so the section parsers read like the schema instead of like node plumbing.
 */
import { isMap, isScalar, isSeq, type LineCounter, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Diagnostic, Severity } from '../../errors/index.js';
import type { ConfigOrigin } from './model.js';

export class YamlReader {
  readonly diagnostics: Diagnostic[] = [];
  constructor(
    readonly file: string,
    private readonly lineCounter: LineCounter,
  ) {}

  origin(node: unknown): ConfigOrigin {
    const range = (node as Node | null)?.range;
    if (!range) return { file: this.file, line: 0, column: 0 };
    const pos = this.lineCounter.linePos(range[0]);
    return { file: this.file, line: pos.line, column: pos.col };
  }

  report(severity: Severity, node: unknown, field: string, message: string): void {
    const { line, column } = this.origin(node);
    this.diagnostics.push({ severity, file: this.file, line, column, field, message });
  }

  error(node: unknown, field: string, message: string): void {
    this.report('error', node, field, message);
  }

  map(node: unknown, field: string, example: string): YAMLMap | null {
    if (isMap(node)) return node;
    this.error(node, field, `must be a mapping, for example ${example}`);
    return null;
  }

  seq(node: unknown, field: string, example: string): YAMLSeq | null {
    if (isSeq(node)) return node;
    this.error(node, field, `must be a list, for example ${example}`);
    return null;
  }

  /** The value node of `key` in `map`, or undefined. */
  get(map: YAMLMap, key: string): unknown {
    return map.get(key, true);
  }

  /** The key nodes of a map with their value nodes, in order. */
  entries(map: YAMLMap): Array<{ key: string; keyNode: unknown; value: unknown }> {
    return map.items.map((pair) => ({
      key: isScalar(pair.key) ? String(pair.key.value) : String(pair.key),
      keyNode: pair.key,
      value: pair.value,
    }));
  }

  string(node: unknown, field: string, example: string): string | null {
    if (isScalar(node) && typeof node.value === 'string' && node.value.trim() !== '') return node.value.trim();
    this.error(node, field, `must be a non-empty string, for example ${example}`);
    return null;
  }

  /** Warns about keys outside `known`: a typo such as `wiat:` must not pass silently. */
  unknownKeys(map: YAMLMap, path: string, known: readonly string[]): void {
    for (const { key, keyNode } of this.entries(map)) {
      if (!known.includes(key)) {
        this.report('warning', keyNode, join(path, key), `unknown field, ignored; known fields are ${known.join(', ')}`);
      }
    }
  }
}

export function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}
