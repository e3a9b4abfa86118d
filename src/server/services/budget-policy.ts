/**
 * The error budget policy document that configures the deploy gate:
 *
 *   apiVersion: sloop/v1
 *   kind: ErrorBudgetPolicy
 *   gate:
 *     exceptionLabels: [reliability, security]
 *
 * It is read from the documents the spec loader passes through (sloop/v1 kinds owned by other
 * domains); without one, the server's --gate-exception labels apply.
 */
import { isMap, isSeq, type Node } from 'yaml';
import type { Diagnostic } from '../../errors/index.js';

export const BUDGET_POLICY_KIND = 'ErrorBudgetPolicy';

/** The slice of the spec loader's LoadedDocument this reader needs. */
export interface PolicyDocument {
  file: string;
  apiVersion: string;
  kind: string;
  doc: { contents: unknown };
  lineCounter: { linePos(offset: number): { line: number; col: number } };
}

export interface GatePolicy {
  /** null when no policy document declares them. */
  exceptionLabels: string[] | null;
  diagnostics: Diagnostic[];
}

export function readGatePolicy(documents: readonly PolicyDocument[]): GatePolicy {
  const diagnostics: Diagnostic[] = [];
  let exceptionLabels: string[] | null = null;
  for (const d of documents) {
    if (d.apiVersion !== 'sloop/v1' || d.kind !== BUDGET_POLICY_KIND) continue;
    const problem = (node: unknown, field: string, message: string): void => {
      const range = (node as Node | undefined)?.range;
      const pos = range ? d.lineCounter.linePos(range[0]) : { line: 0, col: 0 };
      diagnostics.push({ severity: 'error', file: d.file, line: pos.line, column: pos.col, field, message });
    };
    const root = d.doc.contents;
    const gate = isMap(root) ? root.get('gate', true) : undefined;
    if (!isMap(gate)) {
      problem(root, 'gate', 'expected a map with exceptionLabels, e.g. gate: { exceptionLabels: [reliability, security] }');
      continue;
    }
    const labels = gate.get('exceptionLabels', true);
    if (!isSeq(labels) || !labels.items.every((i) => typeof (i as { value?: unknown }).value === 'string')) {
      problem(labels ?? gate, 'gate.exceptionLabels', 'expected a list of change labels, e.g. [reliability, security]');
      continue;
    }
    if (exceptionLabels !== null) problem(root, 'kind', `only one ${BUDGET_POLICY_KIND} document is allowed; merge them`);
    exceptionLabels = labels.items.map((i) => String((i as { value: unknown }).value).toLowerCase());
  }
  return { exceptionLabels, diagnostics };
}
