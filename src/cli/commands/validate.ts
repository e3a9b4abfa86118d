/**
 * `sloop validate FILE|DIR... [--json]`: loads SLO specs (sloop/v1, OpenSLO, Sloth) and on-call
 * config (`kind: OnCall`: people, schedules, policies, routes, integrations) and the deploy
 * gate's `kind: ErrorBudgetPolicy` (gate.exceptionLabels), `kind: Incidents` and `kind: StatusPage`, and reports every
 * problem at once, one `file:line:column: severity: field: message` line each, then a
 * summary. Schedules are also checked for gaps and fairness over the coming weeks, starting
 * now (or --at). Exit 1 on errors; warnings alone do not fail.
 */
import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { formatDiagnostic, hasErrors } from '../../errors/index.js';
import { loadOnCallConfig } from '../../oncall/config/load-oncall.js';
import { incidentsConfigFromDocuments } from '../../incidents/parse-config.js';
import { statusPageConfigFromDocuments } from '../../statuspage/parse-config.js';
import { loadConfig } from '../../slo/spec/load.js';
import { readGatePolicy } from '../../server/services/budget-policy.js';
import { ExitCode } from '../exit-codes.js';
import { printJson } from '../io.js';
import type { CliContext } from '../main.js';
import { parseTimeOption } from './oncall-http.js';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('validate')
    .description('check SLO spec files (sloop/v1, OpenSLO v1, Sloth prometheus/v1) and report every problem')
    .argument('<paths...>', 'spec files or directories (searched recursively for *.yaml and *.yml)')
    .option('--json', 'print {files, slos, diagnostics, valid} (and schedules, with on-call config) as JSON')
    .option('--at <time>', 'check on-call gaps and fairness from this time instead of now (ISO 8601 with offset, a date, or epoch ms)')
    .addHelpText('after', '\nExit codes: 0 valid (warnings allowed), 1 errors found (or an unreadable --at), 2 a path does not exist.\n\nExample:\n  sloop validate examples/slos examples/oncall')
    .action(async (paths: string[], options: { json?: boolean; at?: string }) => {
      await validate(ctx, paths, options.json === true, parseTimeOption(options.at ?? 'now', '--at', Date.now()));
    });
}

async function validate(ctx: CliContext, paths: string[], json: boolean, now: number): Promise<void> {
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
  const loaded = await loadConfig(paths);
  const { config, files } = loaded;
  const oncall = loadOnCallConfig(loaded, { now });
  // The deploy gate's ErrorBudgetPolicy is checked exactly as `sloop serve` reads it.
  const diagnostics = [...loaded.diagnostics, ...oncall.diagnostics, ...readGatePolicy(loaded.documents).diagnostics];
  // kind: Incidents and kind: StatusPage, parsed as `sloop serve` parses them.
  diagnostics.push(...incidentsConfigFromDocuments(loaded.documents).diagnostics, ...statusPageConfigFromDocuments(loaded.documents, config).diagnostics);
  const valid = !hasErrors(diagnostics);
  ctx.setExitCode(valid ? ExitCode.OK : ExitCode.PROBLEMS);
  const slos = [...config.slos.map((s) => s.name), ...config.composites.map((c) => c.name)];
  // Only configs with on-call documents mention schedules, so SLO-only output is unchanged.
  const schedules = oncall.files.length > 0 ? oncall.schedules.map((s) => s.name) : undefined;
  if (json) {
    printJson(io, { files, slos, ...(schedules ? { schedules } : {}), diagnostics, valid });
    return;
  }
  for (const d of diagnostics) io.out(formatDiagnostic(d));
  io.out(summaryLine(files.length, slos.length, diagnostics, schedules?.length));
}

export function summaryLine(files: number, slos: number, diagnostics: readonly { severity: string }[], schedules?: number): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const scheduleCount = schedules === undefined ? '' : `, ${plural(schedules, 'schedule')}`;
  return `${plural(files, 'file')}, ${plural(slos, 'SLO')}${scheduleCount}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
