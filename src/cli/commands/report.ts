/**
 * `sloop report --config FILE|DIR --data FILE [--at T] [--json]`: one table of every SLO's
 * SLI, budget left, burn rates and state at a moment of recorded data.
 */
import type { Command } from 'commander';
import { buildReport, endOfData, reportJson, reportText } from '../../report/index.js';
import { dataFindings } from '../../backtest/index.js';
import { printJson } from '../io.js';
import type { CliContext } from '../main.js';
import { loadInputs, parseTimeFlag, reportFindings } from './backtest.js';

interface ReportFlags {
  config: string[];
  data: string;
  at?: string;
  json?: boolean;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('report')
    .description('Show each SLO\'s SLI, error budget left, burn rates and alert state from recorded data.')
    .requiredOption('-c, --config <path>', 'SLO file or folder (repeatable)', (v: string, prev: string[]) => [...prev, v], [])
    .requiredOption('-d, --data <file>', 'recorded data: CSV with header timestamp,slo,good,total, or NDJSON with those fields')
    .option('--at <time>', 'moment to report on (RFC 3339 or Unix seconds); default: the end of the data')
    .option('--json', 'print JSON: {"at","slos":[{"name","sli","errorBudget":{"remaining",...},"burnRates":[...],"state"}]}; composite SLOs add "composite":true,"components":[{"slo","weight"}]')
    .addHelpText('after', '\nStates: ok, ticket, page, exhausted (error budget spent), noData.\nExit codes: 0 ok, 1 config errors or bad data rows, 2 unreadable files or bad flags.')
    .action(async (flags: ReportFlags) => {
      const json = Boolean(flags.json);
      const atFlag = parseTimeFlag(ctx, '--at', flags.at, json);
      if (atFlag === null) return;
      const inputs = await loadInputs(ctx, flags.config, flags.data, json);
      if (!inputs) return;
      const atMs = atFlag ?? endOfData(inputs.series) ?? 0;
      const report = buildReport(inputs.config.slos, inputs.series, atMs, inputs.config.composites);
      if (json) printJson(ctx.io, { ...(reportJson(report) as object), data: dataFindings(inputs.data) });
      else ctx.io.out(reportText(report).join('\n'));
      reportFindings(ctx, inputs);
    });
}
