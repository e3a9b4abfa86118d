/**
 * The `integrations` section of an `apiVersion: sloop/v1, kind: OnCall` document:
 *
 *   integrations:
 *     - name: prod-alertmanager
 *       type: alertmanager          # alertmanager | pagerduty | webhook
 *       secretEnv: SLOOP_AM_TOKEN   # the token/key/secret is read from this variable
 *       toleranceSeconds: 300       # webhook only: accepted signature clock skew
 *
 * Secrets never live in the YAML: configs are committed to git, so the file names an
 * environment variable and `resolveIntegrationSecrets` reads it when the server starts.
 */
import { isMap, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { Diagnostic } from '../../errors/index.js';
import { DocContext, MapReader } from '../../slo/spec/index.js';
import { INTEGRATION_TYPES, type Integration, type IntegrationType } from './model.js';

export interface IntegrationSpec {
  name: string;
  type: IntegrationType;
  secretEnv: string;
  toleranceSec?: number;
  origin: { file: string; line: number; column: number };
}

export interface IntegrationSections {
  integrations: IntegrationSpec[];
  diagnostics: Diagnostic[];
}

const INTEGRATION_KEYS = ['name', 'type', 'secretEnv', 'toleranceSeconds', 'description'];
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const ENV_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Shorter secrets are guessable; PagerDuty's integration keys are 32 characters. */
export const MIN_SECRET_LENGTH = 16;

export function parseIntegrationsSection(doc: Document, lineCounter: LineCounter, file: string): IntegrationSections {
  const ctx = new DocContext(file, lineCounter, []);
  const node = isMap(doc.contents) ? (doc.contents.get('integrations', true) as Node | null | undefined) : undefined;
  if (node === undefined || node === null) return { integrations: [], diagnostics: ctx.diagnostics };
  if (!isSeq(node)) {
    ctx.error(node, 'integrations', 'expected a list, for example `integrations: [{name: prod, type: alertmanager, secretEnv: SLOOP_AM_TOKEN}]`');
    return { integrations: [], diagnostics: ctx.diagnostics };
  }
  const seen = new Set<string>();
  const integrations: IntegrationSpec[] = [];
  node.items.forEach((item, i) => {
    const spec = parseIntegration(ctx, item as Node, `integrations[${i}]`, seen);
    if (spec) integrations.push(spec);
  });
  return { integrations, diagnostics: ctx.diagnostics };
}

function parseIntegration(ctx: DocContext, node: Node, path: string, seen: Set<string>): IntegrationSpec | undefined {
  if (isMap(node) && node.has('secret')) {
    ctx.error(node.get('secret', true) as Node, `${path}.secret`, 'secrets must not be written in the config; set `secretEnv: SOME_VARIABLE` and export the secret in that environment variable');
  }
  const allowed = isMap(node) && node.has('secret') ? [...INTEGRATION_KEYS, 'secret'] : INTEGRATION_KEYS;
  const r = MapReader.of(ctx, node, path, allowed, 'a mapping with name, type and secretEnv');
  if (!r) return undefined;
  const name = r.require('name', 'give the integration a unique name; it is part of its URL') ? r.string('name') : undefined;
  if (name !== undefined && !NAME_PATTERN.test(name)) {
    ctx.error(r.node_('name'), r.field('name'), `"${name}" is not a valid name; use letters, digits, ".", "_" and "-" (it becomes part of a URL)`);
  } else if (name !== undefined && seen.has(name)) {
    ctx.error(r.node_('name'), r.field('name'), `integration "${name}" is declared twice; give each integration its own name`);
  }
  const type = r.require('type', `use one of ${INTEGRATION_TYPES.join(', ')}`) ? r.string('type') : undefined;
  if (type !== undefined && !INTEGRATION_TYPES.includes(type as IntegrationType)) {
    ctx.error(r.node_('type'), r.field('type'), `unknown integration type "${type}"; use one of ${INTEGRATION_TYPES.join(', ')}`);
  }
  const secretEnv = r.require('secretEnv', 'name the environment variable that holds the token, e.g. `secretEnv: SLOOP_AM_TOKEN`') ? r.string('secretEnv') : undefined;
  if (secretEnv !== undefined && !ENV_PATTERN.test(secretEnv)) {
    ctx.error(r.node_('secretEnv'), r.field('secretEnv'), `"${secretEnv}" is not an environment variable name; use letters, digits and "_", e.g. SLOOP_AM_TOKEN`);
  }
  const tolerance = r.number('toleranceSeconds');
  if (tolerance !== undefined && (tolerance <= 0 || tolerance > 3600)) {
    ctx.error(r.node_('toleranceSeconds'), r.field('toleranceSeconds'), 'must be between 1 and 3600 seconds; 300 is the default');
  }
  if (tolerance !== undefined && type !== 'webhook') {
    ctx.warn(r.node_('toleranceSeconds'), r.field('toleranceSeconds'), 'only webhook integrations sign their requests; remove toleranceSeconds');
  }
  const valid = ctx.diagnostics.every((d) => d.severity !== 'error' || (d.field !== path && !d.field.startsWith(`${path}.`)));
  if (!valid || name === undefined || type === undefined || secretEnv === undefined) return undefined;
  seen.add(name);
  return { name, type: type as IntegrationType, secretEnv, ...(tolerance !== undefined ? { toleranceSec: tolerance } : {}), origin: { file: ctx.file, ...ctx.position(node) } };
}

/**
 * Reads each integration's secret from `env` (pass `process.env` at the edge). A missing or
 * short secret is a diagnostic at the integration's position in the file.
 */
export function resolveIntegrationSecrets(specs: readonly IntegrationSpec[], env: Readonly<Record<string, string | undefined>>): { integrations: Integration[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const integrations: Integration[] = [];
  for (const [i, spec] of specs.entries()) {
    const at = { file: spec.origin.file, line: spec.origin.line, column: spec.origin.column, field: `integrations[${i}].secretEnv` };
    const secret = env[spec.secretEnv];
    if (secret === undefined || secret === '') {
      diagnostics.push({ severity: 'error', ...at, message: `environment variable ${spec.secretEnv} is not set; export the ${spec.type} integration "${spec.name}"'s secret in it before starting sloop` });
      continue;
    }
    if (secret.length < MIN_SECRET_LENGTH) {
      diagnostics.push({ severity: 'warning', ...at, message: `the secret in ${spec.secretEnv} is shorter than ${MIN_SECRET_LENGTH} characters; generate a longer one, e.g. \`openssl rand -hex 16\`` });
    }
    integrations.push({ name: spec.name, type: spec.type, secret, ...(spec.toleranceSec !== undefined ? { toleranceSec: spec.toleranceSec } : {}) });
  }
  return { integrations, diagnostics };
}
