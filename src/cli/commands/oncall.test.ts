import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, TEST_CONFIG, type Harness } from '../../../test/server/support/harness.js';
import { main } from '../main.js';
import type { CliIO } from '../io.js';

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (s) => out.push(s.endsWith('\n') ? s : s + '\n'), err: (s) => err.push(s.endsWith('\n') ? s : s + '\n'), interactive: false };
  const code = await main(['node', 'sloop', ...args], io);
  return { code, out: out.join(''), err: err.join('') };
}

const AT = '2026-11-27T12:00:00Z';

describe('sloop oncall --config (local)', () => {
  it('answers from the bundled example and says overrides are not included', async () => {
    const { code, out } = await run('oncall', '--config', 'examples/oncall', '--at', AT);
    expect(code).toBe(0);
    expect(out.trimEnd().split('\n')).toEqual([
      'shop-primary: Dan Okafor (dan) until 2026-11-30 09:00 GMT+1 (layer weekly)',
      'shop-secondary: Hal Moreno (hal) until 2026-11-30 09:00 GMT+1 (layer weekly)',
      '(answered from config files: overrides and swaps live on the server and are not included; use --server for the live answer)',
    ]);
  });

  it('prints JSON with overridesIncluded false, and exits 1 for an unknown schedule', async () => {
    const { code, out } = await run('oncall', 'shop-primary', '--config', 'examples/oncall', '--at', AT, '--json');
    expect(code).toBe(0);
    const body = JSON.parse(out);
    expect(body).toMatchObject({ at: Date.parse(AT), source: 'config', overridesIncluded: false, schedules: [{ schedule: 'shop-primary', people: [{ id: 'dan', name: 'Dan Okafor' }] }] });
    expect((await run('oncall', 'nope', '--config', 'examples/oncall')).code).toBe(1);
  });

  it('exits 1 with every problem when the config is invalid', async () => {
    const { code, err } = await run('oncall', '--config', 'test/fixtures/invalid/oncall-unknown-references.yaml');
    expect(code).toBe(1);
    expect(err).toContain('unknown schedule "primray"');
  });

  it('computes the load locally, saying page data is unavailable', async () => {
    const { code, out } = await run('oncall', 'load', '--config', 'examples/oncall', '--from', '2026-11-30T08:00:00Z', '--to', '2026-12-07T08:00:00Z', '--person', 'ann', '--json');
    expect(code).toBe(0);
    const body = JSON.parse(out);
    // ann is shop-primary 2026-11-30 09:00 Berlin (08:00 UTC) to 2026-12-07 09:00.
    expect(body.people).toEqual([expect.objectContaining({ person: 'ann', hoursOnCall: 168, pages: 0 })]);
    expect(body.pageData.available).toBe(false);
  });

  it('asks where to answer from when neither --server nor --config is given', async () => {
    const saved = process.env.SLOOP_SERVER;
    delete process.env.SLOOP_SERVER;
    try {
      const { code, err } = await run('oncall');
      expect(code).toBe(1);
      expect(err).toContain('--server URL');
    } finally {
      if (saved !== undefined) process.env.SLOOP_SERVER = saved;
    }
  });
});

describe('sloop oncall and override against a server', () => {
  let h: Harness;
  let url: string;
  const oncallYaml = async () => (await readFile('examples/oncall/oncall.yaml', 'utf8'));
  beforeAll(async () => {
    h = await startHarness({ configText: `${TEST_CONFIG}---\n${await oncallYaml()}`, now: Date.parse(AT) });
    await h.runtime.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(h.runtime.app.server.address() as { port: number }).port}`;
  });
  afterAll(async () => h.close());

  it('creates an override and sees it in the live answer', async () => {
    // hal's own primary weeks (10-26, 12-21) are more than 28 days away, so covering stays fair.
    const created = await run('override', 'create', '--server', url, '--token', h.tokens.write, '--schedule', 'shop-primary', '--person', 'hal',
      '--from', '2026-11-27T12:00:00Z', '--to', '2026-11-27T16:00:00Z', '--reason', 'dan at the dentist');
    expect(created.err).toBe('');
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/^created override \d+: hal covers shop-primary from 2026-11-27T12:00:00.000Z to 2026-11-27T16:00:00.000Z\nfairness: accepted/);
    const live = await run('oncall', 'shop-primary', '--server', url, '--token', h.tokens.read, '--at', '2026-11-27T13:00:00Z');
    expect(live.out).toMatch(/^shop-primary: Hal Moreno \(hal\) until 2026-11-27 17:00 GMT\+1 \(override \d+\)\n$/);
    const list = await run('override', 'list', '--server', url, '--token', h.tokens.read, '--schedule', 'shop-primary');
    expect(list.out).toContain('override hal 2026-11-27T12:00:00.000Z to 2026-11-27T16:00:00.000Z (by test-write: dan at the dentist)');
  });

  it('exits 1 with the verdict for an unfair override, and 0 with an approved exception', async () => {
    const args = ['override', 'create', '--server', url, '--token', h.tokens.write, '--schedule', 'shop-primary', '--person', 'ben', '--from', '2026-12-14T08:00:00Z', '--to', '2026-12-28T08:00:00Z'];
    const refused = await run(...args);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^sloop: refused: ben would be on call/);
    const half = await run(...args, '--exception-approved-by', 'carol');
    expect(half.code).toBe(1);
    expect(half.err).toContain('--exception-approved-by, --exception-reason and --exception-until together');
    const accepted = await run(...args, '--exception-approved-by', 'carol', '--exception-reason', 'covering parental leave', '--exception-until', '2027-01-31', '--json');
    expect(accepted.code).toBe(0);
    expect(JSON.parse(accepted.out).exceptions).toEqual([expect.objectContaining({ person: 'ben', approvedBy: 'carol', reason: 'covering parental leave' })]);
  });

  it('reports load from the server, and exit 5 for a refused token', async () => {
    const load = await run('oncall', 'load', '--server', url, '--token', h.tokens.read, '--from', '2026-11-30T08:00:00Z', '--to', '2026-12-07T08:00:00Z', '--person', 'ann');
    expect(load.code).toBe(0);
    expect(load.out).toContain('  ann: 168.0 h on call (100.0% of the range)');
    expect((await run('override', 'create', '--server', url, '--token', h.tokens.read, '--schedule', 'shop-primary', '--person', 'ann', '--from', 'now', '--to', '2026-12-31')).code).toBe(5);
  });

  it('exits 4 when the server cannot be reached', async () => {
    expect((await run('oncall', '--server', 'http://127.0.0.1:9', '--token', 'x')).code).toBe(4);
  });
});

describe('sloop schedule import-pagerduty', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sloop-pd-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('writes a kind: OnCall document that sloop validate loads', async () => {
    const out = join(dir, 'payments.yaml');
    const { code, out: text } = await run('schedule', 'import-pagerduty', 'src/oncall/import/pagerduty/fixtures/payments-primary.json', '-o', out);
    expect(code).toBe(0);
    expect(text).toMatch(/^wrote schedule payments-primary \(\d+ layers, \d+ stub people\) to /);
    expect(await readFile(out, 'utf8')).toContain('kind: OnCall');
    const validated = await run('validate', out, '--json');
    expect(JSON.parse(validated.out).schedules).toEqual(['payments-primary']);
  });

  it('exits 2 for a missing file and 1 for JSON that is not a schedule', async () => {
    expect((await run('schedule', 'import-pagerduty', join(dir, 'nope.json'))).code).toBe(2);
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ schedule: { name: 'x', time_zone: 'Mars/Base' } }));
    const { code, err } = await run('schedule', 'import-pagerduty', bad);
    expect(code).toBe(1);
    expect(err).toContain('is not an IANA time zone');
  });
});

describe('help and validate', () => {
  it('documents exit codes in --help of every on-call command', async () => {
    for (const args of [['oncall'], ['oncall', 'load'], ['override', 'create'], ['override', 'list'], ['override', 'delete'], ['schedule', 'import-pagerduty']]) {
      const { code, out } = await run(...args, '--help');
      expect(code, args.join(' ')).toBe(0);
      expect(out, args.join(' ')).toContain('Exit codes:');
      expect(out, args.join(' ')).toContain('--json');
    }
  });

  it('validates the bundled on-call example with no problems, and fails an unfair rotation', async () => {
    const ok = await run('validate', 'examples/oncall', 'examples/slos', '--at', AT);
    expect(ok.out).toBe('3 files, 6 SLOs, 2 schedules: 0 errors, 0 warnings\n');
    expect(ok.code).toBe(0);
    const bad = await run('validate', 'test/fixtures/invalid/oncall-unfair-rotation.yaml', '--at', '2026-01-05');
    expect(bad.code).toBe(1);
    expect(bad.out.trimEnd().split('\n').at(-1)).toBe('1 file, 0 SLOs, 1 schedule: 2 errors, 1 warning');
    expect(bad.out.trimEnd().split('\n').slice(0, -1)).toEqual((await readFile('test/fixtures/invalid/oncall-unfair-rotation.expected', 'utf8')).trimEnd().split('\n'));
  });
});
