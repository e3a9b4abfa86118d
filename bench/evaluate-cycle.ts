/**
 * Evaluation cycle time and resident memory for N SLOs holding 28 days of per-minute data.
 *
 * Measured in one process:
 *   rss baseline        RSS after creating the SLO objects, before any counts
 *   rss with counts     RSS after warming every SLO with 28 days of minutes (the server's CountsCache)
 *   engine only         evaluateSlo over every SLO (no store): the baseline for the cycle
 *   evaluator cycle     Evaluator.evaluateAll: load alert states from SQLite + evaluate + record
 * Cycle times are the median of --rounds rounds (after one warm-up round).
 *
 * --counts tiered (default, the server's default) or minute (exact MinuteCounts for the whole
 * window); run both for the comparison in docs/benchmarks-server.md. Each run is its own process
 * so RSS is not polluted by the other.
 *
 * Run: node --expose-gc --import tsx bench/evaluate-cycle.ts --slos 10000 [--counts tiered|minute] [--days 28] [--rounds 5] [--json]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateSlo, initialAlertState } from '../src/alerting/evaluate/index.js';
import { CountsCache } from '../src/evaluator/counts-cache.js';
import { EventFeed } from '../src/evaluator/event-feed.js';
import { Evaluator } from '../src/evaluator/evaluator.js';
import type { Slo } from '../src/slo/model.js';
import { defaultAlertPolicy } from '../src/slo/policy.js';
import { openStore } from '../src/store/index.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const sloCount = arg('slos', 1000);
const days = arg('days', 28);
const rounds = arg('rounds', 5);
const json = process.argv.includes('--json');
const resolution = process.argv.includes('minute') ? 'minute' : 'tiered';

const MIN = 60_000;
const now = Math.floor(Date.now() / MIN) * MIN;

function mib(bytes: number): number {
  return Math.round((bytes / 1024 / 1024) * 10) / 10;
}
function rss(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss;
}
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function makeSlo(i: number): Slo {
  const name = `svc-${i}-availability`;
  const window = { type: 'rolling' as const, minutes: 28 * 24 * 60 };
  return {
    name,
    service: `svc-${i % 500}`,
    objective: 0.999,
    window,
    budgeting: { method: 'occurrences' },
    sli: { kind: 'ratio' },
    alerting: defaultAlertPolicy(name, window),
    labels: {},
    origin: { file: 'bench', line: 0, column: 0, format: 'sloop' },
  };
}

async function main(): Promise<void> {
  const slos = Array.from({ length: sloCount }, (_, i) => makeSlo(i));
  const rssBaseline = rss();
  const counts = new CountsCache(resolution);
  counts.reconcile(slos);
  const fillStart = performance.now();
  const endMinute = now / MIN;
  const startMinute = endMinute - days * 24 * 60;
  slos.forEach((slo, i) => {
    const c = counts.get(slo.name)!;
    // 1% of the SLOs burn hard in the last hour, so the cycle also records transitions.
    const burning = i % 100 === 0;
    for (let m = startMinute; m < endMinute; m++) {
      const total = 100 + ((m * 7 + i) % 50);
      const bad = burning && m > endMinute - 60 ? total >> 1 : (m + i) % 97 === 0 ? 1 : 0;
      c.add(m, total - bad, total);
    }
  });
  const fillMs = performance.now() - fillStart;
  const rssWithCounts = rss();

  const engineTimes: number[] = [];
  for (let r = 0; r <= rounds; r++) {
    const t = performance.now();
    for (const slo of slos) evaluateSlo(slo, counts.get(slo.name)!, now + r * 30_000, initialAlertState(), { watchingSinceMs: now - 60 * MIN });
    if (r > 0) engineTimes.push(performance.now() - t);
  }

  const dir = await mkdtemp(join(tmpdir(), 'sloop-bench-eval-'));
  const store = await openStore({ dataDir: dir });
  const evaluator = new Evaluator({ store, counts, feed: new EventFeed(store), slos: () => slos, now: () => now, holder: 'bench' });
  const cycleTimes: number[] = [];
  let firstTransitions = 0;
  for (let r = 0; r <= rounds; r++) {
    const t = performance.now();
    const result = await evaluator.evaluateAll(now + r * 30_000);
    if (r === 0) firstTransitions = result.transitions;
    else cycleTimes.push(performance.now() - t);
  }
  await store.close();
  await rm(dir, { recursive: true, force: true });

  const result = {
    slos: sloCount,
    counts: resolution,
    days,
    fillSeconds: Math.round(fillMs) / 1000,
    rssBaselineMiB: mib(rssBaseline),
    rssWithCountsMiB: mib(rssWithCounts),
    countsMiB: mib(rssWithCounts - rssBaseline),
    engineOnlyMs: Math.round(median(engineTimes) * 10) / 10,
    evaluatorCycleMs: Math.round(median(cycleTimes) * 10) / 10,
    firstCycleTransitions: firstTransitions,
  };
  if (json) console.log(JSON.stringify(result));
  else {
    console.log(`${sloCount} SLOs x ${days} days, ${resolution} counts (filled in ${result.fillSeconds} s)`);
    console.log(`  rss baseline       ${result.rssBaselineMiB} MiB`);
    console.log(`  rss with counts    ${result.rssWithCountsMiB} MiB (+${result.countsMiB} MiB)`);
    console.log(`  engine only        ${result.engineOnlyMs} ms / cycle (median of ${rounds})`);
    console.log(`  evaluator cycle    ${result.evaluatorCycleMs} ms / cycle (states from SQLite; first cycle recorded ${firstTransitions} transitions)`);
  }
}

await main();
