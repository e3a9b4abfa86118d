/**
 * `sloop incident declare|list|show|update|role|note|resolve`: incidents on a sloop server.
 * The server records the token's name as who acted (note author, role changer). Severities are
 * the server's configured ones; `sloop incident declare --help` shows the default rubric and a
 * wrong severity is answered with the configured list.
 * Exit codes: 0 done, 1 invalid input, not found or conflict (e.g. the role is held), 2 usage,
 * 4 server unreachable, 5 token refused.
 */
import type { Command } from 'commander';
import { DEFAULT_SEVERITIES } from '../../incidents/config.js';
import { INCIDENT_ROLES, ROLE_TITLES, type Incident, type TimelineEntry } from '../../incidents/model.js';
import { formatUtc, renderTimelineMarkdown } from '../../incidents/timeline-markdown.js';
import { ExitCode } from '../exit-codes.js';
import { printJson } from '../io.js';
import type { CliContext } from '../main.js';
import { addServerOptions, callServer, parseTimeOption, type ServerOptions } from './oncall-http.js';

export const EXIT_HELP = '\nExit codes: 0 done, 1 invalid input, not found or conflict, 2 usage error, 4 server unreachable, 5 token refused.\nServer and token: --server URL --token T, or SLOOP_SERVER and SLOOP_TOKEN.';
const RUBRIC = `\nSeverities (defaults; the server may configure others):\n${DEFAULT_SEVERITIES.map((s) => `  ${s.id}: ${s.rubric} ${s.response}`).join('\n')}`;

interface Change {
  incident: Incident;
  entries: TimelineEntry[];
  notices: string[];
}

interface JsonOption extends ServerOptions {
  json?: boolean;
}

const list = (value: string): string[] => value.split(',').map((s) => s.trim()).filter(Boolean);
const path = (id: string, rest = '') => `/api/v1/incidents/${encodeURIComponent(id)}${rest}`;

export function register(program: Command, ctx: CliContext): void {
  const incident = program.command('incident').description('declare, update and follow incidents on a sloop server');
  const print = (options: JsonOption, value: unknown, human: () => void) => {
    if (options.json) printJson(ctx.io, value);
    else human();
    ctx.setExitCode(ExitCode.OK);
  };
  const printChange = (options: JsonOption, change: Change, what: string) =>
    print(options, change, () => {
      ctx.io.out(`${change.incident.id}: ${what}`);
      for (const e of change.entries) ctx.io.out(`  ${formatUtc(e.at)} ${e.message}`);
      for (const n of change.notices) ctx.io.out(`  notice: ${n}`);
    });

  addServerOptions(incident
    .command('declare')
    .description('declare an incident by hand, or from a page with --page (idempotent per page)')
    .option('--title <text>', 'short title (from a page: defaults to the alert summary)')
    .option('--severity <id>', 'severity id, e.g. SEV2 (from a page: defaults to SEV2)')
    .option('--page <id>', 'declare from this page: its alert, page and acknowledgement go on the timeline')
    .option('--services <list>', 'comma-separated affected services', list)
    .option('--journeys <list>', 'comma-separated affected journeys', list)
    .option('--slos <list>', 'comma-separated SLOs whose budget measures the impact', list)
    .option('--summary <text>', 'short customer-facing summary')
    .option('--started-at <time>', 'when impact began (ISO 8601 with offset, epoch ms, or now)')
    .option('--json', 'print {incident, entries, notices, created} as JSON')
    .addHelpText('after', `${RUBRIC}\n${EXIT_HELP}\n\nExamples:\n  sloop incident declare --title "Checkout errors" --severity SEV2 --services shop --slos checkout-availability\n  sloop incident declare --page pg_3f9a12`), 'write')
    .action(async (o: JsonOption & { title?: string; severity?: string; page?: string; services?: string[]; journeys?: string[]; slos?: string[]; summary?: string; startedAt?: string }) => {
      const body = {
        ...(o.title !== undefined ? { title: o.title } : {}),
        ...(o.severity !== undefined ? { severity: o.severity } : {}),
        ...(o.services ? { services: o.services } : {}),
        ...(o.journeys ? { journeys: o.journeys } : {}),
        ...(o.slos ? { slos: o.slos } : {}),
        ...(o.summary !== undefined ? { customerSummary: o.summary } : {}),
        ...(o.startedAt !== undefined ? { startedAt: parseTimeOption(o.startedAt, '--started-at', Date.now()) } : {}),
      };
      const change = o.page
        ? await callServer<Change & { created: boolean }>(o, 'POST', `/api/v1/pages/${encodeURIComponent(o.page)}/incident`, body)
        : await callServer<Change & { created: boolean }>(o, 'POST', '/api/v1/incidents', body);
      printChange(o, change, change.created ? `declared ${change.incident.severity} "${change.incident.title}"` : 'already declared from this page');
    });

  addServerOptions(incident
    .command('list')
    .description('incidents, newest first')
    .option('--open', 'only incidents not resolved')
    .option('--status <list>', 'comma-separated statuses: investigating,identified,monitoring,resolved')
    .option('--limit <n>', 'at most this many (default 100)')
    .option('--json', 'print {incidents} as JSON')
    .addHelpText('after', EXIT_HELP), 'read')
    .action(async (o: JsonOption & { open?: boolean; status?: string; limit?: string }) => {
      const query = new URLSearchParams({ ...(o.open ? { open: 'true' } : {}), ...(o.status ? { status: o.status } : {}), ...(o.limit ? { limit: o.limit } : {}) });
      const result = await callServer<{ incidents: Incident[] }>(o, 'GET', `/api/v1/incidents${query.size > 0 ? `?${query}` : ''}`);
      print(o, result, () => {
        if (result.incidents.length === 0) ctx.io.out('no incidents');
        for (const i of result.incidents) ctx.io.out(`${i.id}  ${i.severity}  ${i.status.padEnd(13)}  ${formatUtc(i.declaredAt)}  ${i.title}`);
      });
    });

  addServerOptions(incident
    .command('show')
    .description('one incident: severity, status, roles, notices and the timeline')
    .argument('<id>', 'incident id, e.g. INC-7')
    .option('--markdown', 'print the timeline as Markdown (key moments first)')
    .option('--json', 'print {incident, timeline, notices, severity} as JSON')
    .addHelpText('after', EXIT_HELP), 'read')
    .action(async (id: string, o: JsonOption & { markdown?: boolean }) => {
      const view = await callServer<{ incident: Incident; timeline: TimelineEntry[]; notices: string[]; severity: { label: string } | null }>(o, 'GET', path(id));
      if (o.markdown && !o.json) {
        ctx.io.out(renderTimelineMarkdown(view.incident, view.timeline));
        ctx.setExitCode(ExitCode.OK);
        return;
      }
      print(o, view, () => {
        const i = view.incident;
        ctx.io.out(`${i.id}: ${i.title}`);
        ctx.io.out(`  severity ${view.severity?.label ?? i.severity}`);
        ctx.io.out(`  status ${i.status}; declared ${formatUtc(i.declaredAt)} by ${i.declaredBy}${i.resolvedAt !== null ? `; resolved ${formatUtc(i.resolvedAt)}` : ''}`);
        const roles = INCIDENT_ROLES.filter((r) => i.roles[r] !== undefined).map((r) => `${ROLE_TITLES[r]}: ${i.roles[r]}`);
        ctx.io.out(`  roles: ${roles.length > 0 ? roles.join(', ') : 'none assigned'}`);
        for (const n of view.notices) ctx.io.out(`  notice: ${n}`);
        ctx.io.out('  timeline:');
        for (const e of view.timeline) ctx.io.out(`    ${formatUtc(e.at)} ${e.pinned ? '★ ' : ''}${e.actor}: ${e.message}`);
      });
    });

  addServerOptions(incident
    .command('update')
    .description('change severity, status, title or the customer-facing summary')
    .argument('<id>', 'incident id')
    .option('--severity <id>', 'new severity')
    .option('--status <status>', 'investigating, identified, monitoring or resolved')
    .option('--title <text>', 'new title')
    .option('--summary <text>', 'new customer-facing summary')
    .option('--json', 'print {incident, entries, notices} as JSON')
    .addHelpText('after', `${RUBRIC}\n${EXIT_HELP}`), 'write')
    .action(async (id: string, o: JsonOption & { severity?: string; status?: string; title?: string; summary?: string }) => {
      const body = { ...(o.severity ? { severity: o.severity } : {}), ...(o.status ? { status: o.status } : {}), ...(o.title ? { title: o.title } : {}), ...(o.summary !== undefined ? { customerSummary: o.summary } : {}) };
      printChange(o, await callServer<Change>(o, 'PATCH', path(id), body), 'updated');
    });

  addServerOptions(incident
    .command('role')
    .description('assign, hand over or release an incident role (commander handovers are recorded and pinned)')
    .argument('<id>', 'incident id')
    .argument('<action>', 'assign, handover or release')
    .argument('<role>', `one of ${INCIDENT_ROLES.join(', ')}`)
    .argument('[person]', 'who takes the role (assign, handover)')
    .option('--json', 'print {incident, entries, notices} as JSON')
    .addHelpText('after', `${EXIT_HELP}\n\nExample:\n  sloop incident role INC-7 handover commander pete`), 'write')
    .action(async (id: string, action: string, role: string, person: string | undefined, o: JsonOption) => {
      const change = await callServer<Change>(o, 'POST', path(id, '/roles'), { action, role, ...(person ? { person } : {}) });
      printChange(o, change, `${action} ${role}`);
    });

  addServerOptions(incident
    .command('note')
    .description("add a note to the timeline (the author is the token's name)")
    .argument('<id>', 'incident id')
    .argument('<text>', 'the note')
    .option('--pin', 'pin it as a key moment')
    .option('--json', 'print {incident, entries, notices} as JSON')
    .addHelpText('after', EXIT_HELP), 'write')
    .action(async (id: string, text: string, o: JsonOption & { pin?: boolean }) => {
      printChange(o, await callServer<Change>(o, 'POST', path(id, '/notes'), { text, ...(o.pin ? { pinned: true } : {}) }), 'note added');
    });

  addServerOptions(incident
    .command('resolve')
    .description('resolve the incident, with an optional closing note')
    .argument('<id>', 'incident id')
    .option('--note <text>', 'closing note')
    .option('--json', 'print {incident, entries, notices} as JSON')
    .addHelpText('after', EXIT_HELP), 'write')
    .action(async (id: string, o: JsonOption & { note?: string }) => {
      printChange(o, await callServer<Change>(o, 'POST', path(id, '/resolve'), o.note ? { note: o.note } : {}), 'resolved');
    });
}
