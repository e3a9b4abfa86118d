/**
 * Every case in test/fixtures/invalid (a file, or a directory loaded as one config) has a
 * `<case>.expected` file with the exact diagnostics, one formatDiagnostic line each.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../errors/index.js';
import { loadConfig } from './load.js';

const DIR = 'test/fixtures/invalid';
const cases = readdirSync(DIR)
  .filter((entry) => !entry.endsWith('.expected'))
  .sort();

describe('invalid spec fixtures', () => {
  it('has at least 15 cases, each with an .expected file', () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
    const expected = new Set(readdirSync(DIR).filter((e) => e.endsWith('.expected')));
    for (const c of cases) expect(expected, c).toContain(`${c.replace(/\.ya?ml$/, '')}.expected`);
  });

  it.each(cases)('%s reports exactly the expected diagnostics', async (entry) => {
    const expected = readFileSync(`${DIR}/${entry.replace(/\.ya?ml$/, '')}.expected`, 'utf8').trimEnd().split('\n');
    const { diagnostics } = await loadConfig([`${DIR}/${entry}`]);
    expect(diagnostics.map(formatDiagnostic)).toEqual(expected);
  });
});
