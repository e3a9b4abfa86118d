/**
 * A real sloop runtime for tests: a real store (SQLite in a temp dir, or a PostgreSQL URL),
 * the real config loader, an adjustable clock and one token per scope.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime, type SloopRuntime } from '../../../src/server/runtime.js';
import { loadConfig } from '../../../src/slo/spec/index.js';
import { openStore } from '../../../src/store/index.js';
import type { Scope, Store } from '../../../src/store/store.js';

export const TEST_CONFIG = `apiVersion: sloop/v1
service:
  name: shop
journeys:
  - name: checkout
slos:
  - name: checkout-availability
    journey: checkout
    objective: 99.9
    window: 28d
  - name: search-availability
    objective: 99.5
    window: 7d
`;

export interface Harness {
  runtime: SloopRuntime;
  store: Store;
  tokens: Record<Scope, string>;
  clock: { now: number };
  configFile: string;
  dir: string;
  inject: SloopRuntime['app']['inject'];
  close(): Promise<void>;
}

export const T0 = Date.parse('2026-11-27T12:00:00Z');

export async function startHarness(options: { databaseUrl?: string; configText?: string; now?: number } = {}): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'sloop-server-'));
  const configFile = join(dir, 'slos.yaml');
  await writeFile(configFile, options.configText ?? TEST_CONFIG);
  const store = await openStore(options.databaseUrl ? { url: options.databaseUrl } : { dataDir: join(dir, 'data') });
  const clock = { now: options.now ?? T0 };
  const runtime = await createRuntime({
    store,
    configPaths: [configFile],
    loadConfig,
    version: 'test',
    now: () => clock.now,
    eventPollMs: 50,
  });
  const tokens = {} as Record<Scope, string>;
  for (const scope of ['ingest', 'read', 'write', 'admin'] as const) {
    tokens[scope] = (await store.createToken({ name: `test-${scope}`, scopes: [scope], now: clock.now })).token;
  }
  return {
    runtime,
    store,
    tokens,
    clock,
    configFile,
    dir,
    inject: runtime.app.inject.bind(runtime.app) as SloopRuntime['app']['inject'],
    async close() {
      await runtime.stop();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
