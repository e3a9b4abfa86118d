/**
 * Start-up warm-up: how fast a starting server loads stored per-minute counts into memory, in
 * stored minutes per second, so the start time for a given number of SLOs and window can be
 * estimated (rows = SLOs x minutes with data). Two ways, measured in the same run:
 * - per minute: CountsCache.warmAll over store.readAllCountsSince (every row crosses over);
 * - hourly: CountsCache.warmTiered, what the server does at start with tiered counts (old
 *   minutes summed per hour in SQL, only the last ~7 hours per minute).
 * Baseline: reading the same rows without applying them (the store's share).
 *
 * Run: node --import tsx bench/evaluate-warm.ts [--slos 100] [--days 7] [--database postgres://...] [--json]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CountsCache } from '../src/evaluator/counts-cache.js';
import type { Slo } from '../src/slo/model.js';
import { defaultAlertPolicy } from '../src/slo/policy.js';
import { openStore } from '../src/store/index.js';
import { arg, round, stringArg } from './ingest-support.js';

const sloCount = arg('slos', 100);
const days = arg('days', 7);
const databaseUrl = stringArg('database');
const json = process.argv.includes('--json');

function makeSlo(i: number): Slo {
  const name = `warm-${i}`;
  const window = { type: 'rolling' as const, minutes: 28 * 24 * 60 };
  return { name, service: 'bench', objective: 0.999, window, budgeting: { method: 'occurrences' }, sli: { kind: 'ratio' }, alerting: defaultAlertPolicy(name, window), labels: {}, origin: { file: 'bench', line: 0, column: 0, format: 'sloop' } };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'sloop-bench-warm-'));
  const store = await openStore(databaseUrl ? { url: databaseUrl } : { dataDir: dir, sqliteSynchronous: 'normal' });
  const now = Date.now();
  const endMinute = Math.floor(now / 60_000);
  const minutes = days * 24 * 60;
  const slos = Array.from({ length: sloCount }, (_, i) => makeSlo(i));
  const loadStart = performance.now();
  for (const slo of slos) {
    for (let from = endMinute - minutes; from < endMinute; from += 10_000) {
      const samples = [];
      for (let m = from; m < Math.min(from + 10_000, endMinute); m++) samples.push({ minute: m, good: 999, total: 1000 });
      await store.ingestSamples([{ slo: slo.name, samples }], { now });
    }
  }
  const loadSeconds = (performance.now() - loadStart) / 1000;
  const rows = sloCount * minutes;

  let readOnly = 0;
  const readStart = performance.now();
  for await (const chunk of store.readAllCountsSince(endMinute - minutes, { chunkSize: 10_000 })) readOnly += chunk.length;
  const readSeconds = (performance.now() - readStart) / 1000;

  const counts = new CountsCache();
  counts.reconcile(slos);
  const warmStart = performance.now();
  const warmed = await counts.warmAll(store, endMinute - minutes);
  const warmSeconds = (performance.now() - warmStart) / 1000;

  const hourly = new CountsCache();
  hourly.reconcile(slos);
  const hourlyStart = performance.now();
  const read = await hourly.warmTiered(store, slos, now);
  const hourlySeconds = (performance.now() - hourlyStart) / 1000;
  await store.close();
  await rm(dir, { recursive: true, force: true });

  const result = {
    store: databaseUrl ? 'postgres' : 'sqlite',
    rows,
    loadSeconds: round(loadSeconds),
    readOnlyRowsPerSecond: Math.round(readOnly / readSeconds),
    warmRowsPerSecond: Math.round(warmed / warmSeconds),
    estimatedWarmSecondsFor10kSlos28d: Math.round((10_000 * 28 * 1440) / (warmed / warmSeconds)),
    hourlyWarmSeconds: round(hourlySeconds),
    hourlyRowsRead: read.rows + read.hourRows,
    hourlyStoredMinutesPerSecond: Math.round(rows / hourlySeconds),
    estimatedHourlyWarmSecondsFor10kSlos28d: Math.round((10_000 * 28 * 1440) / (rows / hourlySeconds)),
  };
  if (json) console.log(JSON.stringify(result));
  else {
    console.log(`warm-up from ${result.store}: ${rows.toLocaleString('en-US')} rows (${sloCount} SLOs x ${days} days; loaded in ${result.loadSeconds} s)`);
    console.log(`  read only (baseline)   ${result.readOnlyRowsPerSecond.toLocaleString('en-US')} rows/s`);
    console.log(`  warm per minute        ${result.warmRowsPerSecond.toLocaleString('en-US')} rows/s (${round(warmSeconds)} s)`);
    console.log(`  => 10,000 SLOs x 28 days of data would take ~${result.estimatedWarmSecondsFor10kSlos28d} s to warm`);
    console.log(`  warm hourly (server)   ${result.hourlyStoredMinutesPerSecond.toLocaleString('en-US')} stored minutes/s (${result.hourlyWarmSeconds} s, ${result.hourlyRowsRead.toLocaleString('en-US')} rows read)`);
    console.log(`  => 10,000 SLOs x 28 days of data would take ~${result.estimatedHourlyWarmSecondsFor10kSlos28d} s to warm`);
  }
}

await main();
