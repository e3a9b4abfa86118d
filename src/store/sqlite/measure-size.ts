/**
 * Disk bytes per (SLO, minute) row, for docs/storage.md. Fills a fresh store with SLOS x
 * MINUTES rows of realistic counts, then reports the SQLite file size (WAL checkpointed by
 * closing) and the PostgreSQL table + index size (in a scratch database it drops again).
 * Run: node --import tsx src/store/sqlite/measure-size.ts [SLOS] [MINUTES] [POSTGRES_ADMIN_URL]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore } from '../open-store.js';
import type { SloSamples, Store } from '../store.js';
import { SQLITE_FILE_NAME } from './open-sqlite.js';

const slos = Number(process.argv[2] ?? 100);
const minutes = Number(process.argv[3] ?? 1440);
const adminUrl = process.argv[4] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BASE = 29_453_760;

async function fill(store: Store): Promise<number> {
  const started = performance.now();
  const perCall = Math.max(1, Math.floor(5000 / slos));
  for (let m = 0; m < minutes; m += perCall) {
    const batches: SloSamples[] = [];
    for (let s = 0; s < slos; s++) {
      const samples = [];
      for (let k = m; k < Math.min(minutes, m + perCall); k++) {
        const total = 500 + ((s * 7919 + k * 104729) % 4500);
        samples.push({ minute: BASE + k, good: total - ((s + k) % 7), total });
      }
      batches.push({ slo: `service-${s}-journey-availability`, samples });
    }
    await store.ingestSamples(batches, { now: 0 });
  }
  return performance.now() - started;
}

const rows = slos * minutes;
const dir = mkdtempSync(join(tmpdir(), 'sloop-size-'));
try {
  const store = await openStore({ dataDir: dir, sqliteSynchronous: 'normal' });
  await store.close();
  const empty = statSync(join(dir, SQLITE_FILE_NAME)).size;
  const filled = await openStore({ dataDir: dir, sqliteSynchronous: 'normal' });
  const ms = await fill(filled);
  await filled.close();
  const size = statSync(join(dir, SQLITE_FILE_NAME)).size;
  console.log(`sqlite: ${rows} rows, ${size} bytes, ${((size - empty) / rows).toFixed(1)} bytes/row, filled at ${((rows / ms) * 1000).toFixed(0)} rows/s`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

async function query(url: string, statement: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(statement);
  } finally {
    await client.end();
  }
}

const scratch = `sloop_measure_${process.pid}`;
const scratchUrl = Object.assign(new URL(adminUrl), { pathname: `/${scratch}` }).toString();
await query(adminUrl, `create database ${scratch}`);
try {
  const store = await openStore({ url: scratchUrl });
  const ms = await fill(store);
  await store.close();
  await query(scratchUrl, 'vacuum analyze sli_counts');
  const result = await query(scratchUrl, "select pg_total_relation_size('sli_counts')::text as total, pg_relation_size('sli_counts')::text as heap");
  const { total, heap } = result.rows[0] as { total: string; heap: string };
  console.log(`postgres: ${rows} rows, ${total} bytes (heap ${heap}), ${(Number(total) / rows).toFixed(1)} bytes/row incl. indexes, filled at ${((rows / ms) * 1000).toFixed(0)} rows/s`);
} finally {
  await query(adminUrl, `drop database if exists ${scratch} with (force)`);
}
