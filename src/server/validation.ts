/**
 * Request validation at the edge: zod issues become field-level problems with paths like
 * `samples[3].good`, collected into one InputError so a client sees every bad field at once.
 */
import type { z } from 'zod';
import { InputError, type FieldProblem } from '../errors/index.js';

export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

export function problemsFromZod(error: z.ZodError, prefix: string): FieldProblem[] {
  return error.issues.map((issue) => {
    const path = formatIssuePath(issue.path);
    return { path: path === '' ? prefix : `${prefix}.${path}`.replace(/\.\[/g, '['), message: issue.message };
  });
}

/** Parses `value` or throws an InputError naming every bad field under `where` (body, query, params). */
export function parseRequestPart<T>(schema: z.ZodType<T>, value: unknown, where: 'body' | 'query' | 'params'): T {
  const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (result.success) return result.data;
  const problems = problemsFromZod(result.error, where);
  throw new InputError(`invalid request ${where}: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
}
