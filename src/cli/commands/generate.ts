/**
 * `sloop generate prometheus FILE|DIR... [-o out.yml] [--json]`: loads SLO specs and writes a
 * Prometheus rule file for the SLOs whose SLI is PromQL. Warnings go to stderr so the rule
 * file on stdout stays clean.
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { ConfigError, InputError, describeError, formatDiagnostic, hasErrors } from '../../errors/index.js';
import { countRules, generatePrometheusRules, serializeRuleFile } from '../../generators/prometheus/index.js';
import { loadConfig } from '../../slo/spec/load.js';
import type { CliContext } from '../main.js';
import { printJson } from '../io.js';

interface PrometheusOptions {
  output?: string;
  periodInterval?: string;
  json?: boolean;
}

export function register(program: Command, ctx: CliContext): void {
  const generate = program
    .command('generate')
    .description('generate monitoring configuration from SLO specs (see `generate prometheus --help`)');
  generate
    .command('prometheus')
    .description('write a Prometheus rule file: SLI recording rules, period SLI, error budget and burn-rate alerts')
    .argument('<paths...>', 'SLO spec files or directories (sloop/v1, OpenSLO, Sloth)')
    .option('-o, --output <file>', 'write the rule file here instead of stdout')
    .option('--period-interval <duration>', 'evaluation interval of the period groups, e.g. 5m (default: Prometheus global)')
    .option('--json', 'print {file, groups, rules, alerts, warnings} as JSON (the rule file goes to -o, or into "content")')
    .addHelpText('after', '\nExample:\n  sloop generate prometheus examples/slos -o slo-rules.yml && promtool check rules slo-rules.yml')
    .action(async (paths: string[], options: PrometheusOptions) => {
      await generatePrometheus(ctx, paths, options);
    });
}

async function generatePrometheus(ctx: CliContext, paths: string[], options: PrometheusOptions): Promise<void> {
  const { io } = ctx;
  const { config, diagnostics } = await loadConfig(paths);
  const loaderWarnings = diagnostics.filter((d) => d.severity === 'warning').map(formatDiagnostic);
  if (!options.json) for (const line of loaderWarnings) io.err(line);
  if (hasErrors(diagnostics)) throw new ConfigError(diagnostics);

  const { groups, warnings } = generatePrometheusRules(config.slos, {
    ...(options.periodInterval ? { periodInterval: options.periodInterval } : {}),
  });
  const generatorWarnings = warnings.map((w) => `${w.slo}: ${w.message}`);
  if (groups.length === 0) {
    generatorWarnings.push('no SLO has a PromQL SLI, so the rule file has no groups; give SLIs a Prometheus query (see docs/prometheus.md)');
  }
  const content = serializeRuleFile(groups);
  if (options.output) {
    try {
      await writeFile(options.output, content);
    } catch (err: unknown) {
      throw new InputError(`cannot write ${options.output} (${describeError(err)}); check that its directory exists and is writable`);
    }
  }

  if (options.json) {
    printJson(io, {
      file: options.output ?? null,
      ...countRules(groups),
      warnings: [...loaderWarnings, ...generatorWarnings],
      ...(options.output ? {} : { content }),
    });
    return;
  }
  for (const line of generatorWarnings) io.err(`sloop: warning: ${line}`);
  if (options.output) {
    const counts = countRules(groups);
    io.err(`sloop: wrote ${counts.rules} recording rules and ${counts.alerts} alerts in ${counts.groups} groups to ${options.output}`);
  } else {
    io.out(content);
  }
}
