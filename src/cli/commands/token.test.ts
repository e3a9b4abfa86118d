import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.js';
import { main } from '../main.js';
import type { CliIO } from '../io.js';

function captureIO(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, interactive: false, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
}

describe('sloop token create', () => {
  it('prints a token once as JSON and stores only something that verifies it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sloop-token-'));
    try {
      const io = captureIO();
      const code = await main(['node', 'sloop', 'token', 'create', '--scope', 'ingest', '--name', 'ci', '--data-dir', dir, '--json'], io);
      expect(code).toBe(0);
      const { token } = JSON.parse(io.stdout.join('')) as { token: string };
      expect(token).toMatch(/^sloop_/);
      const store = await openStore({ dataDir: dir });
      try {
        expect(await store.verifyToken(token, Date.now())).toMatchObject({ name: 'ci', scopes: ['ingest'] });
        expect(JSON.stringify(await store.listTokens())).not.toContain(token.split('_').at(-1));
      } finally {
        await store.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses an unknown scope with exit code 1 and says which scopes exist', async () => {
    const io = captureIO();
    const code = await main(['node', 'sloop', 'token', 'create', '--scope', 'root', '--data-dir', '/nonexistent'], io);
    expect(code).toBe(1);
    expect(io.stderr.join('')).toContain('use one of ingest, read, write, admin');
  });
});
