/** `sloop validate` checks kind: StatusPage and kind: Incidents documents with positioned diagnostics. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { SLO_CONFIG, STATUS_CONFIG } from './support/status-rig.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sloop-validate-status-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function validate(files: Record<string, string>): Promise<{ code: number; out: string }> {
  const sub = await mkdtemp(join(dir, 'case-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(sub, name), text);
  const out: string[] = [];
  const io: CliIO = { out: (s) => out.push(s), err: (s) => out.push(s), interactive: false };
  const code = await main(['node', 'sloop', 'validate', sub], io);
  return { code, out: out.join('\n').replaceAll(`${sub}/`, '') };
}

it('accepts a valid StatusPage document next to the SLOs it draws uptime from', async () => {
  const result = await validate({ 'slos.yaml': SLO_CONFIG, 'status.yaml': STATUS_CONFIG });
  expect(result).toEqual({ code: 0, out: '2 files, 3 SLOs: 0 errors, 0 warnings' });
});

it('reports an unknown SLO and a component mapped to nothing with file, line and column', async () => {
  const status = `apiVersion: sloop/v1
kind: StatusPage
title: Shop
components:
  - id: login
    name: Login
    slos: [login-availabilty]
  - id: ghost
    name: Ghost
`;
  const result = await validate({ 'slos.yaml': SLO_CONFIG, 'status.yaml': status });
  expect(result.code).toBe(1);
  expect(result.out).toContain('status.yaml:7:12: error: components[0].slos[0]: unknown SLO "login-availabilty"; did you mean "login-availability"?');
  expect(result.out).toMatch(/status\.yaml:8:5: error: components\[1\]\.services: the component maps to nothing/);
  expect(result.out).toContain('2 files, 3 SLOs: 2 errors, 0 warnings');
});

it('reports a bad Incidents document too', async () => {
  const incidents = `apiVersion: sloop/v1
kind: Incidents
severities:
  - id: SEV1
    componentImpact: meltdown
`;
  const result = await validate({ 'slos.yaml': SLO_CONFIG, 'incidents.yaml': incidents });
  expect(result.code).toBe(1);
  expect(result.out).toMatch(/incidents\.yaml:5:\d+: error: severities\[0\]\.componentImpact: /);
});
