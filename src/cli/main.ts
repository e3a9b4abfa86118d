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

// One entry per command module, keyed by its top-level command name (keep sorted). Only the
// module the command line names is loaded, so `sloop validate` does not load database drivers.
const commandModules: Record<string, () => Promise<{ register: Register }>> = {
  actions: () => import('./commands/actions.js'),
  backtest: () => import('./commands/backtest.js'),
  demo: () => import('./commands/demo.js'),
  gate: () => import('./commands/gate.js'),
  generate: () => import('./commands/generate.js'),
  incident: () => import('./commands/incident.js'),
  maintenance: () => import('./commands/maintenance.js'),
  oncall: () => import('./commands/oncall.js'),
  override: () => import('./commands/override.js'),
  page: () => import('./commands/page.js'),
  postmortem: () => import('./commands/postmortem.js'),
  report: () => import('./commands/report.js'),
  schedule: () => import('./commands/schedule.js'),
  serve: () => import('./commands/serve.js'),
  token: () => import('./commands/token.js'),
  validate: () => import('./commands/validate.js'),
};

/** The modules to load: the one the command line names, or all of them (help, unknown command). */
function modulesFor(argv: string[]): Array<() => Promise<{ register: Register }>> {
  const first = argv.slice(2).find((arg) => !arg.startsWith('-'));
  const named = first === undefined ? undefined : commandModules[first];
  return named ? [named] : Object.values(commandModules);
}

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  let exitCode: number = ExitCode.OK;
  const ctx: CliContext = { io, setExitCode: (c) => (exitCode = c) };
  const program = new Command('sloop')
    .description('sloop: SLOs as code, error budgets, burn-rate alerting, on-call and incidents.')
    .version(await packageVersion(), '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError('(run with --help for usage)');
  for (const load of modulesFor(argv)) (await load()).register(program, ctx);
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
