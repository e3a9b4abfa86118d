/**
 * `sloop validate FILE|DIR... [--json]`: loads SLO specs (sloop/v1, OpenSLO, Sloth) and reports
 * every problem at once, one `file:line:column: severity: field: message` line each, then a
 * summary. Exit 1 on errors; warnings alone do not fail.
 */
import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { formatDiagnostic, hasErrors } from '../../errors/index.js';
import { loadConfig } from '../../slo/spec/load.js';
import { ExitCode } from '../exit-codes.js';
import { printJson } from '../io.js';
import type { CliContext } from '../main.js';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('validate')
    .description('check SLO spec files (sloop/v1, OpenSLO v1, Sloth prometheus/v1) and report every problem')
    .argument('<paths...>', 'spec files or directories (searched recursively for *.yaml and *.yml)')
    .option('--json', 'print {files, slos, diagnostics, valid} as JSON')
    .addHelpText('after', '\nExit codes: 0 valid (warnings allowed), 1 errors found, 2 a path does not exist.\n\nExample:\n  sloop validate examples/slos')
    .action(async (paths: string[], options: { json?: boolean }) => {
      await validate(ctx, paths, options.json === true);
    });
}

async function validate(ctx: CliContext, paths: string[], json: boolean): Promise<void> {
  const { io } = ctx;
  const missing: string[] = [];
  for (const path of paths) {
    try {
      await stat(path);
    } catch {
      missing.push(path);
    }
  }
  if (missing.length > 0) {
    const message = `cannot read ${missing.join(', ')}: no such file or directory; check the path`;
    if (json) printJson(io, { error: { code: 'INPUT', message } });
    else io.err(`sloop: ${message}`);
    ctx.setExitCode(ExitCode.USAGE);
    return;
  }
  const { config, files, diagnostics } = await loadConfig(paths);
  const valid = !hasErrors(diagnostics);
  ctx.setExitCode(valid ? ExitCode.OK : ExitCode.PROBLEMS);
  const slos = [...config.slos.map((s) => s.name), ...config.composites.map((c) => c.name)];
  if (json) {
    printJson(io, { files, slos, diagnostics, valid });
    return;
  }
  for (const d of diagnostics) io.out(formatDiagnostic(d));
  io.out(summaryLine(files.length, slos.length, diagnostics));
}

export function summaryLine(files: number, slos: number, diagnostics: readonly { severity: string }[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  return `${plural(files, 'file')}, ${plural(slos, 'SLO')}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
