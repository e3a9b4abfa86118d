/**
 * `sloop override create|list|delete`: runtime overrides on a sloop server. The server runs
 * the fairness check first; an override that breaks the rule is refused (exit 1, the verdict
 * printed) unless an approved exception is given with --exception-approved-by,
 * --exception-reason and --exception-until, which the server records.
 * Exit codes: 0 done, 1 refused as unfair / invalid / not found, 2 usage, 4 server
 * unreachable, 5 token refused.
 */
import type { Command } from 'commander';
import { InputError } from '../../errors/index.js';
import { ExitCode } from '../exit-codes.js';
import { printJson } from '../io.js';
import type { CliContext } from '../main.js';
import { addServerOptions, callServer, parseTimeOption, type ServerOptions } from './oncall-http.js';

interface CreateOptions extends ServerOptions {
  schedule: string;
  person: string;
  from: string;
  to: string;
  reason?: string;
  exceptionApprovedBy?: string;
  exceptionReason?: string;
  exceptionUntil?: string;
  json?: boolean;
}

interface StoredChange {
  id: string;
  schedule: string;
  change: { kind: string; person?: string; start?: number; end?: number; first?: { person: string }; second?: { person: string } };
  createdBy: string;
  reason: string | null;
}

const EXIT_HELP = '\nExit codes: 0 done, 1 refused as unfair (the verdict is printed), invalid or not found, 2 usage error, 4 server unreachable, 5 token refused.';

export function register(program: Command, ctx: CliContext): void {
  const override = program.command('override').description('create, list and delete on-call overrides on a sloop server');

  addServerOptions(override
    .command('create')
    .description('a person covers a schedule for a time range (the fairness check runs first)')
    .requiredOption('--schedule <name>', 'schedule name')
    .requiredOption('--person <id>', 'person who covers')
    .requiredOption('--from <time>', 'start (ISO 8601 with offset, a date, epoch ms, or now)')
    .requiredOption('--to <time>', 'end, exclusive')
    .option('--reason <text>', 'why (recorded with the override)')
    .option('--exception-approved-by <name>', 'who approved breaking the fairness rule (with --exception-reason and --exception-until)')
    .option('--exception-reason <text>', 'why the exception is needed')
    .option('--exception-until <time>', 'when the exception ends')
    .option('--json', 'print {change, verdict, exceptions} as JSON')
    .addHelpText('after', `${EXIT_HELP}\n\nExample:\n  sloop override create --schedule primary --person ben --from 2026-12-24T18:00:00+01:00 --to 2026-12-25T09:00:00+01:00 --reason "ann travels"`), 'write')
    .action(async (options: CreateOptions) => {
      const now = Date.now();
      const body: Record<string, unknown> = {
        person: options.person,
        from: parseTimeOption(options.from, '--from', now),
        to: parseTimeOption(options.to, '--to', now),
        ...(options.reason ? { reason: options.reason } : {}),
      };
      const exceptionFlags = [options.exceptionApprovedBy, options.exceptionReason, options.exceptionUntil].filter((v) => v !== undefined).length;
      if (exceptionFlags > 0 && exceptionFlags < 3) throw new InputError('an exception needs --exception-approved-by, --exception-reason and --exception-until together');
      if (exceptionFlags === 3) {
        body.exception = { approvedBy: options.exceptionApprovedBy, reason: options.exceptionReason, until: parseTimeOption(options.exceptionUntil!, '--exception-until', now) };
      }
      const created = await callServer<{ change: StoredChange; verdict: { message: string }; exceptions: unknown[] }>(options, 'POST', `/api/v1/schedules/${encodeURIComponent(options.schedule)}/overrides`, body);
      if (options.json) printJson(ctx.io, created);
      else {
        ctx.io.out(`created override ${created.change.id}: ${options.person} covers ${options.schedule} from ${new Date(body.from as number).toISOString()} to ${new Date(body.to as number).toISOString()}`);
        ctx.io.out(`fairness: ${created.verdict.message}`);
      }
      ctx.setExitCode(ExitCode.OK);
    });

  addServerOptions(override
    .command('list')
    .description('overrides and swaps of a schedule, in the order they were accepted')
    .requiredOption('--schedule <name>', 'schedule name')
    .option('--json', 'print {changes} as JSON')
    .addHelpText('after', EXIT_HELP), 'read')
    .action(async (options: ServerOptions & { schedule: string; json?: boolean }) => {
      const list = await callServer<{ changes: StoredChange[] }>(options, 'GET', `/api/v1/schedules/${encodeURIComponent(options.schedule)}/overrides`);
      if (options.json) printJson(ctx.io, list);
      else if (list.changes.length === 0) ctx.io.out(`${options.schedule}: no overrides or swaps`);
      else for (const c of list.changes) ctx.io.out(describeChange(c));
      ctx.setExitCode(ExitCode.OK);
    });

  addServerOptions(override
    .command('delete')
    .description('delete an override or swap (the server keeps it in the history)')
    .argument('<id>', 'override or swap id (from `sloop override list`)')
    .requiredOption('--schedule <name>', 'schedule name')
    .option('--json', 'print {deleted} as JSON')
    .addHelpText('after', EXIT_HELP), 'write')
    .action(async (id: string, options: ServerOptions & { schedule: string; json?: boolean }) => {
      const result = await callServer<{ deleted: string }>(options, 'DELETE', `/api/v1/schedules/${encodeURIComponent(options.schedule)}/overrides/${encodeURIComponent(id)}`);
      if (options.json) printJson(ctx.io, result);
      else ctx.io.out(`deleted ${result.deleted} from ${options.schedule}`);
      ctx.setExitCode(ExitCode.OK);
    });
}

function describeChange(c: StoredChange): string {
  const iso = (ms: number | undefined) => (ms === undefined ? '?' : new Date(ms).toISOString());
  const what = c.change.kind === 'swap'
    ? `swap ${c.change.first?.person} <-> ${c.change.second?.person}`
    : `override ${c.change.person} ${iso(c.change.start)} to ${iso(c.change.end)}`;
  return `${c.id}: ${what} (by ${c.createdBy}${c.reason ? `: ${c.reason}` : ''})`;
}
