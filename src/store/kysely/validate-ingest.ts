/**
 * Ingest validation and aggregation, before anything touches the database: a batch is
 * accepted whole or not at all, so every sample is checked first and the problems are
 * reported together, each with its field path.
 */
import { InputError, type FieldProblem } from '../../errors/index.js';
import type { SloMinuteCount, SloSamples } from '../store.js';

/** PostgreSQL INTEGER tops out here (epoch minute of the year 6053). */
const MAX_MINUTE = 2_147_483_647;
const MAX_REPORTED_PROBLEMS = 20;
export const MAX_IDEMPOTENCY_KEY_LENGTH = 256;

function sampleProblems(batches: SloSamples[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (path: string, message: string) => {
    if (problems.length < MAX_REPORTED_PROBLEMS) problems.push({ path, message });
  };
  batches.forEach((batch, b) => {
    if (typeof batch.slo !== 'string' || batch.slo.length === 0) add(`batches[${b}].slo`, 'must be a non-empty SLO name');
    if (!Array.isArray(batch.samples)) {
      add(`batches[${b}].samples`, 'must be an array of {minute, good, total}');
      return;
    }
    batch.samples.forEach((s, i) => {
      const at = `batches[${b}].samples[${i}]`;
      if (!Number.isSafeInteger(s.minute) || s.minute < 0 || s.minute > MAX_MINUTE) {
        add(`${at}.minute`, 'must be a whole epoch minute (Math.floor(ms / 60000)) >= 0');
      }
      const goodOk = Number.isFinite(s.good) && s.good >= 0;
      const totalOk = Number.isFinite(s.total) && s.total >= 0;
      if (!goodOk) add(`${at}.good`, 'must be a finite number >= 0');
      if (!totalOk) add(`${at}.total`, 'must be a finite number >= 0');
      if (goodOk && totalOk && s.good > s.total) add(`${at}.good`, `must not exceed total (${s.good} > ${s.total})`);
    });
  });
  return problems;
}

export function validateIdempotencyKey(key: string | undefined): void {
  if (key === undefined) return;
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw new InputError(`idempotency key must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters; send a shorter key`, [
      { path: 'idempotencyKey', message: `must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters` },
    ]);
  }
}

const MAX_SERIES_ID_LENGTH = 255;

/** Series ids of a remote_write ingest: non-empty strings of at most 255 characters. */
export function validateSeriesIds(ids: readonly string[]): void {
  const bad = ids.findIndex((id) => typeof id !== 'string' || id.length === 0 || id.length > MAX_SERIES_ID_LENGTH);
  if (bad >= 0) {
    throw new InputError(`series ids must be 1 to ${MAX_SERIES_ID_LENGTH} characters; hash long label sets`, [
      { path: `seriesIds[${bad}]`, message: `must be 1 to ${MAX_SERIES_ID_LENGTH} characters` },
    ]);
  }
}

/**
 * Validates every sample (throwing InputError listing the problems) and sums samples that
 * share an (slo, minute), because one upsert statement may not touch the same row twice.
 */
export function aggregateSamples(batches: SloSamples[]): { rows: SloMinuteCount[]; sampleCount: number } {
  if (!Array.isArray(batches)) {
    throw new InputError('samples must be a list of {slo, samples} batches', [{ path: 'batches', message: 'must be an array' }]);
  }
  const problems = sampleProblems(batches);
  if (problems.length > 0) {
    throw new InputError(
      `the batch has invalid samples (${problems.map((p) => p.path).join(', ')}); nothing was stored: fix them and resend the whole batch`,
      problems,
    );
  }
  const byKey = new Map<string, SloMinuteCount>();
  let sampleCount = 0;
  for (const batch of batches) {
    for (const s of batch.samples) {
      sampleCount++;
      const key = `${batch.slo}\u0000${s.minute}`;
      const row = byKey.get(key);
      if (row) {
        row.good += s.good;
        row.total += s.total;
      } else {
        byKey.set(key, { slo: batch.slo, minute: s.minute, good: s.good, total: s.total });
      }
    }
  }
  return { rows: [...byKey.values()], sampleCount };
}
