/**
 * `sloop page list|show|ack|resolve`: pages on a sloop server, for responders at a terminal.
 * Acknowledging stops escalation for everyone; resolving asks whether the page was actionable
 * (not actionable creates a highest-priority follow-up to fix or delete the alert).
 */
import type { Command } from 'commander';
import { InputError } from '../../errors/index.js';
import { printJson } from '../io.js';
import type { CliContext } from '../main.js';
import { addServerOptions, callServer, type ServerOptions } from './oncall-http.js';

interface PageView {
  id: string;
  status: string;
  policy: string;
  step: number | 'final';
  repeat: number;
  cycle: number;
  triggeredAt: number;
  acknowledgedBy: string | null;
  resolvedBy: string | null;
  actionable: boolean | null;
  alert: { source: string; summary: string; runbookUrl: string | null };
}

interface PageDetailView {
  page: PageView;
  timeline: Array<{ at: number; kind: string; message: string }>;
  deliveries: Array<{ personId: string; contactMethodId: string; status: string; dueAt: number; attempts: number; lastError: string | null }>;
}

type Options = ServerOptions & { json?: boolean };
const STATUSES = ['triggered', 'acknowledged', 'resolved'];

function line(p: PageView): string {
  const step = p.step === 'final' ? 'final step' : `step ${p.step + 1}`;
  return `${p.id}  ${p.status.padEnd(12)}  ${new Date(p.triggeredAt).toISOString()}  ${p.policy} ${step}  ${p.alert.summary}`;
}

export function register(program: Command, ctx: CliContext): void {
  const page = program.command('page').description('List, show, acknowledge and resolve pages on a sloop server.');
  const out = (opts: Options, value: unknown, text: () => string) => (opts.json ? printJson(ctx.io, value) : ctx.io.out(`${text()}\n`));

  addServerOptions(page.command('list').description('List pages, newest first.'), 'read')
    .option('--status <status>', `only pages in this status (${STATUSES.join(', ')})`)
    .option('--limit <n>', 'at most this many pages', '50')
    .option('--json', 'print the pages as JSON')
    .action(async (opts: Options & { status?: string; limit: string }) => {
      if (opts.status !== undefined && !STATUSES.includes(opts.status)) throw new InputError(`--status ${JSON.stringify(opts.status)} is not a page status; use one of ${STATUSES.join(', ')}`);
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new InputError('--limit must be a whole number from 1 to 1000');
      const query = new URLSearchParams({ limit: String(limit), ...(opts.status ? { status: opts.status } : {}) });
      const { pages } = await callServer<{ pages: PageView[] }>(opts, 'GET', `/api/v1/pages?${query}`);
      out(opts, { pages }, () => (pages.length === 0 ? 'No pages.' : pages.map(line).join('\n')));
    });

  addServerOptions(page.command('show').argument('<id>', 'page id').description('Show a page with its timeline and deliveries.'), 'read')
    .option('--json', 'print the page as JSON')
    .action(async (id: string, opts: Options) => {
      const detail = await callServer<PageDetailView>(opts, 'GET', `/api/v1/pages/${encodeURIComponent(id)}`);
      out(opts, detail, () => {
        const p = detail.page;
        const rows = [line(p), `runbook: ${p.alert.runbookUrl ?? 'none (add one to the alert)'}`, '', 'Timeline:'];
        rows.push(...detail.timeline.map((e) => `  ${new Date(e.at).toISOString()}  ${e.kind.padEnd(15)}  ${e.message}`));
        rows.push('', 'Deliveries:');
        rows.push(...detail.deliveries.map((d) => `  ${d.personId}/${d.contactMethodId}  ${d.status.padEnd(9)}  due ${new Date(d.dueAt).toISOString()}  ${d.attempts} attempt(s)${d.lastError ? `  ${d.lastError}` : ''}`));
        return rows.join('\n');
      });
    });

  addServerOptions(page.command('ack').argument('<id>', 'page id').description('Acknowledge a page: escalation stops for everyone.'), 'write')
    .option('--json', 'print the page as JSON')
    .action(async (id: string, opts: Options) => {
      const { page: p } = await callServer<{ page: PageView }>(opts, 'POST', `/api/v1/pages/${encodeURIComponent(id)}/acknowledge`, {});
      out(opts, { page: p }, () => `Acknowledged ${p.id}; escalation stopped.`);
    });

  addServerOptions(page.command('resolve').argument('<id>', 'page id').description('Resolve a page, saying whether it needed a human.'), 'write')
    .option('--actionable', 'the page needed a human (the default)')
    .option('--not-actionable', 'the page needed no human: creates a highest-priority follow-up to fix or delete the alert')
    .option('--note <text>', 'a note for the timeline')
    .option('--json', 'print the page as JSON')
    .action(async (id: string, opts: Options & { actionable?: boolean; notActionable?: boolean; note?: string }) => {
      if (opts.actionable && opts.notActionable) throw new InputError('pass either --actionable or --not-actionable, not both');
      const body = { actionable: !opts.notActionable, ...(opts.note ? { note: opts.note } : {}) };
      const { page: p } = await callServer<{ page: PageView }>(opts, 'POST', `/api/v1/pages/${encodeURIComponent(id)}/resolve`, body);
      out(opts, { page: p }, () => `Resolved ${p.id} as ${p.actionable ? 'actionable' : 'NOT actionable; a follow-up was created (GET /api/v1/follow-ups)'}.`);
    });
}
