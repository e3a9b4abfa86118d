/**
 * A small set of typed errors, after @backstage/errors: one base class that keeps `cause`,
 * and a few domain errors. The HTTP layer maps them to statuses, the CLI to exit codes.
 * Every message tells the user what to do next.
 */
export type ErrorCode =
  | 'INPUT'
  | 'CONFIG'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'NOT_ALLOWED'
  | 'AUTHENTICATION'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNAVAILABLE';

export class SloopError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** One bad field in a request or a file. `path` is the field path, e.g. `samples[3].good`. */
export interface FieldProblem {
  path: string;
  message: string;
}

export class InputError extends SloopError {
  readonly problems: FieldProblem[];
  constructor(message: string, problems: FieldProblem[] = [], options?: { cause?: unknown }) {
    super('INPUT', message, options);
    this.problems = problems;
  }
}

export class NotFoundError extends SloopError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('NOT_FOUND', message, options);
  }
}

export class ConflictError extends SloopError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CONFLICT', message, options);
  }
}

export class NotAllowedError extends SloopError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('NOT_ALLOWED', message, options);
  }
}

export class AuthenticationError extends SloopError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('AUTHENTICATION', message, options);
  }
}

export class PayloadTooLargeError extends SloopError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('PAYLOAD_TOO_LARGE', message, options);
  }
}

export class UnavailableError extends SloopError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('UNAVAILABLE', message, options);
  }
}

/** Turns any caught value into a message that is safe to show (no stack, no internals). */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
