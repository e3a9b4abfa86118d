/**
 * `sloop postmortem create|show|edit|submit|publish|overdue`: blameless postmortems on a sloop
 * server. `show --markdown` renders the export locally from the same data the server holds.
 * Exit codes: 0 done, 1 invalid, not found or refused (e.g. publishing without the P0 action
 * item the budget rule asks for), 2 usage, 4 server unreachable, 5 token refused.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { ActionItem } from '../../actions/model.js';
import { InputError } from '../../errors/index.js';
import { formatUtc } from '../../incidents/timeline-markdown.js';
import { renderPostmortemMarkdown } from '../../postmortems/markdown.js';
import type { Postmortem } from '../../postmortems/model.js';
import type { OverduePostmortem } from '../../postmortems/required.js';
import { ExitCode } from '../exit-codes.js';
import { printJson } from '../io.js';
import type { CliContext } from '../main.js';
import { EXIT_HELP } from './incident.js';
import { addServerOptions, callServer, type ServerOptions } from './oncall-http.js';

interface JsonOption extends ServerOptions {
  json?: boolean;
}

const pmPath = (id: string, rest = '') => `/api/v1/postmortems/${encodeURIComponent(id)}${rest}`;

export function register(program: Command, ctx: CliContext): void {
  const postmortem = program.command('postmortem').description('create, edit, review and publish blameless postmortems on a sloop server');
  const done = (o: JsonOption, value: unknown, human: () => void) => {
    if (o.json) printJson(ctx.io, value);
    else human();
    ctx.setExitCode(ExitCode.OK);
  };
  const summary = (pm: Postmortem) => {
    ctx.io.out(`${pm.id}: ${pm.title} (${pm.state}, due ${formatUtc(pm.dueAt)})`);
    for (const r of pm.requirement.reasons) ctx.io.out(`  required: ${r}`);
    if (pm.requirement.topPriorityActionRequired) ctx.io.out('  publishing needs at least one P0 action item');
  };

  addServerOptions(postmortem
    .command('create')
    .description('create the postmortem of an incident, prefilled with impact (budget consumed), key moments and participants')
    .argument('<incident>', 'incident id, e.g. INC-7')
    .option('--template <name>', 'postmortem template (default: the configured default)')
    .option('--json', 'print {postmortem} as JSON')
    .addHelpText('after', EXIT_HELP), 'write')
    .action(async (incident: string, o: JsonOption & { template?: string }) => {
      const { postmortem: pm } = await callServer<{ postmortem: Postmortem }>(o, 'POST', `/api/v1/incidents/${encodeURIComponent(incident)}/postmortem`, o.template ? { template: o.template } : {});
      done(o, { postmortem: pm }, () => summary(pm));
    });

  addServerOptions(postmortem
    .command('show')
    .description('a postmortem: state, why it is required, sections; --markdown for the export')
    .argument('<id>', 'postmortem id, e.g. PM-3')
    .option('--markdown', 'print the Markdown export')
    .option('--json', 'print {postmortem, actions} as JSON')
    .addHelpText('after', EXIT_HELP), 'read')
    .action(async (id: string, o: JsonOption & { markdown?: boolean }) => {
      const result = await callServer<{ postmortem: Postmortem; actions: ActionItem[] }>(o, 'GET', pmPath(id));
      done(o, result, () => {
        if (o.markdown) {
          ctx.io.out(renderPostmortemMarkdown(result.postmortem, result.actions));
          return;
        }
        summary(result.postmortem);
        for (const s of result.postmortem.sections) ctx.io.out(`  [${s.body.trim() === '' ? ' ' : 'x'}] ${s.key}: ${s.title}`);
        for (const a of result.actions) ctx.io.out(`  action ${a.id} ${a.priority} ${a.status} ${a.owner}: ${a.title}`);
      });
    });

  addServerOptions(postmortem
    .command('edit')
    .description('replace one section with Markdown from a file (or - for stdin)')
    .argument('<id>', 'postmortem id')
    .requiredOption('--section <key>', 'section key, e.g. contributingCauses')
    .requiredOption('--file <path>', 'Markdown file with the new body')
    .option('--json', 'print {postmortem} as JSON')
    .addHelpText('after', EXIT_HELP), 'write')
    .action(async (id: string, o: JsonOption & { section: string; file: string }) => {
      let body: string;
      try {
        body = await readFile(o.file === '-' ? '/dev/stdin' : o.file, 'utf8');
      } catch {
        throw new InputError(`cannot read ${o.file}; give a readable Markdown file`);
      }
      const result = await callServer<{ postmortem: Postmortem }>(o, 'PATCH', pmPath(id), { sections: { [o.section]: body } });
      done(o, result, () => ctx.io.out(`${id}: ${o.section} updated`));
    });

  for (const [step, what] of [['submit', 'submit a draft for review'], ['return', 'return a postmortem in review to draft'], ['publish', 'publish a reviewed postmortem (the budget rule may ask for a P0 action item first)']] as const) {
    addServerOptions(postmortem
      .command(step)
      .description(what)
      .argument('<id>', 'postmortem id')
      .option('--json', 'print {postmortem} as JSON')
      .addHelpText('after', EXIT_HELP), 'write')
      .action(async (id: string, o: JsonOption) => {
        const result = await callServer<{ postmortem: Postmortem }>(o, 'POST', pmPath(id, `/${step}`));
        done(o, result, () => ctx.io.out(`${id}: ${result.postmortem.state}`));
      });
  }

  addServerOptions(postmortem
    .command('overdue')
    .description('unpublished postmortems past due, and required ones never started')
    .option('--json', 'print {overdue} as JSON')
    .addHelpText('after', EXIT_HELP), 'read')
    .action(async (o: JsonOption) => {
      const result = await callServer<{ overdue: OverduePostmortem[] }>(o, 'GET', '/api/v1/postmortems?overdue=true');
      done(o, result, () => {
        if (result.overdue.length === 0) ctx.io.out('no overdue postmortems');
        for (const p of result.overdue) ctx.io.out(`${p.incidentId}  ${p.postmortemId ?? '(not started)'}  ${p.state}  ${p.daysOverdue} day(s) overdue`);
      });
    });
}
