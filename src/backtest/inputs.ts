/**
 * Loads what the backtest and the report read: the SLO configuration and a recorded data file,
 * turned into per-SLO minute series. Unreadable paths raise UnreadableDataError (the CLI maps it
 * to exit code 2); config errors raise ConfigError; bad rows are returned, not thrown.
 */
import { stat } from 'node:fs/promises';
import { ConfigError, hasErrors, type Diagnostic } from '../errors/index.js';
import { readSliData, UnreadableDataError, type SliDataResult } from '../sources/file/index.js';
import { loadConfig } from '../slo/spec/index.js';
import type { SloConfig } from '../slo/model.js';
import type { MinuteSeriesData } from './backtest.js';

export interface RecordedInputs {
  config: SloConfig;
  /** Warnings from the configuration (errors are thrown). */
  warnings: Diagnostic[];
  data: SliDataResult;
  series: Map<string, MinuteSeriesData | null>;
}

export async function loadRecordedInputs(
  configPaths: readonly string[],
  dataPath: string,
  onProgress?: (bytesRead: number, totalBytes: number) => void,
): Promise<RecordedInputs> {
  for (const path of configPaths) {
    try {
      await stat(path);
    } catch {
      throw new UnreadableDataError(`cannot read config ${path}: no such file or directory; pass --config with an SLO file or folder`);
    }
  }
  const { config, diagnostics } = await loadConfig(configPaths);
  if (hasErrors(diagnostics)) throw new ConfigError(diagnostics);
  const data = await readSliData(dataPath, { sloNames: config.slos.map((s) => s.name), onProgress });
  const series = new Map<string, MinuteSeriesData | null>();
  config.slos.forEach((slo, i) => series.set(slo.name, data.series[i]!.trimmed()));
  return { config, warnings: diagnostics, data, series };
}
