/**
 * Field-level input checks shared by incidents, postmortems, actions and the status page.
 * Problems are collected so one InputError lists every bad field, and the HTTP layer can
 * return them as-is.
 */
import { InputError, type FieldProblem } from '../errors/index.js';

export class FieldChecks {
  readonly problems: FieldProblem[] = [];

  add(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  /** A trimmed, non-empty string of at most `max` characters. */
  text(path: string, value: unknown, max: number, what: string): string {
    if (typeof value !== 'string' || value.trim() === '') {
      this.add(path, `is required; give the ${what}`);
      return '';
    }
    const trimmed = value.trim();
    if (trimmed.length > max) this.add(path, `is ${trimmed.length} characters long; keep the ${what} to ${max}`);
    return trimmed;
  }

  optionalText(path: string, value: unknown, max: number, what: string): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string' && value.trim() === '') return '';
    return this.text(path, value, max, what);
  }

  oneOf<T extends string>(path: string, value: unknown, allowed: readonly T[], what: string): T {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    this.add(path, `${JSON.stringify(value ?? null)} is not a valid ${what}; use one of ${allowed.join(', ')}`);
    return allowed[0]!;
  }

  names(path: string, value: unknown, what: string): string[] {
    if (value === undefined) return [];
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.trim() === '')) {
      this.add(path, `must be a list of ${what} names`);
      return [];
    }
    return [...new Set(value.map((v: string) => v.trim()))];
  }

  time(path: string, value: unknown, what: string): number {
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
    this.add(path, `must be a time in epoch milliseconds (${what})`);
    return 0;
  }

  url(path: string, value: unknown): string | undefined {
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value === 'string' && /^https?:\/\/[^\s<>"]+$/.test(value)) return value;
    this.add(path, 'must be an http(s) URL');
    return undefined;
  }

  /** Throws one InputError naming every bad field. */
  throwIfAny(what: string): void {
    if (this.problems.length === 0) return;
    const list = this.problems.map((p) => `${p.path}: ${p.message}`).join('; ');
    throw new InputError(`${what} is invalid: ${list}. Fix the named fields and try again.`, this.problems);
  }
}
