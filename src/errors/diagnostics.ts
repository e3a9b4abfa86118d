/**
 * Config problems are collected, never thrown one at a time, so `sloop validate` can report
 * every problem at once. Each names the file position and the field, after Prometheus's loader.
 */
import { SloopError } from './errors.js';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  file: string;
  /** 1-based; 0 when the problem has no position (e.g. an unreadable file). */
  line: number;
  column: number;
  /** Field path such as `slos[0].objective`; empty for whole-file problems. */
  field: string;
  message: string;
}

/** `file:line:column: severity: field: message` — one line, stable, used by fixtures. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file;
  const field = d.field ? `${d.field}: ` : '';
  return `${where}: ${d.severity}: ${field}${d.message}`;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Thrown when a configuration cannot be used; carries every diagnostic. */
export class ConfigError extends SloopError {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    super(
      'CONFIG',
      `configuration has ${errors.length} error(s):\n` + errors.map(formatDiagnostic).join('\n') +
        '\nFix them and run `sloop validate` again.',
    );
    this.diagnostics = diagnostics;
  }
}
