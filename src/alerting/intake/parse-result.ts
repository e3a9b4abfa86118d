/**
 * Parsers never throw on bad input: they return every problem at once, with field paths like
 * `alerts[2].labels`, so a sender sees all that is wrong with one payload in one response.
 */
import type { z } from 'zod';
import type { FieldProblem } from '../../errors/index.js';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

export function invalid<T>(problems: FieldProblem[]): ParseResult<T> {
  return { ok: false, problems };
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(body)' : out;
}

export function problemsFromZod(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

/** `path: message; path: message` for one-line error messages. */
export function describeProblems(problems: readonly FieldProblem[]): string {
  return problems.map((p) => `${p.path}: ${p.message}`).join('; ');
}
