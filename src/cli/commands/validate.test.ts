import { mkdtemp, rm, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../main.js';
import type { CliIO } from '../io.js';

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (s) => out.push(s.endsWith('\n') ? s : s + '\n'), err: (s) => err.push(s.endsWith('\n') ? s : s + '\n'), interactive: false };
  const code = await main(['node', 'sloop', 'validate', ...args], io);
  return { code, out: out.join(''), err: err.join('') };
}

let mixed: string;
beforeAll(async () => {
  mixed = await mkdtemp(join(tmpdir(), 'sloop-validate-'));
  await copyFile('test/fixtures/sloth/ticket-disabled.yml', join(mixed, 'sloth.yml'));
  await copyFile('test/fixtures/openslo/composite.yaml', join(mixed, 'openslo.yaml'));
  await copyFile('test/fixtures/invalid/objective-100.yaml', join(mixed, 'sloop.yaml'));
  await writeFile(join(mixed, 'zz-binary.yaml'), Buffer.from([0, 159, 146, 150, 0, 1, 2]));
});
afterAll(async () => {
  await rm(mixed, { recursive: true, force: true });
});

describe('sloop validate', () => {
  it('exits 0 on the bundled examples and prints only the summary', async () => {
    const { code, out, err } = await run('examples/slos', 'examples/openslo', 'examples/sloth');
    expect(err).toBe('');
    expect(out).toBe('4 files, 9 SLOs: 0 errors, 0 warnings\n');
    expect(code).toBe(0);
  });

  it('exits 0 with warnings, printing each one before the summary', async () => {
    const { code, out } = await run('test/fixtures/invalid/page-without-runbook.yaml');
    expect(code).toBe(0);
    expect(out.trimEnd().split('\n')).toEqual([
      'test/fixtures/invalid/page-without-runbook.yaml:4:11: warning: slos[0].alerting: paging alerts have no runbook; every page should link a runbook: add alerting: {runbook: https://...} to the SLO, or to the defaults block for every SLO in the file',
      'test/fixtures/invalid/page-without-runbook.yaml:9:7: warning: slos[1].alerting: paging alerts have no runbook; every page should link a runbook: add alerting: {runbook: https://...} to the SLO, or to the defaults block for every SLO in the file',
      '1 file, 2 SLOs: 0 errors, 2 warnings',
    ]);
  });

  it('exits 1 and reports every file of a mixed directory, binary included', async () => {
    const { code, out, err } = await run(mixed);
    expect(err).toBe('');
    expect(code).toBe(1);
    const lines = out.trimEnd().split('\n');
    expect(lines).toContain(`${join(mixed, 'sloop.yaml')}:5:16: error: slos[0].objective: a 100% objective leaves no error budget; use a value below 100 such as 99.9`);
    expect(lines).toContain(`${join(mixed, 'zz-binary.yaml')}: error: not a text file (binary or not UTF-8); pass YAML spec files only`);
    // Sloth (1) and the OpenSLO composite's two objectives load alongside the broken files.
    expect(lines.at(-1)).toBe('4 files, 4 SLOs: 2 errors, 2 warnings');
  });

  it('prints {files, slos, diagnostics, valid} with --json', async () => {
    const { code, out } = await run(mixed, '--json');
    expect(code).toBe(1);
    const body = JSON.parse(out) as { files: string[]; slos: string[]; diagnostics: Array<Record<string, unknown>>; valid: boolean };
    expect(body.valid).toBe(false);
    expect(body.files).toEqual(['openslo.yaml', 'sloop.yaml', 'sloth.yml', 'zz-binary.yaml'].map((f) => join(mixed, f)));
    expect(body.slos).toEqual(['payments-requests-availability', 'buy-experience-availability', 'buy-experience-latency', 'buy-experience']);
    expect(body.diagnostics).toContainEqual({
      severity: 'error',
      file: join(mixed, 'sloop.yaml'),
      line: 5,
      column: 16,
      field: 'slos[0].objective',
      message: 'a 100% objective leaves no error budget; use a value below 100 such as 99.9',
    });
  });

  it('returns valid: true as JSON for a clean file', async () => {
    const { code, out } = await run('examples/slos/shop.yaml', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({
      files: ['examples/slos/shop.yaml'],
      slos: ['login-availability', 'checkout-availability', 'checkout-latency', 'search-availability'],
      diagnostics: [],
      valid: true,
    });
  });

  it('exits 2 when a path does not exist', async () => {
    const { code, err } = await run('no/such/dir');
    expect(code).toBe(2);
    expect(err).toBe('sloop: cannot read no/such/dir: no such file or directory; check the path\n');
  });
});
