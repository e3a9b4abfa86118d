/**
 * A real sloop server for the browser tests: the real runtime on an embedded SQLite store in a
 * temp dir, listening on a free port, with one token per scope. The console is served from
 * dist/web, which buildConsole() rebuilds from web/ so the tests check the current source.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { backfill, pushBetween } from '../../../src/demo/index.js';
import { createRuntime, type SloopRuntime } from '../../../src/server/runtime.js';
import { loadConfig } from '../../../src/slo/spec/index.js';
import { openStore } from '../../../src/store/index.js';
import type { Scope, Store } from '../../../src/store/store.js';
import { requireTool } from '../../support/require-tool.js';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

let consoleDir: string | undefined;

/**
 * Builds the console from web/ into a directory of this test file's own and serves it from
 * there: vitest runs the browser test files in parallel, and a shared dist/web would be emptied
 * by one file's build while another file's Chromium is loading its scripts.
 */
export async function buildConsole(): Promise<string> {
  const { build } = await import('vite');
  const outDir = await mkdtemp(join(tmpdir(), 'sloop-console-build-'));
  await build({ configFile: join(ROOT, 'web/vite.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  consoleDir = outDir;
  return outDir;
}

/** Removes this file's console build (call from afterAll). */
export async function removeConsoleBuild(): Promise<void> {
  if (consoleDir) await rm(consoleDir, { recursive: true, force: true });
  consoleDir = undefined;
}

export interface ConsoleServer {
  url: string;
  runtime: SloopRuntime;
  store: Store;
  tokens: Record<Scope, string>;
  /** Calls the API with a bearer token (admin unless given); throws with the answer on non-2xx. */
  api<T = any>(method: string, path: string, body?: unknown, token?: string): Promise<T>;
  close(): Promise<void>;
}

export async function startConsoleServer(configPaths: string[]): Promise<ConsoleServer> {
  const dir = await mkdtemp(join(tmpdir(), 'sloop-web-'));
  const store = await openStore({ dataDir: join(dir, 'data') });
  if (!consoleDir) throw new Error('call buildConsole() before startConsoleServer()');
  const runtime = await createRuntime({ store, configPaths, loadConfig, version: 'test', eventPollMs: 100, consoleDir });
  const tokens = {} as Record<Scope, string>;
  for (const scope of ['ingest', 'read', 'write', 'admin'] as const) {
    tokens[scope] = (await store.createToken({ name: `${scope}-user`, scopes: [scope], now: Date.now() })).token;
  }
  const url = await runtime.app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    runtime,
    store,
    tokens,
    async api<T>(method: string, path: string, body?: unknown, token = tokens.admin): Promise<T> {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    async close() {
      await runtime.stop();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The demo's story on a fresh server (the bundled shop SLOs and on-call config): three days of
 * history, the checkout outage that began 18 minutes ago, and the background loops running.
 * Returns once the evaluator has fired and the paging worker has opened a page for it.
 */
export async function startDemoConsoleServer(): Promise<ConsoleServer> {
  const server = await startConsoleServer([join(ROOT, 'examples/slos/shop.yaml'), join(ROOT, 'examples/oncall')]);
  const now = Date.now();
  const startMs = now - 20 * 60_000;
  await backfill({ url: server.url, token: server.tokens.admin, startMs });
  await pushBetween({ url: server.url, token: server.tokens.admin, startMs }, startMs, now);
  await server.runtime.start();
  await waitFor(async () => (await server.api<{ pages: unknown[] }>('GET', '/api/v1/pages?status=triggered')).pages.length > 0, 'a page for the checkout outage');
  return server;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: requireTool('chromium'),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

export async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** One sloop/v1 file per service: `services` x `perService` SLOs over five journeys. */
export async function writeManySlos(dir: string, services: number, perService: number): Promise<void> {
  for (let s = 0; s < services; s++) {
    const lines = ['apiVersion: sloop/v1', 'service:', `  name: service-${s}`, 'journeys:', ...[0, 1, 2, 3, 4].map((j) => `  - name: journey-${j}`), 'slos:'];
    for (let i = 0; i < perService; i++) lines.push(`  - { name: s${s}-slo-${i}, journey: journey-${i % 5}, objective: 99.9, window: 7d }`);
    await writeFile(join(dir, `service-${s}.yaml`), `${lines.join('\n')}\n`);
  }
}
