import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDataProblems } from './problems.js';
import { readSliData, UnreadableDataError } from './read.js';

const dir = mkdtempSync(join(tmpdir(), 'sloop-read-'));
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
const names = ['login', 'checkout'];
const T = Date.parse('2026-03-01T12:00:00Z') / 1000;

describe('readSliData (CSV)', () => {
  it('reads RFC 3339 and Unix-second rows and sums rows in the same minute', async () => {
    const path = file('ok.csv', `timestamp,slo,good,total\n2026-03-01T12:00:00Z,login,9,10\n${T + 30},login,5,5\r\n2026-03-01T12:01:00+00:00,checkout,1,2\n\n2026-03-01T13:02:00+01:00,login,3,4`);
    const r = await readSliData(path, { sloNames: names });
    expect(r.format).toBe('csv');
    expect(r.rows).toBe(4);
    expect(r.problemCount).toBe(0);
    const login = r.series[0]!.trimmed()!;
    expect(login.startMinute).toBe(T / 60);
    expect([...login.good]).toEqual([14, 0, 3]);
    expect([...login.total]).toEqual([15, 0, 4]);
    expect([...r.series[1]!.trimmed()!.total]).toEqual([2]);
  });

  it('accepts the columns in any order', async () => {
    const path = file('order.csv', `slo,total,good,timestamp\nlogin,10,7,${T}\n`);
    const r = await readSliData(path, { sloNames: names });
    expect([...r.series[0]!.trimmed()!.good]).toEqual([7]);
  });

  it('reads RFC 4180 quoted fields: commas inside quotes, "" for a quote, quoted header and numbers', async () => {
    const quotedNames = ['login', 'pay, "fast"', 'checkout'];
    const path = file('quoted.csv', [
      '"timestamp","slo","good","total"',
      `${T},"login",9,10`,
      `${T},"pay, ""fast""",3,4`,
      `"${T + 60}",checkout,"1","2"`,
      `${T + 60},"pay, ""fast""",5,5,"extra, column"`,
      `${T + 60},"",1,1`,
    ].join('\n'));
    const r = await readSliData(path, { sloNames: quotedNames, displayName: 'q.csv' });
    expect(r.rows).toBe(4);
    expect(r.unknownSlos).toEqual([]);
    expect([...r.series[0]!.trimmed()!.good]).toEqual([9]);
    expect([...r.series[1]!.trimmed()!.good]).toEqual([3, 5]);
    expect([...r.series[1]!.trimmed()!.total]).toEqual([4, 5]);
    expect([...r.series[2]!.trimmed()!.total]).toEqual([2]);
    expect(formatDataProblems(r.problems, r.problemCount)).toEqual(['q.csv:6: slo is empty; name the SLO the row counts for']);
  });

  it('names malformed quotes and keeps reading', async () => {
    const path = file('badquotes.csv', ['timestamp,slo,good,total', `${T},"login,1,1`, `${T},"login"x,1,1`, `${T},lo"gin,1,1`, `${T},"login",1,1`].join('\n'));
    const r = await readSliData(path, { sloNames: names, displayName: 'b.csv' });
    expect(formatDataProblems(r.problems, r.problemCount)).toEqual([
      'b.csv:2: field 2 opens a quote that is not closed; close it with " (quoted fields cannot span lines)',
      'b.csv:3: field 2 has characters after its closing quote; quote the whole field and write a quote inside it as ""',
      'b.csv:4: field 2 has a quote inside an unquoted field; quote the whole field and write the quote as ""',
    ]);
    expect(r.rows).toBe(1);
  });

  it('names the line and the problem for each bad row', async () => {
    const path = file('bad.csv', [
      'timestamp,slo,good,total',
      `${T},login,12,10`,
      `yesterday,login,1,1`,
      `${T},login,x,1`,
      `${T},login,1`,
      `${T},,1,1`,
      `${T},login,-1,1`,
      `${T},login,1,1`,
    ].join('\n'));
    const r = await readSliData(path, { sloNames: names, displayName: 'data.csv' });
    expect(formatDataProblems(r.problems, r.problemCount)).toEqual([
      'data.csv:2: good (12) is greater than total (10); good counts the successful share of total',
      'data.csv:3: timestamp "yesterday" is neither RFC 3339 (2026-03-01T12:00:00Z) nor Unix seconds',
      'data.csv:4: good "x" is not a non-negative number',
      'data.csv:5: expected 4 fields (timestamp,slo,good,total), found 3',
      'data.csv:6: slo is empty; name the SLO the row counts for',
      'data.csv:7: good "-1" is not a non-negative number',
    ]);
    expect(r.rows).toBe(1);
  });

  it('caps the listed problems at 20 and counts the rest', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `${T + i * 60},login,2,1`);
    const r = await readSliData(file('many.csv', ['timestamp,slo,good,total', ...rows].join('\n')), { sloNames: names });
    expect(r.problems).toHaveLength(20);
    expect(r.problemCount).toBe(50);
    expect(formatDataProblems(r.problems, r.problemCount).at(-1)).toBe('... and 30 more bad row(s)');
  });

  it('reports each unknown SLO name once, with its row count and first line', async () => {
    const path = file('unknown.csv', `timestamp,slo,good,total\n${T},nope,1,1\n${T},login,1,1\n${T + 60},nope,1,1\n`);
    const r = await readSliData(path, { sloNames: names });
    expect(r.unknownSlos).toEqual([{ name: 'nope', rows: 2, firstLine: 2 }]);
    expect(r.rows).toBe(1);
  });

  it('rejects a file without the header', async () => {
    const r = await readSliData(file('nohead.csv', `${T},login,1,1\n`), { sloNames: names, displayName: 'x.csv' });
    expect(formatDataProblems(r.problems, r.problemCount)[0]).toMatch(/^x\.csv:1: the first line must be the header "timestamp,slo,good,total"/);
  });

  it('reads lines split across read chunks exactly', async () => {
    const lines = ['timestamp,slo,good,total'];
    let good = 0;
    let total = 0;
    for (let i = 0; i < 60_000; i++) {
      const t = 100 + (i % 997);
      const g = t - (i % 7);
      lines.push(`2026-03-01T${String(Math.floor(i / 3600) % 24).padStart(2, '0')}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:00Z,${names[i % 2]},${g},${t}`);
      good += g;
      total += t;
    }
    const r = await readSliData(file('big.csv', lines.join('\n') + '\n'), { sloNames: names });
    const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);
    const s = r.series.map((x) => x.trimmed()!);
    expect(r.problemCount).toBe(0);
    expect(sum(s[0]!.good) + sum(s[1]!.good)).toBe(good);
    expect(sum(s[0]!.total) + sum(s[1]!.total)).toBe(total);
  });

  it('throws UnreadableDataError for a missing file', async () => {
    await expect(readSliData(join(dir, 'missing.csv'), { sloNames: names })).rejects.toBeInstanceOf(UnreadableDataError);
  });
});

describe('readSliData (NDJSON)', () => {
  it('reads objects with string or numeric timestamps', async () => {
    const path = file('ok.ndjson', `{"timestamp":"2026-03-01T12:00:00Z","slo":"login","good":9,"total":10}\n{"timestamp":${T + 60},"slo":"checkout","good":1,"total":1}\n`);
    const r = await readSliData(path, { sloNames: names });
    expect(r.format).toBe('ndjson');
    expect(r.rows).toBe(2);
    expect([...r.series[0]!.trimmed()!.good]).toEqual([9]);
  });

  it('sniffs NDJSON from content and names bad lines', async () => {
    const path = file('data.txt', `{"timestamp":"2026-03-01T12:00:00Z","slo":"login","good":11,"total":10}\n{oops\n{"timestamp":"2026-03-01T12:00:00Z","slo":"login","good":"1","total":1}\n`);
    const r = await readSliData(path, { sloNames: names, displayName: 'd.ndjson' });
    const lines = formatDataProblems(r.problems, r.problemCount);
    expect(lines[0]).toBe('d.ndjson:1: good (11) is greater than total (10); good counts the successful share of total');
    expect(lines[1]).toMatch(/^d\.ndjson:2: not valid JSON/);
    expect(lines[2]).toBe('d.ndjson:3: good "1" is not a non-negative number');
  });
});
