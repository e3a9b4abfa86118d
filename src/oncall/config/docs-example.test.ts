import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import { parseOnCallDocument } from './parse.js';

describe('docs/oncall-schedules.md', () => {
  it('shows an annotated example that parses without problems', () => {
    const doc = readFileSync(new URL('../../../docs/oncall-schedules.md', import.meta.url), 'utf8');
    const example = /```yaml\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    const lineCounter = new LineCounter();
    const parsed = parseOnCallDocument(parseDocument(example!, { lineCounter }), lineCounter, 'docs.yaml');
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.schedules[0].layers.map((l) => [l.name, l.coOnCall, l.handoffMode])).toEqual([
      ['weekly', false, 'wallclock'], ['nights', false, 'fixed'], ['shadow', true, 'wallclock'],
    ]);
  });
});
