/** What the data file's problems mean for the user, shared by `backtest` and `report`. */
import { formatDataProblems, type SliDataResult } from '../sources/file/index.js';

export function dataFindings(data: SliDataResult): Record<string, unknown> {
  return {
    format: data.format,
    rows: data.rows,
    problemCount: data.problemCount,
    problems: formatDataProblems(data.problems, data.problemCount),
    unknownSlos: data.unknownSlos,
  };
}

/** Lines for stderr: warnings for unknown SLO names; errors (which fail the command) for bad rows. */
export function dataFindingLines(data: SliDataResult): { warnings: string[]; errors: string[] } {
  const warnings = data.unknownSlos.map(
    (u) => `warning: ${u.name}: ${u.rows} row(s) from line ${u.firstLine} name no SLO in the configuration and were ignored; check the name or add the SLO`,
  );
  const errors = data.problemCount > 0 ? [...formatDataProblems(data.problems, data.problemCount), `${data.problemCount} bad data row(s) skipped; fix them and run again`] : [];
  return { warnings, errors };
}
