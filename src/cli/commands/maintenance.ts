/**
 * `sloop maintenance create|list|cancel`: scheduled maintenance windows on a sloop server's
 * status page. A window is announced on the page from --announce-at (default: a week before
 * it starts), shows its components as under maintenance while it runs, and subscribers hear
 * about it when it is announced and when it starts.
 * Exit codes: 0 done, 1 invalid or not found, 2 usage, 4 server unreachable, 5 token refused.
 */
import type { Command } from 'commander';
import { ExitCode } from '../exit-codes.js';
import { printJson } from '../io.js';
import type { CliContext } from '../main.js';
import { addServerOptions, callServer, parseTimeOption, type ServerOptions } from './oncall-http.js';

interface Window {
  id: string;
  title: string;
  description: string;
  components: string[];
  startsAt: number;
  endsAt: number;
  announceAt: number;
  state: string;
  createdBy: string;
}

interface CreateOptions extends ServerOptions {
  title: string;
  components: string;
  from: string;
  to: string;
  description?: string;
  announceAt?: string;
  json?: boolean;
}

const EXIT_HELP = '\nExit codes: 0 done, 1 invalid or not found, 2 usage error, 4 server unreachable, 5 token refused.';
const iso = (ms: number) => new Date(ms).toISOString().replace(':00.000Z', 'Z');

export function describeWindow(w: Window): string {
  return `${w.id}  ${w.state.padEnd(11)} ${iso(w.startsAt)} to ${iso(w.endsAt)}  ${w.title} [${w.components.join(', ')}]`;
}

export function register(program: Command, ctx: CliContext): void {
  const maintenance = program.command('maintenance').description('schedule, list and cancel maintenance windows on the status page');

  addServerOptions(maintenance
    .command('create')
    .description('schedule a maintenance window (public: title and description appear on the status page)')
    .requiredOption('--title <text>', 'public title')
    .requiredOption('--components <ids>', 'comma-separated component ids from the StatusPage config')
    .requiredOption('--from <time>', 'start (ISO 8601 with offset, a date, epoch ms, or now)')
    .requiredOption('--to <time>', 'end')
    .option('--description <text>', 'public description')
    .option('--announce-at <time>', 'when the page starts showing it (default: a week before the start)')
    .option('--json', 'print the created window as JSON')
    .addHelpText('after', `${EXIT_HELP}\n\nExample:\n  sloop maintenance create --title "Database upgrade" --components checkout --from 2026-12-02T06:00:00Z --to 2026-12-02T06:30:00Z`), 'write')
    .action(async (options: CreateOptions) => {
      const now = Date.now();
      const body = {
        title: options.title,
        components: options.components.split(',').map((c) => c.trim()).filter((c) => c !== ''),
        startsAt: parseTimeOption(options.from, '--from', now),
        endsAt: parseTimeOption(options.to, '--to', now),
        ...(options.description !== undefined ? { description: options.description } : {}),
        ...(options.announceAt !== undefined ? { announceAt: parseTimeOption(options.announceAt, '--announce-at', now) } : {}),
      };
      const created = await callServer<Window>(options, 'POST', '/api/v1/maintenance', body);
      if (options.json) printJson(ctx.io, created);
      else ctx.io.out(`scheduled ${describeWindow(created)}; announced from ${iso(created.announceAt)}`);
      ctx.setExitCode(ExitCode.OK);
    });

  addServerOptions(maintenance
    .command('list')
    .description('maintenance windows that have not ended, soonest first')
    .option('--all', 'include windows completed within the page history')
    .option('--json', 'print {maintenance} as JSON')
    .addHelpText('after', EXIT_HELP), 'read')
    .action(async (options: ServerOptions & { all?: boolean; json?: boolean }) => {
      const list = await callServer<{ maintenance: Window[] }>(options, 'GET', `/api/v1/maintenance${options.all ? '?all=true' : ''}`);
      if (options.json) printJson(ctx.io, list);
      else if (list.maintenance.length === 0) ctx.io.out('no maintenance windows');
      else for (const w of list.maintenance) ctx.io.out(describeWindow(w));
      ctx.setExitCode(ExitCode.OK);
    });

  addServerOptions(maintenance
    .command('cancel')
    .description('cancel a maintenance window (it leaves the page; the server keeps the record)')
    .argument('<id>', 'maintenance id such as MW-3 (from `sloop maintenance list`)')
    .option('--json', 'print {cancelled} as JSON')
    .addHelpText('after', EXIT_HELP), 'write')
    .action(async (id: string, options: ServerOptions & { json?: boolean }) => {
      const result = await callServer<{ cancelled: string }>(options, 'DELETE', `/api/v1/maintenance/${encodeURIComponent(id)}`);
      if (options.json) printJson(ctx.io, result);
      else ctx.io.out(`cancelled ${result.cancelled}`);
      ctx.setExitCode(ExitCode.OK);
    });
}
