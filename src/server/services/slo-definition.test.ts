import { describe, expect, it } from 'vitest';
import { excerptAt } from './slo-definition.js';

const SLOOP = ['apiVersion: sloop/v1', 'slos:', '  - name: a', '    objective: 99.9', '', '  - name: b', '    objective: 99', ''].join('\n');
const OPENSLO = ['apiVersion: openslo/v1', 'kind: SLO', 'metadata:', '  name: x', '---', 'apiVersion: openslo/v1', 'kind: SLO', 'metadata:', '  name: y', 'spec: {}'].join('\n');

describe('excerptAt', () => {
  it('cuts a list item at the next item and drops trailing blank lines', () => {
    expect(excerptAt(SLOOP, 3)).toEqual({ startLine: 3, excerpt: '  - name: a\n    objective: 99.9' });
    expect(excerptAt(SLOOP, 6)).toEqual({ startLine: 6, excerpt: '  - name: b\n    objective: 99' });
  });

  it('shows the whole YAML document around a line that is not a list item', () => {
    expect(excerptAt(OPENSLO, 4).excerpt).toBe('apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: x');
    expect(excerptAt(OPENSLO, 9)).toEqual({ startLine: 6, excerpt: 'apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: y\nspec: {}' });
  });
});
