/**
 * Output helpers shared by all commands: JSON vs human output, progress on stderr (only when
 * stderr is a terminal, or forced), and mapping errors to exit codes with readable messages.
 */
import { SloopError, describeError } from '../errors/index.js';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is an interactive terminal: progress is drawn only then. */
  interactive: boolean;
}

export const processIO: CliIO = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : text + '\n'),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : text + '\n'),
  interactive: Boolean(process.stderr.isTTY),
};

export function printJson(io: CliIO, value: unknown): void {
  io.out(JSON.stringify(value, null, 2));
}

/** A progress reporter that redraws one stderr line at most every 200 ms. */
export function progressReporter(io: CliIO, label: string): { update(done: number, total?: number): void; end(): void } {
  let last = 0;
  let drawn = false;
  return {
    update(done, total) {
      if (!io.interactive) return;
      const now = Date.now();
      if (now - last < 200) return;
      last = now;
      drawn = true;
      const pct = total ? ` ${Math.floor((100 * done) / total)}%` : '';
      process.stderr.write(`\r${label}: ${done.toLocaleString('en-US')}${total ? '/' + total.toLocaleString('en-US') : ''}${pct}   `);
    },
    end() {
      if (drawn) process.stderr.write('\r\x1b[K');
    },
  };
}

export function exitCodeFor(err: unknown): ExitCodeValue {
  if (err instanceof SloopError) {
    switch (err.code) {
      case 'INPUT':
      case 'CONFIG':
      case 'NOT_FOUND':
        return ExitCode.PROBLEMS;
      case 'AUTHENTICATION':
      case 'NOT_ALLOWED':
        return ExitCode.NOT_ALLOWED;
      case 'UNAVAILABLE':
        return ExitCode.UNAVAILABLE;
      default:
        return ExitCode.PROBLEMS;
    }
  }
  return ExitCode.PROBLEMS;
}

/** What the user sees for an error: the message, never a stack trace. */
export function reportError(io: CliIO, err: unknown, json: boolean): ExitCodeValue {
  const code = exitCodeFor(err);
  if (json) {
    const body: Record<string, unknown> = { error: { message: describeError(err) } };
    if (err instanceof SloopError) (body.error as Record<string, unknown>).code = err.code;
    printJson(io, body);
  } else {
    io.err(`sloop: ${describeError(err)}`);
  }
  return code;
}
