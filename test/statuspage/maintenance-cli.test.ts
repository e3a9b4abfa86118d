/** `sloop maintenance create|list|cancel` against a real server listening on port 0. */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';
import { startStatusRig, type StatusRig } from './support/status-rig.js';

let rig: StatusRig;
let server = '';

beforeAll(async () => {
  rig = await startStatusRig();
  // The CLI reads the wall clock for "now"; keep the server's clock on it too.
  rig.clock.now = Date.now();
  await rig.runtime.app.listen({ port: 0, host: '127.0.0.1' });
  server = `http://127.0.0.1:${(rig.runtime.app.server.address() as AddressInfo).port}`;
});

afterAll(async () => rig?.close());

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (s) => out.push(s), err: (s) => err.push(s), interactive: false };
  const code = await main(['node', 'sloop', ...argv, '--server', server], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

it('creates, lists and cancels a maintenance window, with exit codes for bad input, missing windows and a read-only token', async () => {
  const start = new Date(rig.clock.now + 86_400_000).toISOString();
  const end = new Date(rig.clock.now + 86_400_000 + 1_800_000).toISOString();
  const created = await run('maintenance', 'create', '--title', 'Database upgrade', '--components', 'checkout,login', '--from', start, '--to', end, '--json', '--token', rig.tokens.erin);
  expect(created.code, created.err).toBe(0);
  const window = JSON.parse(created.out);
  expect(window).toMatchObject({ id: expect.stringMatching(/^MW-\d+$/), title: 'Database upgrade', components: ['checkout', 'login'], state: 'upcoming', createdBy: 'erin' });

  const listed = await run('maintenance', 'list', '--token', rig.tokens.reader);
  expect(listed.code).toBe(0);
  expect(listed.out).toContain(`${window.id}  upcoming`);
  expect(listed.out).toContain('Database upgrade [checkout, login]');

  const bad = await run('maintenance', 'create', '--title', 'Oops', '--components', 'nope', '--from', end, '--to', start, '--token', rig.tokens.erin);
  expect(bad.code).toBe(1);
  expect(bad.err).toContain('unknown component "nope"');
  expect(bad.err).toContain('endsAt');

  expect((await run('maintenance', 'cancel', window.id, '--token', rig.tokens.reader)).code).toBe(5);
  const cancelled = await run('maintenance', 'cancel', window.id, '--token', rig.tokens.erin);
  expect(cancelled).toMatchObject({ code: 0, out: `cancelled ${window.id}` });
  expect((await run('maintenance', 'cancel', window.id, '--token', rig.tokens.erin)).code).toBe(1);
  expect((await run('maintenance', 'list', '--json', '--token', rig.tokens.reader)).out).toBe(JSON.stringify({ maintenance: [] }, null, 2));
});
