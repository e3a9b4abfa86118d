/**
 * `sloop actions list|create|update|report|digest`: action items on a sloop server and the
 * follow-through report. `list` includes follow-ups from pages resolved as not actionable.
 * Exit codes: 0 done, 1 invalid input or not found, 2 usage, 4 server unreachable (or a
 * `digest --send` delivery failed), 5 token refused.
 */
import type { Command } from 'commander';
import type { Digest } from '../../actions/digest.js';
import type { FollowThroughReport } from '../../actions/follow-through.js';
import type { ActionItem } from '../../actions/model.js';
import { ExitCode } from '../exit-codes.js';
import { printJson } from '../io.js';
import type { CliContext } from '../main.js';
import { EXIT_HELP } from './incident.js';
import { addServerOptions, callServer, parseTimeOption, type ServerOptions } from './oncall-http.js';

interface JsonOption extends ServerOptions {
  json?: boolean;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const line = (a: ActionItem) => `${a.id}  ${a.priority}  ${a.status.padEnd(11)}  due ${day(a.dueAt)}  ${a.owner}  ${a.title}${a.incidentId ? ` (${a.incidentId})` : a.pageId ? ` (page ${a.pageId})` : ''}`;

export function register(program: Command, ctx: CliContext): void {
  const actions = program.command('actions').description('action items from incidents, postmortems and pages, and whether they ship');
  const done = (o: JsonOption, value: unknown, human: () => void) => {
    if (o.json) printJson(ctx.io, value);
    else human();
    ctx.setExitCode(ExitCode.OK);
  };

  addServerOptions(actions
    .command('list')
    .description('action items by due date (including page follow-ups)')
    .option('--overdue', 'only open items past their due date')
    .option('--owner <person>', 'only this owner')
    .option('--incident <id>', 'only items of this incident')
    .option('--json', 'print {actions} as JSON')
    .addHelpText('after', EXIT_HELP), 'read')
    .action(async (o: JsonOption & { overdue?: boolean; owner?: string; incident?: string }) => {
      const query = new URLSearchParams({ ...(o.overdue ? { overdue: 'true' } : {}), ...(o.owner ? { owner: o.owner } : {}), ...(o.incident ? { incident: o.incident } : {}) });
      const result = await callServer<{ actions: ActionItem[] }>(o, 'GET', `/api/v1/actions${query.size > 0 ? `?${query}` : ''}`);
      done(o, result, () => {
        if (result.actions.length === 0) ctx.io.out(o.overdue ? 'nothing is overdue' : 'no action items');
        for (const a of result.actions) ctx.io.out(line(a));
      });
    });

  addServerOptions(actions
    .command('create')
    .description('an action item linked to an incident or postmortem')
    .requiredOption('--title <text>', 'what will be done')
    .requiredOption('--owner <person>', 'exactly one owner')
    .requiredOption('--due <time>', 'due date (2026-12-04, ISO 8601 with offset, or epoch ms)')
    .option('--priority <p>', 'P0 (top: what the budget rule asks for) to P3 (default P2)')
    .option('--incident <id>', 'incident it came from')
    .option('--postmortem <id>', 'postmortem it came from')
    .option('--tracker <url>', 'link to the issue tracker')
    .option('--json', 'print {action} as JSON')
    .addHelpText('after', EXIT_HELP), 'write')
    .action(async (o: JsonOption & { title: string; owner: string; due: string; priority?: string; incident?: string; postmortem?: string; tracker?: string }) => {
      const body = {
        title: o.title, owner: o.owner, dueAt: parseTimeOption(o.due, '--due', Date.now()),
        ...(o.priority ? { priority: o.priority } : {}), ...(o.incident ? { incidentId: o.incident } : {}), ...(o.postmortem ? { postmortemId: o.postmortem } : {}), ...(o.tracker ? { trackerUrl: o.tracker } : {}),
      };
      const result = await callServer<{ action: ActionItem }>(o, 'POST', '/api/v1/actions', body);
      done(o, result, () => ctx.io.out(`created ${line(result.action)}`));
    });

  addServerOptions(actions
    .command('update')
    .description('change an action item: status, owner, due date, priority')
    .argument('<id>', 'action item id, e.g. AI-12')
    .option('--status <status>', 'open, in_progress, done or wont_do (with --reason)')
    .option('--reason <text>', "why it won't be done")
    .option('--owner <person>', 'new owner')
    .option('--due <time>', 'new due date')
    .option('--priority <p>', 'P0 to P3')
    .option('--json', 'print {action} as JSON')
    .addHelpText('after', EXIT_HELP), 'write')
    .action(async (id: string, o: JsonOption & { status?: string; reason?: string; owner?: string; due?: string; priority?: string }) => {
      const body = {
        ...(o.status ? { status: o.status } : {}), ...(o.reason ? { wontDoReason: o.reason } : {}), ...(o.owner ? { owner: o.owner } : {}),
        ...(o.due ? { dueAt: parseTimeOption(o.due, '--due', Date.now()) } : {}), ...(o.priority ? { priority: o.priority } : {}),
      };
      const result = await callServer<{ action: ActionItem }>(o, 'PATCH', `/api/v1/actions/${encodeURIComponent(id)}`, body);
      done(o, result, () => ctx.io.out(`updated ${line(result.action)}`));
    });

  addServerOptions(actions
    .command('report')
    .description('follow-through for the last N incidents: shipped, overdue, median time to ship, overdue per owner, page follow-ups')
    .option('--last <n>', 'how many of the latest incidents', '10')
    .option('--json', 'print {report} as JSON')
    .addHelpText('after', EXIT_HELP), 'read')
    .action(async (o: JsonOption & { last: string }) => {
      const result = await callServer<{ report: FollowThroughReport }>(o, 'GET', `/api/v1/reports/follow-through?last=${encodeURIComponent(o.last)}`);
      done(o, result, () => {
        const digest = (r: FollowThroughReport) => [
          `Last ${r.incidents.length} incident(s): ${r.incidentItems.total} action items, ${r.incidentItems.shipped} shipped, ${r.incidentItems.open} open (${r.incidentItems.overdue} overdue), ${r.incidentItems.wontDo} won't do`,
          `Page follow-ups: ${r.pageFollowUps.total}, ${r.pageFollowUps.shipped} shipped, ${r.pageFollowUps.open} open (${r.pageFollowUps.overdue} overdue)`,
          `Median time to ship: ${r.medianDaysToShip === null ? 'nothing shipped yet' : `${r.medianDaysToShip.toFixed(1)} days`}`,
        ];
        for (const l of digest(result.report)) ctx.io.out(l);
        for (const g of result.report.overdueByOwner) {
          ctx.io.out(`Overdue for ${g.owner}:`);
          for (const i of g.items) ctx.io.out(`  ${i.id} ${i.priority} ${i.title} (${i.daysOverdue} day(s) overdue)`);
        }
      });
    });

  addServerOptions(actions
    .command('digest')
    .description('the weekly follow-through digest; --send delivers it now to the server\'s SLOOP_DIGEST_WEBHOOK_URL / SLOOP_DIGEST_EMAIL')
    .option('--last <n>', 'how many of the latest incidents', '10')
    .option('--send', 'send it now (needs a write token)')
    .option('--json', 'print the digest (or the delivery results) as JSON')
    .addHelpText('after', `${EXIT_HELP}\nWith --send, exit 4 also means a digest delivery failed (each result says why).\nA weekly schedule is not built in: run \`sloop actions digest --send\` from cron or a CI schedule.`), 'read')
    .action(async (o: JsonOption & { last: string; send?: boolean }) => {
      const last = encodeURIComponent(o.last);
      if (!o.send) {
        const { digest } = await callServer<{ digest: Digest }>(o, 'GET', `/api/v1/reports/digest?last=${last}`);
        done(o, { digest }, () => ctx.io.out(digest.text));
        return;
      }
      const result = await callServer<{ subject: string; ok: boolean; results: Array<{ ok: boolean; channel: string; destination: string; message?: string }> }>(o, 'POST', `/api/v1/reports/digest/send?last=${last}`);
      done(o, result, () => {
        ctx.io.out(`sent "${result.subject}"`);
        for (const r of result.results) ctx.io.out(`  ${r.ok ? 'delivered' : 'FAILED'}: ${r.channel} ${r.destination}${r.message ? ` (${r.message})` : ''}`);
      });
      // A delivery failed: the destination is the unavailable part.
      if (!result.ok) ctx.setExitCode(ExitCode.UNAVAILABLE);
    });
}
