/** Runs the `sloop` command line in-process and captures what it prints. */
import type { CliIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function runCli(...args: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (s) => out.push(s), err: (s) => err.push(s), interactive: false };
  const code = await main(['node', 'sloop', ...args], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Runs the command line (pass `--json` in `args`) and returns what it printed, parsed; throws unless it exits 0. */
export async function runCliJson<T>(...args: string[]): Promise<T> {
  const { code, out, err } = await runCli(...args);
  if (code !== 0) throw new Error(`sloop ${args.join(' ')} exited with ${code}: ${err || out}`);
  return JSON.parse(out) as T;
}
