/**
 * Runtime overrides and swaps arrive as JSON through the API and CLI; this turns them into
 * ScheduleChange objects or an InputError naming every bad field. Times may be epoch ms or
 * ISO 8601 strings with an offset.
 */
import { InputError, type FieldProblem } from '../../errors/index.js';
import type { Override, ScheduleChange, ShiftSwap, SwapSide } from './model.js';

export function parseScheduleChange(input: unknown, knownPeople: ReadonlySet<string>): ScheduleChange {
  const problems: FieldProblem[] = [];
  const obj = isRecord(input) ? input : {};
  if (!isRecord(input)) problems.push({ path: '', message: 'expected an object with kind "override" or "swap"' });
  const id = typeof obj.id === 'string' && obj.id.trim() ? obj.id : undefined;
  if (!id) problems.push({ path: 'id', message: 'give the change a non-empty id' });
  let change: ScheduleChange | undefined;
  if (obj.kind === 'override') {
    const side = readSide(obj, '', knownPeople, problems);
    if (id && side) change = { kind: 'override', id, ...side } satisfies Override;
  } else if (obj.kind === 'swap') {
    const first = readSide(isRecord(obj.first) ? obj.first : {}, 'first.', knownPeople, problems);
    const second = readSide(isRecord(obj.second) ? obj.second : {}, 'second.', knownPeople, problems);
    if (first && second && first.person === second.person) problems.push({ path: 'second.person', message: 'a swap needs two different people' });
    if (id && first && second && first.person !== second.person) change = { kind: 'swap', id, first, second } satisfies ShiftSwap;
  } else if (isRecord(input)) {
    problems.push({ path: 'kind', message: `expected "override" or "swap", got ${JSON.stringify(obj.kind)}` });
  }
  if (problems.length > 0 || !change) {
    throw new InputError(`invalid schedule change: ${problems.map((p) => `${p.path || '(root)'}: ${p.message}`).join('; ')}`, problems);
  }
  return change;
}

function readSide(obj: Record<string, unknown>, prefix: string, known: ReadonlySet<string>, problems: FieldProblem[]): SwapSide | undefined {
  const person = typeof obj.person === 'string' ? obj.person : undefined;
  if (!person) problems.push({ path: `${prefix}person`, message: 'name the person (a person id)' });
  else if (!known.has(person)) problems.push({ path: `${prefix}person`, message: `unknown person "${person}"; use an id declared under people` });
  const start = readTime(obj.start, `${prefix}start`, problems);
  const end = readTime(obj.end, `${prefix}end`, problems);
  if (start !== undefined && end !== undefined && end <= start) problems.push({ path: `${prefix}end`, message: 'must be after start' });
  if (!person || !known.has(person) || start === undefined || end === undefined || end <= start) return undefined;
  return { person, start, end };
}

function readTime(value: unknown, path: string, problems: FieldProblem[]): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /(Z|[+-]\d{2}:?\d{2})$/.test(value) && !Number.isNaN(Date.parse(value))) return Date.parse(value);
  problems.push({ path, message: 'expected epoch milliseconds or an ISO 8601 date-time with an offset, e.g. 2026-03-01T09:00:00+01:00' });
  return undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
