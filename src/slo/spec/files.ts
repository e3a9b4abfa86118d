/**
 * Finding and reading spec files. Directories are walked recursively for *.yaml and *.yml in
 * sorted order, so the same tree always loads (and reports) the same way. Unreadable paths and
 * binary files become diagnostics, never exceptions.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic } from '../../errors/index.js';
import { describeError } from '../../errors/index.js';

export interface SourceText {
  file: string;
  text: string;
}

const YAML_FILE = /\.ya?ml$/i;

export async function listSpecFiles(paths: readonly string[], diagnostics: Diagnostic[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    try {
      const info = await stat(path);
      if (info.isDirectory()) {
        const found = await walk(path);
        if (found.length === 0) diagnostics.push({ ...fileProblem(path, 'has no *.yaml or *.yml files; check the directory'), severity: 'warning' });
        files.push(...found);
      }
      else files.push(path);
    } catch (err: unknown) {
      diagnostics.push(fileProblem(path, `cannot read: ${reason(err)}; check the path`));
    }
  }
  return [...new Set(files)];
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(full)));
    else if (entry.isFile() && YAML_FILE.test(entry.name)) out.push(full);
  }
  return out;
}

/** Reads files as UTF-8 text; binary or non-UTF-8 content is reported and skipped. */
export async function readSpecFiles(files: readonly string[], diagnostics: Diagnostic[]): Promise<SourceText[]> {
  const sources: SourceText[] = [];
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (err: unknown) {
      diagnostics.push(fileProblem(file, `cannot read: ${reason(err)}; check the path and permissions`));
      continue;
    }
    const text = decodeText(bytes);
    if (text === undefined) {
      diagnostics.push(fileProblem(file, 'not a text file (binary or not UTF-8); pass YAML spec files only'));
      continue;
    }
    sources.push({ file, text });
  }
  return sources;
}

export function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

export function fileProblem(file: string, message: string): Diagnostic {
  return { severity: 'error', file, line: 0, column: 0, field: '', message };
}

function reason(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES') return 'permission denied';
  return describeError(err);
}
