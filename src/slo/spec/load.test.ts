import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../errors/index.js';
import { parseMinutes, parseSeconds } from './durations.js';
import { readFileSync, readdirSync } from 'node:fs';
import { loadConfig, loadConfigFromText, loadSources } from './load.js';

const SLO = (name: string) => `apiVersion: sloop/v1
service: svc
defaults: {alerting: {runbook: https://r.example.com}}
slos:
  - name: ${name}
    objective: 99.9
`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sloop-load-'));
  await mkdir(join(dir, 'b-sub', 'deeper'), { recursive: true });
  await writeFile(join(dir, 'z.yaml'), SLO('zulu'));
  await writeFile(join(dir, 'a.yml'), SLO('alpha'));
  await writeFile(join(dir, 'b-sub', 'deeper', 'm.yaml'), SLO('mike'));
  await writeFile(join(dir, 'notes.txt'), 'not a spec, not read');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadConfig', () => {
  it('walks directories recursively for *.yaml and *.yml in sorted order', async () => {
    const { config, files, diagnostics } = await loadConfig([dir]);
    expect(diagnostics).toEqual([]);
    expect(files).toEqual([join(dir, 'a.yml'), join(dir, 'b-sub', 'deeper', 'm.yaml'), join(dir, 'z.yaml')]);
    expect(config.slos.map((s) => s.name)).toEqual(['alpha', 'mike', 'zulu']);
    expect(config.services.map((s) => s.name)).toEqual(['svc']);
  });

  it('reports a missing path as a diagnostic instead of throwing', async () => {
    const { diagnostics } = await loadConfig([join(dir, 'nope.yaml')]);
    expect(diagnostics.map(formatDiagnostic)).toEqual([`${join(dir, 'nope.yaml')}: error: cannot read: no such file or directory; check the path`]);
  });

  it('survives a directory of garbage with positioned diagnostics and no exception', async () => {
    const garbage = await mkdtemp(join(tmpdir(), 'sloop-garbage-'));
    try {
      const random = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
      await writeFile(join(garbage, '1-binary.yaml'), random);
      await writeFile(join(garbage, '2-latin1.yaml'), Buffer.from([0x6f, 0x62, 0x6a, 0xe9, 0x3a, 0x20, 0x31]));
      await writeFile(join(garbage, '3-prose.yaml'), 'Dear team, here are my SLO ideas: fast, good, cheap.\n');
      await writeFile(join(garbage, '4-empty.yaml'), '');
      await writeFile(join(garbage, '5-tabs.yaml'), 'apiVersion: sloop/v1\n\tservice: x\n');
      await writeFile(join(garbage, '6-alias.yaml'), 'apiVersion: sloop/v1\nservice: &s x\nslos: *s\nx: !!binary aGVsbG8=\n');
      await writeFile(join(garbage, '7-list.yaml'), '- 1\n- 2\n');
      await writeFile(join(garbage, '8-deep.yaml'), 'apiVersion: sloop/v1\nservice: x\nslos:\n' + '  - '.repeat(1) + '['.repeat(200) + ']'.repeat(200) + '\n');
      const { diagnostics, config } = await loadConfig([garbage]);
      expect(config.slos).toEqual([]);
      const byFile = (n: string) => diagnostics.filter((d) => d.file.endsWith(n)).map((d) => `${d.severity}:${d.line > 0}`);
      expect(byFile('1-binary.yaml')).toEqual(['error:false']);
      expect(byFile('2-latin1.yaml')).toEqual(['error:false']);
      expect(byFile('3-prose.yaml')).toEqual(['error:true']);
      expect(byFile('4-empty.yaml')).toEqual(['warning:false']);
      expect(byFile('5-tabs.yaml').every((d) => d === 'error:true')).toBe(true);
      expect(byFile('6-alias.yaml').length).toBeGreaterThan(0);
      expect(byFile('7-list.yaml')).toEqual(['error:true']);
      expect(byFile('8-deep.yaml').length).toBeGreaterThan(0);
      for (const d of diagnostics) expect(formatDiagnostic(d)).not.toMatch(/\n|    at /);
    } finally {
      await rm(garbage, { recursive: true, force: true });
    }
  });

  it('reports malformed YAML with the parser message and position', () => {
    const { diagnostics } = loadConfigFromText('apiVersion: sloop/v1\nservice: [a\n', 'bad.yaml');
    expect(diagnostics[0]).toMatchObject({ severity: 'error', file: 'bad.yaml', line: 3 });
    expect(diagnostics[0]!.message).toMatch(/^malformed YAML: /);
  });
});

describe('robustness', () => {
  it('never fails internally on 300 randomly corrupted copies of the fixtures', () => {
    const dirs = ['test/fixtures/openslo', 'test/fixtures/sloth', 'examples/slos'];
    const texts = dirs.flatMap((d) => readdirSync(d).map((f) => readFileSync(join(d, f), 'utf8')));
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const alphabet = ' :-\n[]{}"\'&*!|>#%@0123456789abcxyz\t.,';
    for (let i = 0; i < 300; i++) {
      let text = texts[Math.floor(random() * texts.length)]!;
      for (let edit = 0; edit < 3; edit++) {
        const at = Math.floor(random() * text.length);
        text = random() < 0.5 ? text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 5)) : text.slice(0, at) + alphabet[Math.floor(random() * alphabet.length)] + text.slice(at);
      }
      const { diagnostics } = loadSources([{ file: 'corrupt.yaml', text }]);
      const internal = diagnostics.filter((d) => /could not be (read as an SLO spec|resolved)/.test(d.message));
      expect(internal, text).toEqual([]);
    }
  });
});

describe('durations', () => {
  it('reads window durations as whole minutes', () => {
    expect(parseMinutes('28d')).toEqual({ ok: true, value: 40320 });
    expect(parseMinutes('2w')).toEqual({ ok: true, value: 20160 });
    expect(parseMinutes('90m')).toEqual({ ok: true, value: 90 });
    expect(parseMinutes('1.5h')).toEqual({ ok: true, value: 90 });
    expect(parseMinutes('1M')).toMatchObject({ ok: false, message: expect.stringContaining('unknown duration unit "M"') });
    expect(parseMinutes('0.5m')).toMatchObject({ ok: false });
  });

  it('reads latency thresholds as seconds', () => {
    expect(parseSeconds('300ms')).toEqual({ ok: true, value: 0.3 });
    expect(parseSeconds('1.5s')).toEqual({ ok: true, value: 1.5 });
    expect(parseSeconds('300')).toMatchObject({ ok: false });
  });
});
