/**
 * `sloop backtest --config FILE|DIR --data FILE [--from T --to T] [--json]`: replays recorded
 * per-minute traffic through the alert engine and shows when alerts fired and resolved.
 */
import type { Command } from 'commander';
import { backtestJson, backtestText, dataFindingLines, dataFindings, loadRecordedInputs, runBacktest, type RecordedInputs } from '../../backtest/index.js';
import { InputError, formatDiagnostic } from '../../errors/index.js';
import { parseTimestamp, UnreadableDataError } from '../../sources/file/index.js';
import { ExitCode } from '../exit-codes.js';
import { printJson, progressReporter, reportError } from '../io.js';
import type { CliContext } from '../main.js';

interface BacktestFlags {
  config: string[];
  data: string;
  from?: string;
  to?: string;
  json?: boolean;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('backtest')
    .description('Replay recorded per-minute traffic through the burn-rate alerts and show when they would have fired.')
    .requiredOption('-c, --config <path>', 'SLO file or folder (repeatable)', collect, [])
    .requiredOption('-d, --data <file>', 'recorded data: CSV with header timestamp,slo,good,total, or NDJSON with those fields')
    .option('--from <time>', 'start of the replay (RFC 3339 or Unix seconds); default: one hour after the first data (warm-up)')
    .option('--to <time>', 'end of the replay, exclusive; default: after the last minute in the data')
    .option('--json', 'print JSON: {"slos":[{"name","alerts":[{"severity","firedAt","resolvedAt"}],"errorBudget":{"remaining"},...}]}; composite SLOs add "composite":true,"components":[{"slo","weight"}]')
    .addHelpText('after', '\nAlert severities: page, ticket, noData, budgetExhausted.\nExit codes: 0 ok, 1 config errors or bad data rows, 2 unreadable files or bad flags.')
    .action(async (flags: BacktestFlags) => {
      const json = Boolean(flags.json);
      const fromMs = parseTimeFlag(ctx, '--from', flags.from, json);
      const toMs = parseTimeFlag(ctx, '--to', flags.to, json);
      if (fromMs === null || toMs === null) return;
      const inputs = await loadInputs(ctx, flags.config, flags.data, json);
      if (!inputs) return;
      const replaying = progressReporter(ctx.io, 'replaying (SLO-minutes)');
      const result = runBacktest(inputs.config.slos, inputs.series, { fromMs, toMs, composites: inputs.config.composites, onProgress: (done, total) => replaying.update(done, total) });
      replaying.end();
      if (json) printJson(ctx.io, { ...(backtestJson(result) as object), data: dataFindings(inputs.data) });
      else ctx.io.out(backtestText(result).join('\n'));
      reportFindings(ctx, inputs);
    });
}

/** Config + data, with progress; unreadable files end the command with exit code 2. */
export async function loadInputs(ctx: CliContext, config: string[], data: string, json: boolean): Promise<RecordedInputs | null> {
  const reading = progressReporter(ctx.io, 'reading data (bytes)');
  try {
    const inputs = await loadRecordedInputs(config, data, (done, total) => reading.update(done, total));
    for (const w of inputs.warnings) ctx.io.err(formatDiagnostic(w));
    return inputs;
  } catch (err: unknown) {
    if (!(err instanceof UnreadableDataError)) throw err;
    reportError(ctx.io, err, json);
    ctx.setExitCode(ExitCode.USAGE);
    return null;
  } finally {
    reading.end();
  }
}

/** Unknown SLO names warn; bad rows are listed and fail the command (exit 1). */
export function reportFindings(ctx: CliContext, inputs: RecordedInputs): void {
  const { warnings, errors } = dataFindingLines(inputs.data);
  for (const line of [...warnings, ...errors]) ctx.io.err(line);
  if (errors.length > 0) ctx.setExitCode(ExitCode.PROBLEMS);
}

/** undefined when absent; null (after reporting, exit 2) when malformed. */
export function parseTimeFlag(ctx: CliContext, flag: string, value: string | undefined, json: boolean): number | undefined | null {
  if (value === undefined) return undefined;
  const ms = parseTimestamp(value);
  if (!Number.isNaN(ms)) return ms;
  reportError(ctx.io, new InputError(`${flag} "${value}" is not a time; use RFC 3339 (2026-03-01T12:00:00Z) or Unix seconds`), json);
  ctx.setExitCode(ExitCode.USAGE);
  return null;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
