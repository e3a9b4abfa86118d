/**
 * The YAML that defined an SLO, for the console's SLO detail: the lines of its config file from
 * the SLO's origin. A list item (`- name: ...`, sloop/v1 and Sloth) is cut at its end; anything
 * else (an OpenSLO document) is shown as its whole YAML document. Capped so a huge file cannot
 * bloat the answer.
 */
import { readFile } from 'node:fs/promises';
import type { Origin } from '../../slo/model.js';

export interface SloDefinition {
  file: string;
  line: number;
  format: Origin['format'];
  /** 1-based line of the excerpt's first line. */
  startLine: number;
  /** The file's lines defining the SLO; null when the file cannot be read any more. */
  excerpt: string | null;
}

const MAX_LINES = 120;

/** Pure: the lines of `text` that define the object declared at 1-based `line`. */
export function excerptAt(text: string, line: number): { startLine: number; excerpt: string } {
  const lines = text.split(/\r?\n/);
  const at = Math.min(Math.max(line - 1, 0), lines.length - 1);
  const item = /^(\s*)- /.exec(lines[at] ?? '');
  let start = at;
  let end = at + 1;
  if (item) {
    const indent = item[1]!.length;
    while (end < lines.length && (lines[end]!.trim() === '' || lines[end]!.search(/\S/) > indent)) end++;
  } else {
    while (start > 0 && !/^---\s*$/.test(lines[start - 1]!)) start--;
    while (end < lines.length && !/^---\s*$/.test(lines[end]!)) end++;
  }
  while (end > start + 1 && lines[end - 1]!.trim() === '') end--;
  return { startLine: start + 1, excerpt: lines.slice(start, Math.min(end, start + MAX_LINES)).join('\n') };
}

export async function readSloDefinition(origin: Origin): Promise<SloDefinition> {
  const base = { file: origin.file, line: origin.line, format: origin.format };
  try {
    return { ...base, ...excerptAt(await readFile(origin.file, 'utf8'), origin.line) };
  } catch {
    return { ...base, startLine: origin.line, excerpt: null };
  }
}
