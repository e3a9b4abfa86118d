/**
 * What both readers (CSV and NDJSON) do with a parsed row: validate it, add it to its SLO's
 * per-minute series, or record a problem naming the line.
 */
import { MinuteSeries } from './series.js';
import { ProblemList, type DataProblem } from './problems.js';

export interface UnknownSlo {
  name: string;
  rows: number;
  firstLine: number;
}

export interface SliDataResult {
  format: 'csv' | 'ndjson';
  /** One series per known SLO name, in the order given; empty when the file had no rows for it. */
  series: MinuteSeries[];
  /** Rows accepted. */
  rows: number;
  /** The first problems (capped), and how many there were in all. */
  problems: DataProblem[];
  problemCount: number;
  /** Names in the file that match no SLO of the configuration, each once. */
  unknownSlos: UnknownSlo[];
}

export class RowCollector {
  readonly series: MinuteSeries[];
  readonly problems: ProblemList;
  private readonly unknown = new Map<string, UnknownSlo>();
  rows = 0;

  constructor(sloCount: number, file: string) {
    this.series = Array.from({ length: sloCount }, () => new MinuteSeries());
    this.problems = new ProblemList(file);
  }

  /** A row for a known SLO (the hot path: no allocation). */
  accept(line: number, sloIndex: number, ms: number, good: number, total: number): void {
    if (good > total) return this.goodAboveTotal(line, good, total);
    this.series[sloIndex]!.add(Math.floor(ms / 60_000), good, total);
    this.rows++;
  }

  /** A well-formed row whose SLO name is not in the configuration. */
  acceptUnknown(line: number, name: string, good: number, total: number): void {
    if (good > total) return this.goodAboveTotal(line, good, total);
    const seen = this.unknown.get(name);
    if (seen) seen.rows++;
    else this.unknown.set(name, { name, rows: 1, firstLine: line });
  }

  private goodAboveTotal(line: number, good: number, total: number): void {
    this.problems.add(line, `good (${good}) is greater than total (${total}); good counts the successful share of total`);
  }

  result(format: 'csv' | 'ndjson'): SliDataResult {
    return {
      format,
      series: this.series,
      rows: this.rows,
      problems: this.problems.shown,
      problemCount: this.problems.count,
      unknownSlos: [...this.unknown.values()],
    };
  }
}
