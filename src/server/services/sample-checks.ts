/**
 * Pure checks on pushed samples against the SLO config and `now`: which SLOs exist, which
 * samples are too old to matter (outside what the SLO keeps) or too far in the future.
 */
import type { FieldProblem } from '../../errors/index.js';
import type { Slo } from '../../slo/model.js';
import { countsCapacityFor } from '../../slo/math/capacity.js';

/** Samples up to this far ahead of the server clock are accepted (clock skew). */
export const MAX_FUTURE_MS = 5 * 60_000;

/** How many minutes back an SLO keeps data: its window and alert windows plus a late-data margin. */
export function retentionMinutes(slo: Slo): number {
  return countsCapacityFor(slo);
}

export function toEpochMs(timestamp: number | string): number {
  return typeof timestamp === 'number' ? timestamp : Date.parse(timestamp);
}

export interface TimedSample {
  timestamp: number | string;
  good: number;
  total: number;
}

/** Problems for samples outside [now - retention, now + 5 min]; empty when all are fine. */
export function checkSampleTimes(
  slo: Slo,
  samples: readonly TimedSample[],
  now: number,
  pathOf: (sampleIndex: number) => string,
): FieldProblem[] {
  const oldest = now - retentionMinutes(slo) * 60_000;
  const problems: FieldProblem[] = [];
  samples.forEach((sample, i) => {
    const at = toEpochMs(sample.timestamp);
    if (at > now + MAX_FUTURE_MS) {
      problems.push({
        path: `${pathOf(i)}.timestamp`,
        message: `${new Date(at).toISOString()} is more than 5 minutes ahead of the server clock (${new Date(now).toISOString()}); check the client's clock and time zone (epoch milliseconds, or ISO-8601 with an offset)`,
      });
    } else if (at < oldest) {
      problems.push({
        path: `${pathOf(i)}.timestamp`,
        message: `${new Date(at).toISOString()} is older than SLO "${slo.name}" keeps (since ${new Date(oldest).toISOString()}); drop samples outside the SLO window`,
      });
    }
  });
  return problems;
}
