import { LineCounter, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../errors/index.js';
import { parseIntegrationsSection, resolveIntegrationSecrets } from './config.js';

function parse(text: string) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  return parseIntegrationsSection(doc, lineCounter, 'oncall.yaml');
}

const valid = `apiVersion: sloop/v1
kind: OnCall
integrations:
  - name: prod-alertmanager
    type: alertmanager
    secretEnv: SLOOP_AM_TOKEN
  - name: legacy
    type: pagerduty
    secretEnv: SLOOP_PD_KEY
  - name: ci
    type: webhook
    secretEnv: SLOOP_CI_SECRET
    toleranceSeconds: 120
`;

describe('integrations config', () => {
  it('reads integrations with their secret environment variables', () => {
    const { integrations, diagnostics } = parse(valid);
    expect(diagnostics).toEqual([]);
    expect(integrations.map(({ origin, ...rest }) => [rest, origin.line])).toEqual([
      [{ name: 'prod-alertmanager', type: 'alertmanager', secretEnv: 'SLOOP_AM_TOKEN' }, 4],
      [{ name: 'legacy', type: 'pagerduty', secretEnv: 'SLOOP_PD_KEY' }, 7],
      [{ name: 'ci', type: 'webhook', secretEnv: 'SLOOP_CI_SECRET', toleranceSec: 120 }, 10],
    ]);
  });

  it('is empty when the document has no integrations', () => {
    expect(parse('apiVersion: sloop/v1\nkind: OnCall\n')).toEqual({ integrations: [], diagnostics: [] });
  });

  it('refuses a secret written in clear text and other mistakes, with positions', () => {
    const { integrations, diagnostics } = parse(`integrations:
  - name: prod
    type: alertmanager
    secret: hunter2
    secretEnv: SLOOP_AM_TOKEN
  - name: prod
    type: opsgenie
    secretEnv: 1BAD
  - name: x/y
    type: pagerduty
`);
    expect(integrations).toEqual([]);
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      'oncall.yaml:4:13: error: integrations[0].secret: secrets must not be written in the config; set `secretEnv: SOME_VARIABLE` and export the secret in that environment variable',
      'oncall.yaml:7:11: error: integrations[1].type: unknown integration type "opsgenie"; use one of alertmanager, pagerduty, webhook',
      'oncall.yaml:8:16: error: integrations[1].secretEnv: "1BAD" is not an environment variable name; use letters, digits and "_", e.g. SLOOP_AM_TOKEN',
      'oncall.yaml:9:11: error: integrations[2].name: "x/y" is not a valid name; use letters, digits, ".", "_" and "-" (it becomes part of a URL)',
      'oncall.yaml:9:5: error: integrations[2].secretEnv: is required; name the environment variable that holds the token, e.g. `secretEnv: SLOOP_AM_TOKEN`',
    ]);
  });

  it('reports a name used twice', () => {
    const { diagnostics } = parse(`integrations:
  - {name: prod, type: alertmanager, secretEnv: A_TOKEN}
  - {name: prod, type: webhook, secretEnv: B_TOKEN}
`);
    expect(diagnostics.map(formatDiagnostic)).toEqual(['oncall.yaml:3:12: error: integrations[1].name: integration "prod" is declared twice; give each integration its own name']);
  });

  it('reads secrets from the environment and reports missing or short ones', () => {
    const { integrations: specs } = parse(valid);
    const { integrations, diagnostics } = resolveIntegrationSecrets(specs, { SLOOP_AM_TOKEN: 'a'.repeat(32), SLOOP_CI_SECRET: 'short' });
    expect(integrations).toEqual([
      { name: 'prod-alertmanager', type: 'alertmanager', secret: 'a'.repeat(32) },
      { name: 'ci', type: 'webhook', secret: 'short', toleranceSec: 120 },
    ]);
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      `oncall.yaml:7:5: error: integrations[1].secretEnv: environment variable SLOOP_PD_KEY is not set; export the pagerduty integration "legacy"'s secret in it before starting sloop`,
      'oncall.yaml:10:5: warning: integrations[2].secretEnv: the secret in SLOOP_CI_SECRET is shorter than 16 characters; generate a longer one, e.g. `openssl rand -hex 16`',
    ]);
  });
});
