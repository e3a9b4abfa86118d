/**
 * CSV reader for `timestamp,slo,good,total` (columns in any order, extra columns ignored).
 * Hand-written over raw bytes: this is the backtest's hot path (millions of rows), so each
 * row costs a few loops over its bytes and no allocation unless it is bad or names an
 * unknown SLO. Fields may be quoted as in RFC 4180 ("a,b" is one field, "" inside quotes is one
 * quote); a line holding no quote character takes the plain split, and a line that does is
 * decoded into a scratch buffer first (quoted fields cannot span lines here).
 */
import { RowCollector } from './collector.js';
import type { NameIndex } from './name-index.js';
import { parseTimestampBytes } from './timestamp.js';

const COMMA = 44;
const CR = 13;
const QUOTE = 34;
const REQUIRED = ['timestamp', 'slo', 'good', 'total'] as const;
const MAX_FIELDS = 16;

export class CsvRowParser {
  private columns: { timestamp: number; slo: number; good: number; total: number } | null = null;
  private fieldCount = 0;
  private readonly fieldStart = new Int32Array(MAX_FIELDS);
  private readonly fieldEnd = new Int32Array(MAX_FIELDS);
  /** Decoded copy of a line with quoted fields (grown on demand, reused). */
  private scratch: Buffer = Buffer.alloc(256);
  /** False once the header is unusable: the rest of the file cannot be interpreted. */
  usable = true;

  constructor(
    private readonly names: NameIndex,
    private readonly rows: RowCollector,
  ) {}

  /** One line, bytes [start, end) without the newline; `line` is 1-based. */
  line(b: Uint8Array, start: number, end: number, line: number): void {
    if (end > start && b[end - 1] === CR) end--;
    if (end === start) return; // blank lines are allowed anywhere
    if (this.columns === null) return this.header(b, start, end, line);
    // Split into fields; a quote anywhere sends the line to the RFC 4180 decoder.
    let n = 0;
    let fs = start;
    let quoted = false;
    for (let i = start; i < end; i++) {
      const c = b[i];
      if (c === COMMA) {
        if (n < MAX_FIELDS) ((this.fieldStart[n] = fs), (this.fieldEnd[n] = i));
        n++;
        fs = i + 1;
      } else if (c === QUOTE) {
        quoted = true;
        break;
      }
    }
    if (quoted) {
      n = this.splitQuoted(b, start, end, line);
      if (n < 0) return;
      b = this.scratch;
    } else {
      if (n < MAX_FIELDS) ((this.fieldStart[n] = fs), (this.fieldEnd[n] = end));
      n++;
    }
    if (n < this.fieldCount) {
      this.rows.problems.add(line, `expected ${this.fieldCount} fields (${this.headerText()}), found ${n}`);
      return;
    }
    const c = this.columns;
    const ms = parseTimestampBytes(b, this.fieldStart[c.timestamp]!, this.fieldEnd[c.timestamp]!);
    if (Number.isNaN(ms)) {
      this.rows.problems.add(line, `timestamp "${text(b, this.fieldStart[c.timestamp]!, this.fieldEnd[c.timestamp]!)}" is neither RFC 3339 (2026-03-01T12:00:00Z) nor Unix seconds`);
      return;
    }
    const good = parseCount(b, this.fieldStart[c.good]!, this.fieldEnd[c.good]!);
    if (good < 0) return this.badCount(b, c.good, 'good', line);
    const total = parseCount(b, this.fieldStart[c.total]!, this.fieldEnd[c.total]!);
    if (total < 0) return this.badCount(b, c.total, 'total', line);
    const ss = this.fieldStart[c.slo]!;
    const se = this.fieldEnd[c.slo]!;
    if (se === ss) {
      this.rows.problems.add(line, 'slo is empty; name the SLO the row counts for');
      return;
    }
    const index = this.names.lookup(b, ss, se);
    if (index >= 0) this.rows.accept(line, index, ms, good, total);
    else this.rows.acceptUnknown(line, text(b, ss, se), good, total);
  }

  /**
   * Decodes a line with quoted fields into `scratch` (field bounds then index `scratch`) and
   * returns the number of fields, or -1 after reporting a malformed quote.
   */
  private splitQuoted(b: Uint8Array, start: number, end: number, line: number): number {
    if (this.scratch.length < end - start) this.scratch = Buffer.alloc(Math.max(end - start, this.scratch.length * 2));
    const out = this.scratch;
    let o = 0;
    let n = 0;
    let i = start;
    for (;;) {
      const fieldStart = o;
      if (i < end && b[i] === QUOTE) {
        i++;
        for (;;) {
          if (i >= end) {
            this.rows.problems.add(line, `field ${n + 1} opens a quote that is not closed; close it with " (quoted fields cannot span lines)`);
            return -1;
          }
          if (b[i] === QUOTE) {
            if (i + 1 < end && b[i + 1] === QUOTE) ((out[o++] = QUOTE), (i += 2));
            else {
              i++;
              break;
            }
          } else out[o++] = b[i++]!;
        }
        if (i < end && b[i] !== COMMA) {
          this.rows.problems.add(line, `field ${n + 1} has characters after its closing quote; quote the whole field and write a quote inside it as ""`);
          return -1;
        }
      } else {
        while (i < end && b[i] !== COMMA) {
          if (b[i] === QUOTE) {
            this.rows.problems.add(line, `field ${n + 1} has a quote inside an unquoted field; quote the whole field and write the quote as ""`);
            return -1;
          }
          out[o++] = b[i++]!;
        }
      }
      if (n < MAX_FIELDS) ((this.fieldStart[n] = fieldStart), (this.fieldEnd[n] = o));
      n++;
      if (i >= end) return n;
      i++; // the comma
    }
  }

  private badCount(b: Uint8Array, field: number, name: string, line: number): void {
    const value = text(b, this.fieldStart[field]!, this.fieldEnd[field]!);
    this.rows.problems.add(line, `${name} "${value}" is not a non-negative number`);
  }

  private header(b: Uint8Array, start: number, end: number, line: number): void {
    if (b[start] === 0xef && b[start + 1] === 0xbb && b[start + 2] === 0xbf) start += 3; // UTF-8 BOM
    const names = text(b, start, end)
      .split(',')
      .map((s) => s.trim().replace(/^"(.*)"$/, '$1').toLowerCase());
    const missing = REQUIRED.filter((r) => !names.includes(r));
    if (missing.length > 0) {
      this.rows.problems.add(line, `the first line must be the header "timestamp,slo,good,total" (missing ${missing.join(', ')}); found "${text(b, start, end)}"`);
      this.usable = false;
      return;
    }
    const at = (name: string) => names.indexOf(name);
    this.columns = { timestamp: at('timestamp'), slo: at('slo'), good: at('good'), total: at('total') };
    this.fieldCount = Math.max(...Object.values(this.columns)) + 1;
  }

  private headerText(): string {
    return REQUIRED.join(',');
  }
}

function text(b: Uint8Array, start: number, end: number): string {
  return Buffer.from(b.buffer, b.byteOffset + start, end - start).toString('utf8');
}

/** A non-negative decimal number, or -1. Integers (the usual case) take the fast loop. */
function parseCount(b: Uint8Array, start: number, end: number): number {
  if (end === start) return -1;
  let v = 0;
  for (let i = start; i < end; i++) {
    const c = b[i]! - 48;
    if (c < 0 || c > 9) {
      const n = Number(text(b, start, end));
      return Number.isFinite(n) && n >= 0 && text(b, start, end).trim() !== '' ? n : -1;
    }
    v = v * 10 + c;
  }
  return v;
}
