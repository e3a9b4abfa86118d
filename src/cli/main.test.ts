import { describe, expect, it } from 'vitest';
import { ExitCode } from './exit-codes.js';
import type { CliIO } from './io.js';
import { main } from './main.js';

function capture(): CliIO & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    interactive: false,
    out(text: string) {
      io.stdout += text.endsWith('\n') ? text : text + '\n';
    },
    err(text: string) {
      io.stderr += text.endsWith('\n') ? text : text + '\n';
    },
  };
  return io;
}

describe('sloop command line', () => {
  it('lists every command in the top-level help', async () => {
    const io = capture();
    expect(await main(['node', 'sloop', '--help'], io)).toBe(ExitCode.OK);
    for (const name of ['validate', 'backtest', 'report', 'generate', 'serve', 'demo', 'token', 'gate', 'oncall', 'page', 'incident']) {
      expect(io.stdout).toMatch(new RegExp(`^\\s+${name}\\b`, 'm'));
    }
  });

  it('loads only the named command, which still parses its own options', async () => {
    const io = capture();
    expect(await main(['node', 'sloop', 'validate', '--help'], io)).toBe(ExitCode.OK);
    expect(io.stdout).toContain('Usage: sloop validate');
    expect(io.stdout).not.toMatch(/^\s+serve\b/m);
  });

  it('answers an unknown command with a usage error', async () => {
    const io = capture();
    expect(await main(['node', 'sloop', 'frobnicate'], io)).toBe(ExitCode.USAGE);
    expect(io.stderr).toContain("unknown command 'frobnicate'");
  });
});
