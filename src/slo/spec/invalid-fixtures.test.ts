/**
 * Every case in test/fixtures/invalid (a file, or a directory loaded as one config) has a
 * `<case>.expected` file with the exact diagnostics, one formatDiagnostic line each.
 * On-call (kind: OnCall) cases are checked as `sloop validate` does, from a fixed time.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../errors/index.js';
import { loadOnCallConfig } from '../../oncall/config/load-oncall.js';
import { loadConfig } from './load.js';

const DIR = 'test/fixtures/invalid';
/** Gap and fairness look-ahead in the oncall-* cases starts here (a Monday). */
const ONCALL_NOW = Date.parse('2026-01-05T00:00:00Z');
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
    const loaded = await loadConfig([`${DIR}/${entry}`]);
    const diagnostics = [...loaded.diagnostics, ...loadOnCallConfig(loaded, { now: ONCALL_NOW }).diagnostics];
    expect(diagnostics.map(formatDiagnostic)).toEqual(expected);
  });
});
