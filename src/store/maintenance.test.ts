import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { pruneStore } from './maintenance.js';
import { openStore } from './open-store.js';
import { IDEMPOTENCY_KEY_TTL_MS, type Store } from './store.js';

const NOW_MINUTE = 29_453_760;
const NOW = NOW_MINUTE * 60_000;
let dir: string;
let store: Store;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sloop-maintenance-'));
  store = await openStore({ dataDir: dir });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

it('prunes each SLO to its own retention, removed SLOs to the longest, and expired idempotency keys', async () => {
  const ages = [5, 50, 500];
  const samples = ages.map((age) => ({ minute: NOW_MINUTE - age, good: 1, total: 1 }));
  await store.ingestSamples(
    ['short', 'long', 'removed'].map((slo) => ({ slo, samples })),
    { idempotencyKey: 'old', now: NOW - IDEMPOTENCY_KEY_TTL_MS },
  );
  await store.ingestSamples([], { idempotencyKey: 'fresh', now: NOW });

  const result = await pruneStore(store, { now: NOW, retentionMinutesBySlo: new Map([['short', 10], ['long', 100]]) });

  const kept = async (slo: string) => (await store.readCounts(slo, 0, NOW_MINUTE + 1)).map((r) => NOW_MINUTE - r.minute);
  expect(await kept('short')).toEqual([5]);
  expect(await kept('long')).toEqual([50, 5]);
  expect(await kept('removed')).toEqual([50, 5]);
  expect(result).toEqual({ countsDeleted: 4, idempotencyKeysDeleted: 1 });
});
