/**
 * `sloop oncall [SCHEDULE] [--at T]`: who is on call, answered from a server (overrides and
 * swaps included) or from local config files with --config (layers only: overrides live on
 * the server, and the output says so). `sloop oncall load`: hours on call, at night, at
 * weekends and pages per person over a range.
 * Exit codes: 0 answered, 1 invalid config or unknown schedule/person, 2 usage,
 * 4 server unreachable, 5 token refused.
 */
import type { Command } from 'commander';
import { DateTime } from 'luxon';
import { ConfigError, InputError, NotFoundError, formatDiagnostic, hasErrors } from '../../errors/index.js';
import { loadOnCallConfig, type OnCallLoad } from '../../oncall/config/load-oncall.js';
import { computeLoadReport, type LoadReport } from '../../oncall/load/report.js';
import { computeFinalSchedule, whoIsOnCall } from '../../oncall/schedule/final-schedule.js';
import type { Shift } from '../../oncall/schedule/model.js';
import { loadConfig } from '../../slo/spec/load.js';
import { ExitCode } from '../exit-codes.js';
import { printJson } from '../io.js';
import type { CliContext } from '../main.js';
import { addServerOptions, callServer, parseTimeOption, serverOf, type ServerOptions } from './oncall-http.js';

interface OnCallOptions extends ServerOptions {
  at?: string;
  config?: string[];
  json?: boolean;
}

interface Answer {
  schedule: string;
  timeZone: string;
  people: { id: string; name: string }[];
  shift: Shift | null;
}

const EXIT_HELP = '\nExit codes: 0 answered, 1 invalid config or unknown schedule/person, 2 usage error, 4 server unreachable, 5 token refused.';
const LOCAL_NOTE = 'answered from config files: overrides and swaps live on the server and are not included; use --server for the live answer';

export function register(program: Command, ctx: CliContext): void {
  const oncall = addServerOptions(program
    .command('oncall')
    .description('who is on call now (or --at a time), from a sloop server or from local config (--config)')
    .argument('[schedule]', 'schedule name; default: every schedule')
    .option('--at <time>', 'ISO 8601 time with offset, a date, epoch ms, or now', 'now')
    .option('--config <paths...>', 'answer from these config files/directories instead of a server (no overrides)')
    .option('--json', 'print {at, source, overridesIncluded, schedules} as JSON')
    .addHelpText('after', `${EXIT_HELP}\n\nExamples:\n  sloop oncall --config examples/oncall\n  sloop oncall primary --at 2026-12-24T20:00:00+01:00 --server http://127.0.0.1:8080 --token $TOKEN\n  sloop oncall load --from 2026-11-01 --to 2026-12-01 --server http://127.0.0.1:8080`), 'read')
    .action(async (schedule: string | undefined, options: OnCallOptions) => {
      const at = parseTimeOption(options.at ?? 'now', '--at', Date.now());
      const local = options.config !== undefined;
      const answers = local ? await answerLocally(options.config!, schedule, at) : await answerFromServer(options, schedule, at);
      if (options.json) {
        printJson(ctx.io, { at, source: local ? 'config' : 'server', overridesIncluded: !local, ...(local ? { note: LOCAL_NOTE } : {}), schedules: answers });
      } else {
        for (const a of answers) ctx.io.out(describeAnswer(a));
        if (local) ctx.io.out(`(${LOCAL_NOTE})`);
      }
      ctx.setExitCode(ExitCode.OK);
    });

  addServerOptions(oncall
    .command('load')
    .description('on-call load per person: hours on call, outside business hours, at weekends and at night, pages and pages at night')
    .requiredOption('--from <time>', 'start of the range (ISO 8601 with offset, a date, or epoch ms)')
    .requiredOption('--to <time>', 'end of the range, exclusive')
    .option('--schedule <name>', 'only this schedule')
    .option('--person <id>', 'only this person')
    .option('--config <paths...>', 'compute from config files instead of a server (no overrides, no page history)')
    .option('--json', 'print the load report as JSON')
    .addHelpText('after', EXIT_HELP), 'read')
    .action(async (_options: unknown, command: Command) => {
      // --server, --token, --config and --json are shared with `oncall`, which may have parsed them.
      const options = command.optsWithGlobals<ServerOptions & { from: string; to: string; schedule?: string; person?: string; config?: string[]; json?: boolean }>();
      const now = Date.now();
      const range = { from: parseTimeOption(options.from, '--from', now), to: parseTimeOption(options.to, '--to', now) };
      if (range.to <= range.from) throw new InputError('--to must be after --from');
      const report = options.config !== undefined ? await loadLocally(options.config, range, options.schedule, options.person) : await loadFromServer(options, range);
      if (options.json) printJson(ctx.io, report);
      else for (const line of describeLoad(report)) ctx.io.out(line);
      ctx.setExitCode(ExitCode.OK);
    });
}

async function readLocalConfig(paths: string[]): Promise<OnCallLoad> {
  const result = await loadConfig(paths);
  const oncall = loadOnCallConfig(result);
  const diagnostics = [...result.diagnostics, ...oncall.diagnostics];
  if (hasErrors(diagnostics)) throw new ConfigError(diagnostics);
  if (oncall.schedules.length === 0) throw new NotFoundError(`no schedules in ${paths.join(', ')}; on-call config is a kind: OnCall document (see docs/oncall-schedules.md)`);
  return oncall;
}

async function answerLocally(paths: string[], name: string | undefined, at: number): Promise<Answer[]> {
  const config = await readLocalConfig(paths);
  const names = new Map(config.people.map((p) => [p.id, p.name]));
  const schedules = name === undefined ? config.schedules : config.schedules.filter((s) => s.name === name);
  if (schedules.length === 0) throw new NotFoundError(`no schedule "${name}" (known: ${config.schedules.map((s) => s.name).join(', ')})`);
  return schedules.map((s) => {
    const shift = whoIsOnCall(s, [], at);
    return { schedule: s.name, timeZone: s.timeZone, people: (shift?.people ?? []).map((id) => ({ id, name: names.get(id) ?? id })), shift };
  });
}

async function answerFromServer(options: ServerOptions, name: string | undefined, at: number): Promise<Answer[]> {
  if (!serverOf(options)) throw new InputError('say where to ask: --server URL (live, with overrides) or --config DIR (local files, no overrides)');
  const list = await callServer<{ schedules: { name: string; timeZone: string }[] }>(options, 'GET', '/api/v1/schedules');
  const schedules = name === undefined ? list.schedules : list.schedules.filter((s) => s.name === name);
  if (schedules.length === 0) throw new NotFoundError(`no schedule "${name}" on the server (known: ${list.schedules.map((s) => s.name).join(', ') || 'none'})`);
  const answers: Answer[] = [];
  for (const s of schedules) {
    const r = await callServer<{ people: Answer['people']; shift: Shift | null }>(options, 'GET', `/api/v1/schedules/${encodeURIComponent(s.name)}/oncall?at=${at}`);
    answers.push({ schedule: s.name, timeZone: s.timeZone, people: r.people, shift: r.shift });
  }
  return answers;
}

function describeAnswer(a: Answer): string {
  if (!a.shift || a.people.length === 0) return `${a.schedule}: nobody is on call (a gap in the schedule)`;
  const who = a.people.map((p) => (p.name === p.id ? p.id : `${p.name} (${p.id})`)).join(' and ');
  const why = a.shift.source.map((src) => (src.kind === 'override' ? `override ${src.overrideId}` : src.kind === 'swap' ? `swap ${src.swapId}` : `layer ${src.layer}`)).join(', ');
  return `${a.schedule}: ${who} until ${DateTime.fromMillis(a.shift.end, { zone: a.timeZone }).toFormat('yyyy-MM-dd HH:mm ZZZZ')} (${why})`;
}

type LoadAnswer = LoadReport & { pageData: { available: boolean; note: string } };

async function loadLocally(paths: string[], range: { from: number; to: number }, schedule?: string, person?: string): Promise<LoadAnswer> {
  const config = await readLocalConfig(paths);
  if (schedule !== undefined && !config.schedules.some((s) => s.name === schedule)) throw new NotFoundError(`no schedule "${schedule}"`);
  if (person !== undefined && !config.people.some((p) => p.id === person)) throw new NotFoundError(`no person "${person}"`);
  const shiftsBySchedule: Record<string, Shift[]> = {};
  for (const s of config.schedules) if (schedule === undefined || s.name === schedule) shiftsBySchedule[s.name] = computeFinalSchedule(s, [], range);
  const report = computeLoadReport({ shiftsBySchedule, people: config.people, pages: [], range });
  return {
    ...report,
    people: person === undefined ? report.people : report.people.filter((p) => p.person === person),
    pageData: { available: false, note: 'computed from config files: no overrides and no page history, so page counts are 0; use --server for both' },
  };
}

async function loadFromServer(options: ServerOptions & { schedule?: string; person?: string }, range: { from: number; to: number }): Promise<LoadAnswer> {
  if (!serverOf(options)) throw new InputError('say where to compute: --server URL (with overrides and pages) or --config DIR (local files)');
  const q = new URLSearchParams({ from: String(range.from), to: String(range.to) });
  if (options.schedule) q.set('schedule', options.schedule);
  if (options.person) q.set('person', options.person);
  return callServer<LoadAnswer>(options, 'GET', `/api/v1/oncall/load?${q}`);
}

function describeLoad(r: LoadAnswer): string[] {
  const h = (n: number) => `${n.toFixed(1)} h`;
  const lines = [`on-call load ${new Date(r.range.from).toISOString()} to ${new Date(r.range.to).toISOString()}`];
  for (const p of r.people) {
    lines.push(`  ${p.person}: ${h(p.hoursOnCall)} on call (${(p.shareOnCall * 100).toFixed(1)}% of the range), ${h(p.hoursOutsideBusinessHours)} outside business hours, ${h(p.weekendHours)} at weekends, ${h(p.nightHours)} at night; ${p.pages} pages (${p.pagesAtNight} at night)`);
  }
  for (const s of r.schedules) lines.push(`  schedule ${s.schedule}: ${(s.coverageShare * 100).toFixed(1)}% covered, ${h(s.gapHours)} with nobody on call`);
  if (!r.pageData.available) lines.push(`  (${r.pageData.note})`);
  return lines;
}
