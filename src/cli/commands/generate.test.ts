import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkRulesFile } from '../../../test/fixtures/promtool/promtool.js';
import { main } from '../main.js';
import type { CliIO } from '../io.js';

const EXAMPLE = 'examples/slos/api-prometheus.yaml';

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (s) => out.push(s), err: (s) => err.push(s.endsWith('\n') ? s : s + '\n'), interactive: false };
  const code = await main(['node', 'sloop', ...args], io);
  return { code, out: out.join(''), err: err.join('') };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sloop-generate-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('sloop generate prometheus', () => {
  it('prints the rule file for the example SLOs on stdout', async () => {
    const { code, out, err } = await run('generate', 'prometheus', EXAMPLE);
    expect(err).toBe('');
    expect(code).toBe(0);
    const file = parse(out) as { groups: { name: string; rules: { alert?: string }[] }[] };
    expect(file.groups.map((g) => g.name)).toContain('sloop-api-availability-burn-rate');
    expect(file.groups.flatMap((g) => g.rules).map((r) => r.alert)).toContain('ApiAvailabilityPage');
  });

  it('writes a file promtool accepts with -o and reports skipped SLOs on stderr', async () => {
    const output = join(dir, 'rules.yml');
    const { code, out, err } = await run('generate', 'prometheus', 'examples/slos', '-o', output);
    expect(code).toBe(0);
    expect(out).toBe('');
    expect(err).toMatch(/sloop: warning: [\w-]+: skipped: its SLI is not a PromQL query/);
    expect(err).toMatch(/sloop: wrote \d+ recording rules and \d+ alerts in \d+ groups to /);
    const check = await checkRulesFile(output);
    expect(check.output).toContain('SUCCESS');
    expect(check.code).toBe(0);
  });

  it('generates rules promtool accepts from Sloth and OpenSLO files', async () => {
    const output = join(dir, 'migrated.yml');
    const { code, err } = await run('generate', 'prometheus', 'test/fixtures/promtool/specs', '-o', output);
    expect(code).toBe(0);
    expect(err).toContain('web-availability: calendar month window');
    expect(err).toContain('myservice-raw: its SLI is a raw error ratio');
    const rules = await readFile(output, 'utf8');
    expect(rules).toContain('alert: MyServiceHighErrorRatePage');
    expect(rules).not.toContain('alert: MyServiceHighErrorRateTicket');
    expect(rules).toContain('http_requests_total{job="web",code!~"5.."}[1h]');
    const check = await checkRulesFile(output);
    expect(check.output).toContain('SUCCESS');
    expect(check.code).toBe(0);
  });

  it('summarises as JSON with --json', async () => {
    const output = join(dir, 'json-rules.yml');
    const { code, out } = await run('generate', 'prometheus', EXAMPLE, '-o', output, '--json');
    expect(code).toBe(0);
    const summary = JSON.parse(out) as Record<string, unknown>;
    expect(summary).toMatchObject({ file: output, groups: 4, warnings: [] });
    expect(summary.rules).toBeGreaterThan(0);
    expect(summary.alerts).toBe(8);
    expect(await readFile(output, 'utf8')).toContain('ApiLatencyPage');
  });

  it('includes the rule file in the JSON when there is no -o', async () => {
    const { code, out } = await run('generate', 'prometheus', EXAMPLE, '--json');
    expect(code).toBe(0);
    const summary = JSON.parse(out) as { file: null; content: string };
    expect(summary.file).toBeNull();
    expect(summary.content).toContain('sloop_slo:period_error_ratio:ratio');
  });

  it('prints positioned diagnostics and exits 1 on an invalid config', async () => {
    const bad = join(dir, 'bad.yaml');
    const text = await readFile(EXAMPLE, 'utf8');
    await writeFile(bad, text.replace('objective: 99.9', 'objective: 100'));
    const { code, out, err } = await run('generate', 'prometheus', bad);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: error: .*objective`));
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('exits 1 with a message when the output cannot be written', async () => {
    const { code, err } = await run('generate', 'prometheus', EXAMPLE, '-o', join(dir, 'missing', 'rules.yml'));
    expect(code).toBe(1);
    expect(err).toContain('check that its directory exists');
  });

  it('exits 2 without paths and 0 for --help', async () => {
    expect((await run('generate', 'prometheus')).code).toBe(2);
    const help = await run('generate', 'prometheus', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('--output');
  });
});
