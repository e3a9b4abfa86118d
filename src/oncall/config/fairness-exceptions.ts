/**
 * The `fairnessExceptions` section of a `kind: OnCall` document: approved, recorded
 * exceptions to the fairness rule, kept in git next to the schedules they bend.
 *
 *   fairnessExceptions:
 *     - person: alice
 *       schedule: primary
 *       approvedBy: carol
 *       reason: covering parental leave in March
 *       until: 2026-04-01          # date (midnight UTC) or ISO date-time with offset
 *       maxShare: 0.5              # optional: raise the limit instead of lifting it
 *
 * Names are checked later against every document's people and schedules (loadOnCallConfig).
 */
import { isMap, type Document, type LineCounter, type Node } from 'yaml';
import type { Diagnostic } from '../../errors/index.js';
import { DocContext, MapReader } from '../../slo/spec/yaml-reader.js';
import type { FairnessException } from '../fairness/model.js';

export interface ParsedException {
  exception: FairnessException;
  origin: { file: string; line: number; column: number; field: string };
}

const KEYS = ['person', 'schedule', 'approvedBy', 'reason', 'until', 'maxShare'];

export function parseFairnessExceptions(doc: Document, lineCounter: LineCounter, file: string): { exceptions: ParsedException[]; diagnostics: Diagnostic[] } {
  const ctx = new DocContext(file, lineCounter, []);
  const exceptions: ParsedException[] = [];
  if (!isMap(doc.contents) || doc.errors.length > 0) return { exceptions, diagnostics: ctx.diagnostics };
  const root = MapReader.open(ctx, doc.contents as Node, '');
  if (!root) return { exceptions, diagnostics: ctx.diagnostics };
  for (const { node, path } of root.list('fairnessExceptions')) {
    const r = MapReader.of(ctx, node, path, KEYS, 'an exception mapping with person, schedule, approvedBy, reason and until');
    if (!r) continue;
    const person = r.require('person', 'name the person the exception is for') ? r.text('person') : undefined;
    const schedule = r.require('schedule', 'name the schedule the exception applies to') ? r.text('schedule') : undefined;
    const approvedBy = r.require('approvedBy', 'record who approved the exception') ? r.text('approvedBy') : undefined;
    const reason = r.require('reason', 'record why the exception is needed') ? r.string('reason') : undefined;
    const until = r.require('until', 'every exception must end; add e.g. `until: 2026-04-01`') ? readUntil(ctx, r) : undefined;
    const maxShare = r.number('maxShare');
    if (maxShare !== undefined && !(maxShare > 0 && maxShare <= 1)) {
      ctx.error(r.node_('maxShare'), r.field('maxShare'), 'must be a share between 0 and 1, e.g. 0.5 for half of the horizon');
      continue;
    }
    if (person === undefined || schedule === undefined || approvedBy === undefined || reason === undefined || until === undefined) continue;
    if (reason.trim() === '') {
      ctx.error(r.node_('reason'), r.field('reason'), 'is empty; record why the exception is needed');
      continue;
    }
    exceptions.push({
      exception: { person, schedule, approvedBy, reason, until, ...(maxShare !== undefined ? { maxShare } : {}) },
      origin: { file, ...ctx.position(node), field: path },
    });
  }
  return { exceptions, diagnostics: ctx.diagnostics };
}

function readUntil(ctx: DocContext, r: MapReader): number | undefined {
  const text = r.text('until');
  if (text === undefined) return undefined;
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T00:00:00Z`) : /(Z|[+-]\d{2}:?\d{2})$/.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(ms)) {
    ctx.error(r.node_('until'), r.field('until'), `"${text}" is not a date; write 2026-04-01 or 2026-04-01T09:00:00+02:00`);
    return undefined;
  }
  return ms;
}
