/**
 * Loading SLO specs: files and directories -> YAML documents -> the normalised SloConfig, with
 * every problem collected as a Diagnostic (never thrown). Documents are dispatched on
 * apiVersion/kind; kinds owned by other domains (on-call) are kept in `documents` untouched so
 * those domains can parse them from the same files.
 */
import { LineCounter, parseAllDocuments, isMap, isScalar, type Document, type Node, type YAMLMap } from 'yaml';
import type { Diagnostic } from '../../errors/index.js';
import { describeError } from '../../errors/index.js';
import type { SloConfig } from '../model.js';
import type { DocumentResult } from './document-result.js';
import { fileProblem, listSpecFiles, readSpecFiles, type SourceText } from './files.js';
import { mergeResults } from './merge.js';
import { OPENSLO_API_VERSION, OPENSLO_KINDS, resolveOpenSlo, type OpenSloObject } from './openslo.js';
import { parseSloopDocument } from './sloop-v1.js';
import { SLOTH_API_VERSION, SLOTH_K8S_API_VERSION, SLOTH_KIND, parseSlothDocument } from './sloth.js';
import { didYouMean } from './suggest.js';
import { DocContext } from './yaml-reader.js';

export interface LoadedDocument {
  file: string;
  /** 0-based position of the document in its file (`---` separated). */
  index: number;
  /** `prometheus/v1` for plain Sloth files (their `version` field). */
  apiVersion: string;
  /** '' for sloop/v1 SLO documents, which have no kind; `OnCall` for on-call documents. */
  kind: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

export interface LoadResult {
  config: SloConfig;
  /** Every file that was read, in load order (including ones that only produced diagnostics). */
  files: string[];
  diagnostics: Diagnostic[];
  documents: LoadedDocument[];
}

export const SLOOP_API_VERSION = 'sloop/v1';
/** sloop/v1 kinds parsed by other domains; loaded without complaint and left to them. */
export const FOREIGN_SLOOP_KINDS: readonly string[] = ['OnCall', 'Incidents', 'StatusPage', 'ErrorBudgetPolicy'];
const KNOWN_API_VERSIONS = [SLOOP_API_VERSION, OPENSLO_API_VERSION, SLOTH_API_VERSION, SLOTH_K8S_API_VERSION];

/** Loads every *.yaml/*.yml under `paths` (files or directories). */
export async function loadConfig(paths: readonly string[]): Promise<LoadResult> {
  const diagnostics: Diagnostic[] = [];
  const files = await listSpecFiles(paths, diagnostics);
  const sources = await readSpecFiles(files, diagnostics);
  const result = loadSources(sources);
  return { ...result, files, diagnostics: [...diagnostics, ...result.diagnostics] };
}

/** Loads one file's text; for tests and for specs that arrive over HTTP. */
export function loadConfigFromText(text: string, file = 'input.yaml'): LoadResult {
  return loadSources([{ file, text }]);
}

/** Loads several in-memory files as one config (cross-file references and duplicates apply). */
export function loadSources(sources: readonly SourceText[]): LoadResult {
  const diagnostics: Diagnostic[] = [];
  const documents: LoadedDocument[] = [];
  const results: DocumentResult[] = [];
  const openslo: OpenSloObject[] = [];
  for (const source of sources) {
    try {
      loadSource(source, { diagnostics, documents, results, openslo });
    } catch (err: unknown) {
      diagnostics.push(fileProblem(source.file, `could not be read as an SLO spec (${describeError(err)}); check that it is YAML`));
    }
  }
  try {
    results.push(resolveOpenSlo(openslo));
  } catch (err: unknown) {
    // Never a stack trace: an unexpected failure becomes one diagnostic on the first OpenSLO file.
    const file = openslo[0]?.ctx.file ?? '';
    diagnostics.push(fileProblem(file, `OpenSLO objects could not be resolved (${describeError(err)}); please report this with the file`));
  }
  const config = mergeResults(results, diagnostics);
  const order = new Map(sources.map((s, i) => [s.file, i]));
  // A shared OpenSLO object referenced by several SLOs would otherwise report the same problem once per SLO.
  const unique = [...new Map(diagnostics.map((d) => [JSON.stringify(d), d])).values()];
  diagnostics.length = 0;
  diagnostics.push(...unique);
  diagnostics.sort((a, b) => (order.get(a.file) ?? -1) - (order.get(b.file) ?? -1) || a.line - b.line || a.column - b.column);
  return { config, files: sources.map((s) => s.file), diagnostics, documents };
}

interface Sink {
  diagnostics: Diagnostic[];
  documents: LoadedDocument[];
  results: DocumentResult[];
  openslo: OpenSloObject[];
}

function loadSource(source: SourceText, sink: Sink): void {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(source.text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const docs = Array.isArray(parsed) ? parsed : [];
  let contentful = 0;
  docs.forEach((doc, index) => {
    const ctx = new DocContext(source.file, lineCounter, sink.diagnostics);
    if (doc.errors.length > 0) {
      for (const e of doc.errors) {
        const { line, col } = lineCounter.linePos(e.pos[0]);
        sink.diagnostics.push({ severity: 'error', file: source.file, line, column: col, field: '', message: `malformed YAML: ${firstLine(e.message)}; fix the syntax at this position` });
      }
      return;
    }
    const root = doc.contents as Node | null;
    if (root === null || (isScalar(root) && root.value === null)) return;
    contentful++;
    dispatch(ctx, doc, index, root, lineCounter, sink);
  });
  if (contentful === 0 && !sink.diagnostics.some((d) => d.file === source.file)) {
    sink.diagnostics.push({ ...fileProblem(source.file, 'contains no YAML documents; add an SLO spec or remove the file'), severity: 'warning' });
  }
}

function dispatch(ctx: DocContext, doc: Document.Parsed, index: number, root: Node, lineCounter: LineCounter, sink: Sink): void {
  if (!isMap(root)) {
    ctx.error(root, '', 'expected a mapping that starts with apiVersion: sloop/v1 (or openslo/v1, or Sloth\'s version: prometheus/v1)');
    return;
  }
  const header = readHeader(ctx, root);
  if (!header) return;
  const { apiVersion, kind } = header;
  sink.documents.push({ file: ctx.file, index, apiVersion, kind, doc, lineCounter });
  if (apiVersion === SLOOP_API_VERSION) {
    if (kind === '') sink.results.push(parseSloopDocument(ctx, root));
    else if (!FOREIGN_SLOOP_KINDS.includes(kind)) {
      const hint = didYouMean(kind, FOREIGN_SLOOP_KINDS);
      ctx.error(root.get('kind', true) as Node, 'kind', `unknown sloop/v1 kind "${kind}"; ${hint ? `did you mean "${hint}"? ` : ''}SLO files have no kind; other sloop/v1 documents use kind: ${FOREIGN_SLOOP_KINDS.join(', ')}`);
    }
  } else if (apiVersion === OPENSLO_API_VERSION) {
    if ((OPENSLO_KINDS as readonly string[]).includes(kind)) sink.openslo.push({ ctx, root, kind: kind as OpenSloObject['kind'] });
    else {
      const hint = didYouMean(kind, OPENSLO_KINDS);
      ctx.error((root.get('kind', true) as Node) ?? root, 'kind', `unknown OpenSLO kind "${kind}"; ${hint ? `did you mean "${hint}"? ` : ''}openslo/v1 kinds are ${OPENSLO_KINDS.join(', ')}`);
    }
  } else if (apiVersion === SLOTH_API_VERSION) {
    sink.results.push(parseSlothDocument(ctx, root));
  } else if (apiVersion === SLOTH_K8S_API_VERSION) {
    if (kind === SLOTH_KIND) sink.results.push(parseSlothDocument(ctx, root, true));
    else ctx.error((root.get('kind', true) as Node) ?? root, 'kind', `unknown Sloth kind "${kind}"; sloop reads kind: ${SLOTH_KIND}`);
  }
}

/** apiVersion (or Sloth's `version`) and kind; reports and returns undefined when unusable. */
function readHeader(ctx: DocContext, root: YAMLMap): { apiVersion: string; kind: string } | undefined {
  const apiNode = root.get('apiVersion', true) as Node | undefined;
  const slothNode = root.get('version', true) as Node | undefined;
  const kindNode = root.get('kind', true) as Node | undefined;
  const kind = isScalar(kindNode) && typeof kindNode.value === 'string' ? kindNode.value : '';
  if (kindNode && kind === '') ctx.error(kindNode, 'kind', 'expected a string such as SLO');
  if (!apiNode && isScalar(slothNode) && slothNode.value === SLOTH_API_VERSION) return { apiVersion: SLOTH_API_VERSION, kind: SLOTH_KIND };
  if (!apiNode && slothNode) {
    ctx.error(slothNode, 'version', `unknown Sloth spec version; sloop reads Sloth's version: ${SLOTH_API_VERSION}`);
    return undefined;
  }
  if (!apiNode) {
    ctx.error(root, 'apiVersion', 'is missing; start the document with apiVersion: sloop/v1 (or apiVersion: openslo/v1; Sloth files use version: prometheus/v1)');
    return undefined;
  }
  const apiVersion = isScalar(apiNode) && typeof apiNode.value === 'string' ? apiNode.value : undefined;
  if (apiVersion === undefined) {
    ctx.error(apiNode, 'apiVersion', 'expected a string such as sloop/v1');
    return undefined;
  }
  if (apiVersion.startsWith('openslo/') && apiVersion !== OPENSLO_API_VERSION) {
    ctx.error(apiNode, 'apiVersion', `OpenSLO ${apiVersion} is not supported; convert the file to openslo/v1`);
    return undefined;
  }
  if (!KNOWN_API_VERSIONS.includes(apiVersion)) {
    const hint = didYouMean(apiVersion, KNOWN_API_VERSIONS);
    ctx.error(apiNode, 'apiVersion', `unknown apiVersion "${apiVersion}"; ${hint ? `did you mean "${hint}"? ` : ''}sloop reads ${SLOOP_API_VERSION}, ${OPENSLO_API_VERSION} and Sloth's ${SLOTH_API_VERSION}`);
    return undefined;
  }
  if (apiVersion === SLOTH_API_VERSION) return { apiVersion, kind: SLOTH_KIND };
  return { apiVersion, kind };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').replace(/\.$/, '');
}
