/**
 * Reads a recorded SLI data file (CSV or NDJSON) into per-SLO per-minute series, streaming it
 * in 1 MiB chunks and splitting lines on raw bytes.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { InputError, describeError } from '../../errors/index.js';
import { RowCollector, type SliDataResult } from './collector.js';
import { CsvRowParser } from './csv.js';
import { NameIndex } from './name-index.js';
import { NdjsonRowParser } from './ndjson.js';

export interface ReadSliDataOptions {
  /** SLO names of the configuration; rows for other names are reported once per name. */
  sloNames: readonly string[];
  /** Name used in messages (defaults to the path). */
  displayName?: string;
  /** Force a format; by default `.ndjson`/`.jsonl`/`.json` are NDJSON, others are sniffed. */
  format?: 'csv' | 'ndjson';
  onProgress?(bytesRead: number, totalBytes: number): void;
}

/** The file could not be opened or read (as opposed to containing bad rows). */
export class UnreadableDataError extends InputError {}

export async function readSliData(path: string, options: ReadSliDataOptions): Promise<SliDataResult> {
  const file = options.displayName ?? path;
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a regular file');
    size = info.size;
  } catch (err: unknown) {
    throw new UnreadableDataError(`cannot read data file ${file}: ${describeError(err)}; pass --data with a CSV or NDJSON file`, [], { cause: err });
  }
  const names = new NameIndex(options.sloNames);
  const rows = new RowCollector(options.sloNames.length, file);
  let parser: CsvRowParser | NdjsonRowParser | null = null;
  let format = options.format ?? (/\.(nd)?jsonl?$|\.ndjson$/i.test(path) ? 'ndjson' : undefined);
  let leftover: Buffer | null = null;
  let line = 1;
  let bytesRead = 0;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      bytesRead += chunk.length;
      let buf: Buffer = chunk;
      if (parser === null) {
        format ??= sniff(buf);
        parser = format === 'ndjson' ? new NdjsonRowParser(names, rows) : new CsvRowParser(names, rows);
      }
      let pos = 0;
      if (leftover && leftover.length > 0) {
        // Join only the line split across chunks, not the whole chunk.
        const nl = chunk.indexOf(10);
        if (nl === -1) {
          leftover = Buffer.concat([leftover, chunk]);
          continue;
        }
        const joined = Buffer.concat([leftover, chunk.subarray(0, nl)]);
        parser.line(joined, 0, joined.length, line++);
        leftover = null;
        pos = nl + 1;
        buf = chunk;
      }
      for (;;) {
        const nl = buf.indexOf(10, pos);
        if (nl === -1) break;
        parser.line(buf, pos, nl, line++);
        pos = nl + 1;
      }
      if (!parser.usable) break;
      leftover = pos < buf.length ? buf.subarray(pos) : null;
      options.onProgress?.(bytesRead, size);
    }
  } catch (err: unknown) {
    throw new UnreadableDataError(`cannot read data file ${file}: ${describeError(err)}`, [], { cause: err });
  }
  if (parser && parser.usable && leftover && leftover.length > 0) parser.line(leftover, 0, leftover.length, line);
  return rows.result(format ?? 'csv');
}

function sniff(buf: Buffer): 'csv' | 'ndjson' {
  for (const byte of buf) {
    if (byte === 32 || byte === 9 || byte === 10 || byte === 13) continue;
    return byte === 123 /* { */ ? 'ndjson' : 'csv';
  }
  return 'csv';
}
