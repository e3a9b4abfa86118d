import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/support/cli.js';
import { ExitCode } from './exit-codes.js';

describe('sloop command line', () => {
  it('lists every command in the top-level help', async () => {
    const { code, out } = await runCli('--help');
    expect(code).toBe(ExitCode.OK);
    for (const name of ['validate', 'backtest', 'report', 'generate', 'serve', 'demo', 'token', 'gate', 'oncall', 'page', 'incident']) {
      expect(out).toMatch(new RegExp(`^\\s+${name}\\b`, 'm'));
    }
  });

  it('loads only the named command, which still parses its own options', async () => {
    const { code, out } = await runCli('validate', '--help');
    expect(code).toBe(ExitCode.OK);
    expect(out).toContain('Usage: sloop validate');
    expect(out).not.toMatch(/^\s+serve\b/m);
  });

  it('answers an unknown command with a usage error', async () => {
    const { code, err } = await runCli('frobnicate');
    expect(code).toBe(ExitCode.USAGE);
    expect(err).toContain("unknown command 'frobnicate'");
  });
});
