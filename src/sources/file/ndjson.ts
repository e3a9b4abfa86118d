/**
 * NDJSON reader: one object per line with the CSV's fields, e.g.
 * `{"timestamp":"2026-03-01T12:00:00Z","slo":"checkout-availability","good":998,"total":1000}`.
 * `timestamp` may be an RFC 3339 string or Unix seconds (number or string).
 */
import type { RowCollector } from './collector.js';
import type { NameIndex } from './name-index.js';
import { parseTimestamp } from './timestamp.js';

export class NdjsonRowParser {
  readonly usable = true;
  private readonly nameToIndex: Map<string, number>;

  constructor(
    names: NameIndex,
    private readonly rows: RowCollector,
  ) {
    this.nameToIndex = new Map(names.names.map((n, i) => [n, i]));
  }

  line(b: Uint8Array, start: number, end: number, line: number): void {
    const raw = Buffer.from(b.buffer, b.byteOffset + start, end - start).toString('utf8').trim();
    if (raw === '') return;
    let row: unknown;
    try {
      row = JSON.parse(raw);
    } catch (err: unknown) {
      this.rows.problems.add(line, `not valid JSON (${err instanceof Error ? err.message : String(err)}); write one object per line`);
      return;
    }
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      this.rows.problems.add(line, 'expected an object with timestamp, slo, good and total');
      return;
    }
    const r = row as Record<string, unknown>;
    const ts = r.timestamp;
    const ms = typeof ts === 'number' ? ts * 1000 : typeof ts === 'string' ? parseTimestamp(ts) : NaN;
    if (!Number.isFinite(ms)) {
      this.rows.problems.add(line, `timestamp ${JSON.stringify(ts ?? null)} is neither RFC 3339 (2026-03-01T12:00:00Z) nor Unix seconds`);
      return;
    }
    if (typeof r.slo !== 'string' || r.slo === '') {
      this.rows.problems.add(line, 'slo must be a non-empty string naming the SLO the row counts for');
      return;
    }
    for (const field of ['good', 'total'] as const) {
      const v = r[field];
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
        this.rows.problems.add(line, `${field} ${JSON.stringify(v ?? null)} is not a non-negative number`);
        return;
      }
    }
    const index = this.nameToIndex.get(r.slo);
    if (index !== undefined) this.rows.accept(line, index, ms, r.good as number, r.total as number);
    else this.rows.acceptUnknown(line, r.slo, r.good as number, r.total as number);
  }
}
