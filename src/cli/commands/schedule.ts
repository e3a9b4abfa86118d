/**
 * `sloop schedule import-pagerduty FILE.json [-o out.yaml]`: converts a PagerDuty schedule
 * (the JSON of their REST API's GET /schedules/{id}) into a `kind: OnCall` document with the
 * schedule and stub people. What sloop cannot express is refused with every reason at once.
 * Exit codes: 0 converted, 1 the schedule cannot be expressed (reasons printed), 2 usage or
 * unreadable file.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { InputError, describeError } from '../../errors/index.js';
import { importPagerDutySchedule } from '../../oncall/import/pagerduty/import.js';
import { ExitCode } from '../exit-codes.js';
import { printJson } from '../io.js';
import type { CliContext } from '../main.js';

interface ImportOptions {
  output?: string;
  name?: string;
  person?: string[];
  layerOrder?: string;
  json?: boolean;
}

export function register(program: Command, ctx: CliContext): void {
  const schedule = program.command('schedule').description('on-call schedule tools');
  schedule
    .command('import-pagerduty')
    .description('convert a PagerDuty schedule (REST API JSON) into a sloop kind: OnCall document')
    .argument('<file>', 'PagerDuty schedule JSON (GET /schedules/{id}, with or without the {"schedule": ...} wrapper)')
    .option('-o, --output <file>', 'write the YAML here instead of standard output')
    .option('--name <name>', 'sloop schedule name (default: a slug of the PagerDuty name)')
    .option('--person <mapping...>', 'map PagerDuty user ids to existing sloop people, e.g. PXPGF42=alice')
    .option('--layer-order <order>', 'when layers are not named "Layer N": highest-first (default) or lowest-first')
    .option('--json', 'print {schedule, people, notes, yaml} as JSON')
    .addHelpText('after', '\nExit codes: 0 converted, 1 the schedule uses something sloop cannot express (every reason is listed), 2 usage error or unreadable file.\n\nExample:\n  sloop schedule import-pagerduty payments.json -o oncall/payments.yaml')
    .action(async (file: string, options: ImportOptions) => {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (err: unknown) {
        ctx.io.err(`sloop: cannot read ${file} (${describeError(err)}); check the path`);
        ctx.setExitCode(ExitCode.USAGE);
        return;
      }
      let input: unknown;
      try {
        input = JSON.parse(text);
      } catch (err: unknown) {
        throw new InputError(`${file} is not JSON (${describeError(err)}); save the response of PagerDuty's GET /schedules/{id}`);
      }
      const layerOrder = options.layerOrder;
      if (layerOrder !== undefined && layerOrder !== 'highest-first' && layerOrder !== 'lowest-first') {
        ctx.io.err('sloop: --layer-order must be highest-first or lowest-first');
        ctx.setExitCode(ExitCode.USAGE);
        return;
      }
      const result = importPagerDutySchedule(input, {
        ...(options.name ? { name: options.name } : {}),
        ...(options.person ? { personIds: parseMappings(options.person) } : {}),
        ...(layerOrder ? { layerOrder } : {}),
      });
      if (options.output) await writeFile(options.output, result.yaml);
      if (options.json) printJson(ctx.io, { schedule: result.schedule, people: result.people, notes: result.notes, yaml: result.yaml });
      else if (options.output) {
        ctx.io.out(`wrote schedule ${result.schedule.name} (${result.schedule.layers.length} layers, ${result.people.length} stub people) to ${options.output}`);
        for (const note of result.notes) ctx.io.out(`note: ${note}`);
        if (result.people.length > 0) ctx.io.out('next: give the stub people contact methods and check their time zones, then run `sloop validate`');
      } else ctx.io.out(result.yaml);
      ctx.setExitCode(ExitCode.OK);
    });
}

function parseMappings(pairs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const m = /^([^=\s]+)=([^=\s]+)$/.exec(pair);
    if (!m) throw new InputError(`--person ${JSON.stringify(pair)} is not PAGERDUTY_ID=person-id, e.g. PXPGF42=alice`);
    out[m[1]] = m[2];
  }
  return out;
}
