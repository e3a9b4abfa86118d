/**
 * `npm run bench`: the backtest speed benchmark of issue 2 (not part of `npm test`).
 *   1. builds dist/ (the benchmark runs the real `node bin/sloop.js backtest`);
 *   2. generates synthetic per-minute CSVs into bench/out/ (gitignored; reused when present);
 *   3. times, in the same run and alternating, a plain Node baseline that reads the file line by
 *      line and sums good/total per SLO (bench/backtest-baseline.mjs) and `sloop backtest
 *      --json`, each as a fresh process; reports medians, CPU time and the ratio (target <= 3x);
 *   4. measures the cost of one evaluation for 7d, 28d and 90d windows (should not grow).
 * Environment: BENCH_RUNS (default 3), BENCH_LARGE=0 to skip the 1,000-SLO dataset.
 * Other bench/*.ts files are standalone: `npx tsx bench/<name>.ts`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { ensureBenchData, type BenchData } from './backtest-data.js';
import { measureWindowCost } from './window-cost.js';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'bench', 'out');
const runs = Number(process.env.BENCH_RUNS ?? 3);

interface Timing {
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
}

/** Runs a command under /usr/bin/time for CPU and peak memory; stdout goes to `stdoutFile`. */
function timed(args: string[], stdoutFile: string): Timing {
  const timeFile = join(out, 'time.txt');
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', '-o', timeFile, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  writeFileSync(stdoutFile, r.stdout);
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.toString().slice(0, 2000)}`);
  const [user, sys, rssKb] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
  return { wallMs, cpuMs: (user! + sys!) * 1000, maxRssMb: rssKb! / 1024 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function compare(data: BenchData, label: string) {
  const baseline: Timing[] = [];
  const sloop: Timing[] = [];
  const baseOut = join(out, 'baseline-out.json');
  const sloopOut = join(out, 'sloop-out.json');
  for (let i = 0; i < runs; i++) {
    baseline.push(timed(['node', 'bench/backtest-baseline.mjs', data.csv], baseOut));
    sloop.push(timed(['node', 'bin/sloop.js', 'backtest', '--config', data.config, '--data', data.csv, '--json'], sloopOut));
    process.stderr.write(`  ${label} run ${i + 1}/${runs}: baseline ${baseline.at(-1)!.wallMs.toFixed(0)} ms, sloop ${sloop.at(-1)!.wallMs.toFixed(0)} ms\n`);
  }
  // Sanity: both saw the same events (the 28-day window at the end covers the whole file).
  const base = JSON.parse(readFileSync(baseOut, 'utf8')) as { total: number };
  const result = JSON.parse(readFileSync(sloopOut, 'utf8')) as { slos: { errorBudget: { total: number } | null; alerts: unknown[] }[] };
  const sloopTotal = result.slos.reduce((s, x) => s + (x.errorBudget?.total ?? 0), 0);
  const alerts = result.slos.reduce((s, x) => s + x.alerts.length, 0);
  const b = { wallMs: median(baseline.map((t) => t.wallMs)), cpuMs: median(baseline.map((t) => t.cpuMs)), maxRssMb: median(baseline.map((t) => t.maxRssMb)) };
  const s = { wallMs: median(sloop.map((t) => t.wallMs)), cpuMs: median(sloop.map((t) => t.cpuMs)), maxRssMb: median(sloop.map((t) => t.maxRssMb)) };
  return {
    label,
    rows: data.rows,
    megabytes: data.bytes / 1e6,
    baseline: b,
    sloop: s,
    // Each sloop run is paired with the baseline run just before it: on a shared machine the
    // load changes between runs, and the paired ratio cancels most of that.
    ratioWall: median(sloop.map((t, i) => t.wallMs / baseline[i]!.wallMs)),
    ratioCpu: median(sloop.map((t, i) => t.cpuMs / baseline[i]!.cpuMs)),
    eventsMatch: base.total === sloopTotal,
    alerts,
  };
}

function build(): void {
  const r = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0 && !existsSync(join(root, 'dist/cli/main.js'))) throw new Error('build failed; run `npm run build` and fix the errors');
  if (r.status !== 0) process.stderr.write('warning: tsc reported errors; benchmarking the emitted dist/ anyway\n');
}

build();
const datasets: [BenchData, string][] = [];
process.stderr.write('generating data (first run only)...\n');
datasets.push([await ensureBenchData(out, 100, 28), '100 SLOs x 28 days']);
if (process.env.BENCH_LARGE !== '0') datasets.push([await ensureBenchData(out, 1000, 7), '1,000 SLOs x 7 days']);

const results = datasets.map(([d, label]) => compare(d, label));
const windowCost = measureWindowCost();
rmSync(join(out, 'sloop-out.json'), { force: true });

const { loadavg } = await import('node:os');
const lines = [
  `Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), median of ${runs} runs, load average at the end ${loadavg()[0]!.toFixed(1)}`,
  '',
  '| data | rows | CSV MB | baseline wall | sloop wall | ratio (wall, paired median) | baseline CPU | sloop CPU | ratio (CPU, paired median) | sloop peak RSS | events match | alerts |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ...results.map(
    (r) =>
      `| ${r.label} | ${r.rows.toLocaleString('en-US')} | ${r.megabytes.toFixed(0)} | ${(r.baseline.wallMs / 1000).toFixed(2)} s | ${(r.sloop.wallMs / 1000).toFixed(2)} s | **${r.ratioWall.toFixed(2)}x** | ${(r.baseline.cpuMs / 1000).toFixed(2)} s | ${(r.sloop.cpuMs / 1000).toFixed(2)} s | ${r.ratioCpu.toFixed(2)}x | ${r.sloop.maxRssMb.toFixed(0)} MB | ${r.eventsMatch ? 'yes' : 'NO'} | ${r.alerts} |`,
  ),
  '',
  '| SLO window | ns per evaluation | ratio to 7d |',
  '|---|---|---|',
  ...windowCost.map((w) => `| ${w.days}d | ${w.nsPerEvaluation.toFixed(0)} | ${w.ratioTo7d.toFixed(2)} |`),
];
console.log(lines.join('\n'));
writeFileSync(join(out, 'backtest-results.json'), JSON.stringify({ node: process.version, cores: cpus().length, runs, results, windowCost }, null, 2));
const worst = Math.max(...results.map((r) => r.ratioWall));
if (results.some((r) => !r.eventsMatch)) process.exitCode = 1;
console.log(`\nbacktest/baseline (wall): worst ${worst.toFixed(2)}x; target <= 3x: ${worst <= 3 ? 'met' : 'NOT met'}`);
