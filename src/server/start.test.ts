import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_CONFIG } from '../../test/server/support/harness.js';
import { startServer, type RunningServer } from './start.js';

let dir: string;
let server: RunningServer;
const reloads: Array<{ ok: boolean; errors: string[]; trigger: string }> = [];
let waiters: Array<() => void> = [];

function nextReload(): Promise<{ ok: boolean; errors: string[]; trigger: string }> {
  const seen = reloads.length;
  return new Promise((resolve) => waiters.push(() => reloads.length > seen && resolve(reloads[reloads.length - 1]!)));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sloop-start-'));
  await writeFile(join(dir, 'slos.yaml'), TEST_CONFIG);
  server = await startServer({
    configPaths: [join(dir, 'slos.yaml')],
    port: 0,
    dataDir: join(dir, 'data'),
    version: 'test',
    evaluationIntervalMs: 60_000,
    logLevel: 'silent',
    onReload: (outcome) => {
      reloads.push(outcome);
      const pending = waiters;
      waiters = [];
      pending.forEach((w) => w());
    },
  });
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('startServer', () => {
  it('listens and answers health checks', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });

  it('keeps the old config when an edited file is invalid, and reports why', async () => {
    const reloaded = nextReload();
    await writeFile(join(dir, 'slos.yaml'), TEST_CONFIG.replace('objective: 99.9', 'objective: 140'));
    const outcome = await reloaded;
    expect(outcome.ok).toBe(false);
    expect(outcome.trigger).toContain('file change');
    const status = server.runtime.config.status();
    expect(status.slos).toBe(2);
    expect(status.lastReload).toMatchObject({ ok: false });
    expect(status.lastReload!.errors.join('\n')).toContain('objective');
  });

  it('applies a valid config on SIGHUP', async () => {
    await writeFile(join(dir, 'slos.yaml'), TEST_CONFIG + '  - name: login-availability\n    objective: 99\n');
    await new Promise((r) => setTimeout(r, 600)); // let the file-change reload of this write settle
    const reloaded = nextReload();
    process.emit('SIGHUP', 'SIGHUP');
    const outcome = await reloaded;
    expect(outcome).toMatchObject({ ok: true, trigger: 'SIGHUP' });
    expect(server.runtime.config.slos.map((s) => s.name)).toContain('login-availability');
    expect(server.runtime.counts.get('login-availability')).toBeDefined();
  });
});
