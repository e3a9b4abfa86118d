/**
 * Bad rows are collected, not thrown: the user sees every problem (up to a cap) with the file
 * and line, like `data.csv:17: good (12) is greater than total (10)`.
 */
export const MAX_REPORTED_PROBLEMS = 20;

export interface DataProblem {
  file: string;
  line: number;
  message: string;
}

export function formatDataProblem(p: DataProblem): string {
  return `${p.file}:${p.line}: ${p.message}`;
}

export class ProblemList {
  readonly shown: DataProblem[] = [];
  count = 0;
  constructor(private readonly file: string) {}

  add(line: number, message: string): void {
    this.count++;
    if (this.shown.length < MAX_REPORTED_PROBLEMS) this.shown.push({ file: this.file, line, message });
  }
}

/** Lines for humans: the shown problems, then "... and N more". */
export function formatDataProblems(shown: readonly DataProblem[], count: number): string[] {
  const lines = shown.map(formatDataProblem);
  if (count > shown.length) lines.push(`... and ${count - shown.length} more bad row(s)`);
  return lines;
}
