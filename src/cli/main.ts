/**
 * The `sloop` command. Each sub-command lives in `commands/<name>.ts` and exports
 * `register(program, ctx)`; this file only wires them together and maps errors to exit codes.
 */
import { Command, CommanderError } from 'commander';
import { ExitCode } from './exit-codes.js';
import { processIO, reportError, type CliIO } from './io.js';

export interface CliContext {
  io: CliIO;
  /** Commands set this to the exit code they want; thrown errors are mapped by `main`. */
  setExitCode(code: number): void;
}

type Register = (program: Command, ctx: CliContext) => void;

// One line per command module (keep sorted).
const commandModules: Array<() => Promise<{ register: Register }>> = [
  () => import('./commands/actions.js'),
  () => import('./commands/backtest.js'),
  () => import('./commands/demo.js'),
  () => import('./commands/gate.js'),
  () => import('./commands/generate.js'),
  () => import('./commands/incident.js'),
  () => import('./commands/maintenance.js'),
  () => import('./commands/oncall.js'),
  () => import('./commands/override.js'),
  () => import('./commands/page.js'),
  () => import('./commands/postmortem.js'),
  () => import('./commands/report.js'),
  () => import('./commands/schedule.js'),
  () => import('./commands/serve.js'),
  () => import('./commands/token.js'),
  () => import('./commands/validate.js'),
];

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  let exitCode: number = ExitCode.OK;
  const ctx: CliContext = { io, setExitCode: (c) => (exitCode = c) };
  const program = new Command('sloop')
    .description('sloop: SLOs as code, error budgets, burn-rate alerting, on-call and incidents.')
    .version(await packageVersion(), '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError('(run with --help for usage)');
  for (const load of commandModules) (await load()).register(program, ctx);
  try {
    await program.parseAsync(argv);
  } catch (err: unknown) {
    if (err instanceof CommanderError) {
      // --help and --version also arrive here, with exit code 0.
      return err.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
    }
    return reportError(io, err, argv.includes('--json'));
  }
  return exitCode;
}

async function packageVersion(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const url = new URL('../../package.json', import.meta.url);
  const pkg = JSON.parse(await readFile(url, 'utf8')) as { version: string };
  return pkg.version;
}
