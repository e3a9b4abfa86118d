/**
 * Nothing lost: clients ingest with idempotency keys while the server is killed with SIGKILL;
 * after a restart every acknowledged batch is stored exactly once, and batches that were in
 * flight are retried with the same key and also counted exactly once.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { TEST_CONFIG } from './support/harness.js';
import { spawnServer, type ServerProcess } from './support/spawn-server.js';

const MIN = 60_000;
let dir: string;
let token: string;
let server: ServerProcess | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sloop-sigkill-'));
  await writeFile(join(dir, 'slos.yaml'), TEST_CONFIG);
  const store = await openStore({ dataDir: join(dir, 'data') });
  token = (await store.createToken({ name: 'client', scopes: ['ingest', 'read'], now: Date.now() })).token;
  await store.close();
});
afterAll(async () => {
  await server?.kill9();
  await rm(dir, { recursive: true, force: true });
});

interface Batch {
  key: string;
  minute: number;
  good: number;
}

const base = Math.floor((Date.now() - 20 * 24 * 60 * MIN) / MIN);

function batchFor(client: number, n: number): Batch {
  return { key: `client-${client}-batch-${n}`, minute: base + client * 5000 + n, good: n % 10 };
}

async function send(url: string, b: Batch): Promise<boolean> {
  try {
    const res = await fetch(`${url}/api/v1/slis/checkout-availability/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': b.key },
      body: JSON.stringify({ samples: [{ timestamp: b.minute * MIN, good: b.good, total: 10 }] }),
      signal: AbortSignal.timeout(5000),
    });
    return res.status === 200;
  } catch {
    return false;
  }
}

it('keeps every acknowledged sample exactly once across a SIGKILL and a restart', async () => {
  const args = ['--config', join(dir, 'slos.yaml'), '--data-dir', join(dir, 'data')];
  server = await spawnServer(args);
  const acked: Batch[] = [];
  const unacked: Batch[] = [];
  const clients = [0, 1, 2, 3].map(async (client) => {
    for (let n = 0; ; n++) {
      const batch = batchFor(client, n);
      if (await send(server!.url, batch)) acked.push(batch);
      else {
        unacked.push(batch);
        return;
      }
    }
  });
  // Kill once a fair number of batches are acknowledged (the machine may be busy).
  for (let waited = 0; acked.length < 40 && waited < 30_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
  await server.kill9();
  await Promise.all(clients);
  expect(acked.length).toBeGreaterThanOrEqual(40);
  expect(unacked).toHaveLength(4);

  server = await spawnServer(args);
  // Clients retry what they could not confirm, with the same idempotency keys (twice, to be sure).
  for (const b of unacked) {
    expect(await send(server.url, b)).toBe(true);
    expect(await send(server.url, b)).toBe(true);
  }
  for (const b of acked.slice(0, 10)) expect(await send(server.url, b)).toBe(true); // duplicates

  const all = [...acked, ...unacked];
  const slo = await (await fetch(`${server.url}/api/v1/slos/checkout-availability`, { headers: { authorization: `Bearer ${token}` } })).json() as { budget: { total: number; good: number } };
  expect(slo.budget.total).toBe(all.length * 10);
  expect(slo.budget.good).toBe(all.reduce((n, b) => n + b.good, 0));

  await server.stop();
  server = undefined;
  const store = await openStore({ dataDir: join(dir, 'data') });
  try {
    const rows = await store.readCounts('checkout-availability', base, base + 5 * 5000);
    expect(rows).toHaveLength(all.length);
    const byMinute = new Map(rows.map((r) => [r.minute, r]));
    for (const b of all) expect(byMinute.get(b.minute)).toEqual({ minute: b.minute, good: b.good, total: 10 });
  } finally {
    await store.close();
  }
});
