/**
 * The deploy gate's exception labels come from an ErrorBudgetPolicy document in the config:
 * a change carrying a declared label ships through a freeze, the built-in defaults no longer
 * apply, and `sloop validate` checks the document with positioned diagnostics.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';
import { bearer, startHarness, T0, TEST_CONFIG, type Harness } from './support/harness.js';

const MIN = 60_000;
const POLICY = `---
apiVersion: sloop/v1
kind: ErrorBudgetPolicy
gate:
  exceptionLabels: [hotfix, Data-Migration]
`;

let h: Harness | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await h?.close();
  h = undefined;
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** Half of checkout's requests fail for an hour: its 28-day budget is gone, the gate freezes. */
async function burnCheckoutBudget(harness: Harness): Promise<void> {
  const samples = [];
  for (let m = 60; m >= 1; m--) samples.push({ timestamp: T0 - m * MIN, good: 50, total: 100 });
  const res = await harness.inject({ method: 'POST', url: '/api/v1/slis/checkout-availability/events', headers: bearer(harness.tokens.ingest), payload: { samples } });
  expect(res.statusCode).toBe(200);
}

async function gate(harness: Harness, query: string): Promise<{ decision: string; allowed: boolean; exception?: string }> {
  const res = await harness.inject({ url: `/api/v1/gate?service=shop${query}`, headers: bearer(harness.tokens.read) });
  expect(res.statusCode).toBe(200);
  return res.json();
}

async function runCli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (s) => out.push(s), err: (s) => err.push(s), interactive: false };
  const code = await main(['node', 'sloop', ...args], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function tempFile(name: string, text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sloop-policy-'));
  dirs.push(dir);
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

describe('gate exceptions declared in the config', () => {
  it('let a change labelled with a config-declared exception through the frozen gate, and only those labels', async () => {
    h = await startHarness({ configText: TEST_CONFIG + POLICY });
    await burnCheckoutBudget(h);
    expect(await gate(h, '')).toMatchObject({ decision: 'frozen', allowed: false });
    expect(await gate(h, '&changeLabel=hotfix')).toMatchObject({ decision: 'allowed', allowed: true, exception: 'hotfix' });
    expect(await gate(h, '&changeLabel=data-migration')).toMatchObject({ decision: 'allowed', exception: 'data-migration' });
    // The policy replaces the built-in defaults (reliability, security).
    expect(await gate(h, '&changeLabel=security')).toMatchObject({ decision: 'frozen', allowed: false });
  });

  it('follow a config reload that changes the policy', async () => {
    h = await startHarness({ configText: TEST_CONFIG + POLICY });
    await burnCheckoutBudget(h);
    await writeFile(h.configFile, TEST_CONFIG + POLICY.replace('[hotfix, Data-Migration]', '[rollback]'));
    expect((await h.runtime.reload('test')).ok).toBe(true);
    expect(await gate(h, '&changeLabel=hotfix')).toMatchObject({ decision: 'frozen' });
    expect(await gate(h, '&changeLabel=rollback')).toMatchObject({ decision: 'allowed', exception: 'rollback' });
  });
});

describe('sloop validate on ErrorBudgetPolicy documents', () => {
  it('accepts the policy example from docs/server.md next to SLOs', async () => {
    const docs = await readFile('docs/server.md', 'utf8');
    const example = /```yaml\n(apiVersion: sloop\/v1\nkind: ErrorBudgetPolicy\n[\s\S]*?)```/.exec(docs)?.[1];
    expect(example).toBeDefined();
    const file = await tempFile('slos.yaml', `${TEST_CONFIG}---\n${example}`);
    const { code, out } = await runCli('validate', file);
    // The test SLOs have no runbook (warnings); the policy adds no diagnostic of its own.
    expect(out.split('\n').at(-1)).toBe('1 file, 2 SLOs: 0 errors, 2 warnings');
    expect(out).not.toMatch(/gate|kind/);
    expect(code).toBe(0);
  });

  it('reports a malformed exception list at its line and column, and fails', async () => {
    const file = await tempFile('policy.yaml', 'apiVersion: sloop/v1\nkind: ErrorBudgetPolicy\ngate:\n  exceptionLabels: hotfix\n');
    const { code, out } = await runCli('validate', file);
    expect(out.split('\n')[0]).toBe(`${file}:4:20: error: gate.exceptionLabels: expected a list of change labels, e.g. [reliability, security]`);
    expect(code).toBe(1);
  });

  it('suggests the kind for a misspelt ErrorBudgetPolicy', async () => {
    const file = await tempFile('policy.yaml', 'apiVersion: sloop/v1\nkind: ErrorBudgetPolicie\ngate:\n  exceptionLabels: [hotfix]\n');
    const { code, out } = await runCli('validate', file, '--json');
    const report = JSON.parse(out) as { diagnostics: Array<{ line: number; field: string; message: string }> };
    expect(report.diagnostics).toEqual([expect.objectContaining({ line: 2, field: 'kind', message: expect.stringContaining('did you mean "ErrorBudgetPolicy"?') })]);
    expect(code).toBe(1);
  });
});
