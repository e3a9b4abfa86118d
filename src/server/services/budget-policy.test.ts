import { LineCounter, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readGatePolicy, type PolicyDocument } from './budget-policy.js';

function documents(text: string): PolicyDocument[] {
  const lineCounter = new LineCounter();
  return parseAllDocuments(text, { lineCounter }).map((doc) => {
    const js = doc.toJS() as { apiVersion: string; kind: string };
    return { file: 'policy.yaml', apiVersion: js.apiVersion, kind: js.kind, doc, lineCounter };
  });
}

describe('ErrorBudgetPolicy documents', () => {
  it('declare the change labels that may ship during a freeze', () => {
    const policy = readGatePolicy(documents('apiVersion: sloop/v1\nkind: ErrorBudgetPolicy\ngate:\n  exceptionLabels: [Reliability, hotfix]\n'));
    expect(policy).toEqual({ exceptionLabels: ['reliability', 'hotfix'], diagnostics: [] });
  });

  it('leave the labels unset when there is no policy document', () => {
    expect(readGatePolicy(documents('apiVersion: sloop/v1\nkind: OnCall\n')).exceptionLabels).toBeNull();
  });

  it('report a malformed list with its line', () => {
    const policy = readGatePolicy(documents('apiVersion: sloop/v1\nkind: ErrorBudgetPolicy\ngate:\n  exceptionLabels: reliability\n'));
    expect(policy.diagnostics).toEqual([expect.objectContaining({ line: 4, field: 'gate.exceptionLabels', message: expect.stringContaining('list of change labels') })]);
  });
});
