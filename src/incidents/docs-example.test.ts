import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../errors/index.js';
import { loadSources } from '../slo/spec/index.js';
import { statusPageConfigFromDocuments } from '../statuspage/parse-config.js';
import { incidentsConfigFromDocuments } from './parse-config.js';

const DOC = resolve(dirname(fileURLToPath(import.meta.url)), '../../docs/incidents.md');

const SLO = `apiVersion: sloop/v1
service:
  name: auth
slos:
  - name: login-availability
    objective: 99.9
    sli:
      ratio:
        bad: sum(rate(errors[{{.window}}]))
        total: sum(rate(requests[{{.window}}]))
`;

describe('docs/incidents.md', () => {
  it('has a configuration example that loads without a single diagnostic', () => {
    const yaml = /```yaml\n([\s\S]*?)```/.exec(readFileSync(DOC, 'utf8'))?.[1];
    expect(yaml).toBeDefined();
    const loaded = loadSources([{ file: 'slos.yaml', text: SLO }, { file: 'incidents.yaml', text: yaml! }]);
    const incidents = incidentsConfigFromDocuments(loaded.documents);
    const page = statusPageConfigFromDocuments(loaded.documents, loaded.config);
    const mine = loaded.diagnostics.filter((d) => d.file === 'incidents.yaml' || d.severity === 'error');
    expect([...mine, ...incidents.diagnostics, ...page.diagnostics].map(formatDiagnostic)).toEqual([]);
    expect(incidents.config.severities.map((s) => s.id)).toEqual(['SEV1', 'SEV2', 'SEV3']);
    expect(incidents.config.templates.map((t) => t.name)).toEqual(['default', 'short']);
    expect(page.config.components.map((c) => c.id)).toEqual(['login']);
  });
});
