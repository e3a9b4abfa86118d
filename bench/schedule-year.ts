/**
 * Final schedule for one year of a 3-layer schedule with 50 overrides (issue 4: < 50 ms).
 * Prints the median of several runs next to two baselines measured in the same process:
 * the same schedule without overrides, and its first layer alone.
 * Run: npx tsx bench/schedule-year.ts
 */
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import { computeFinalSchedule } from '../src/oncall/schedule/index.js';
import { dailyWindows } from '../src/oncall/schedule/windows.js';
import { defaultFairness, type Override, type Schedule } from '../src/oncall/schedule/model.js';

const zone = 'Europe/Berlin';
const schedule: Schedule = {
  name: 'payments-primary',
  timeZone: zone,
  fairness: defaultFairness,
  layers: [
    { name: 'weekly', participants: ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'], turn: { unit: 'weeks', count: 1 }, handoffMinute: 9 * 60, startDate: '2026-01-05', restrictions: [], handoffMode: 'wallclock', coOnCall: false },
    { name: 'nights', participants: ['n1', 'n2', 'n3', 'n4', 'n5'], turn: { unit: 'days', count: 1 }, handoffMinute: 18 * 60, startDate: '2026-01-01', restrictions: dailyWindows([1, 2, 3, 4, 5], 18 * 60, 9 * 60), handoffMode: 'wallclock', coOnCall: false },
    { name: 'weekend-shadow', participants: ['s1', 's2', 's3', 's4'], turn: { unit: 'hours', count: 12 }, handoffMinute: 8 * 60, startDate: '2026-01-03', restrictions: dailyWindows([6, 7], 8 * 60, 20 * 60), handoffMode: 'fixed', coOnCall: true },
  ],
};
const from = DateTime.fromISO('2026-01-01T00:00', { zone }).toMillis();
const to = DateTime.fromISO('2027-01-01T00:00', { zone }).toMillis();

// Deterministic pseudo-random overrides (mulberry32) so every run measures the same work.
let seed = 42;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const overrides: Override[] = Array.from({ length: 50 }, (_, i) => {
  const start = from + Math.floor(random() * (to - from));
  return { kind: 'override', id: `o${i}`, person: `cover${i % 7}`, start, end: start + Math.floor((1 + random() * 47) * 3_600_000) };
});

/** Runs the variants in interleaved rounds, so GC and JIT noise hits them alike; medians per variant. */
function measure(variants: Record<string, () => number>, rounds = 25): Record<string, { ms: number; cpuMs: number; shifts: number }> {
  const times: Record<string, number[]> = {};
  const cpu: Record<string, number[]> = {};
  const shifts: Record<string, number> = {};
  for (const [name, run] of Object.entries(variants)) {
    times[name] = [];
    cpu[name] = [];
    for (let i = 0; i < 5; i++) shifts[name] = run(); // warm-up (JIT, zone-offset cache)
  }
  for (let r = 0; r < rounds; r++) {
    for (const [name, run] of Object.entries(variants)) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      shifts[name] = run();
      times[name].push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu[name].push((c.user + c.system) / 1000);
    }
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const out: Record<string, { ms: number; cpuMs: number; shifts: number }> = {};
  for (const name of Object.keys(variants)) out[name] = { ms: median(times[name]), cpuMs: median(cpu[name]), shifts: shifts[name] };
  return out;
}

// The very first call pays for JIT and the zone-offset cache; report it too.
const coldCpu0 = process.cpuUsage();
const coldStart = performance.now();
computeFinalSchedule(schedule, overrides, { from, to });
const coldMs = performance.now() - coldStart;
const coldCpu = process.cpuUsage(coldCpu0);
const coldCpuMs = (coldCpu.user + coldCpu.system) / 1000;

const results = measure({
  single: () => computeFinalSchedule({ ...schedule, layers: schedule.layers.slice(0, 1) }, [], { from, to }).length,
  noOverrides: () => computeFinalSchedule(schedule, [], { from, to }).length,
  full: () => computeFinalSchedule(schedule, overrides, { from, to }).length,
});
const { single, noOverrides, full } = results;

const row = (label: string, r: { ms: number; cpuMs: number; shifts: number }) =>
  `${label.padEnd(34)} ${r.ms.toFixed(2).padStart(7)} ms wall ${r.cpuMs.toFixed(2).padStart(7)} ms cpu ${String(r.shifts).padStart(5)} shifts  ${(r.ms / single.ms).toFixed(1)}x single layer`;
console.log('final schedule, one year, Europe/Berlin (median of 25 interleaved rounds after 5 warm-ups)');
console.log(row('1 layer, no overrides (baseline)', single));
console.log(row('3 layers, no overrides', noOverrides));
console.log(row('3 layers, 50 overrides', full));
console.log(`machine load average (1 min): ${loadavg()[0].toFixed(1)} on ${availableParallelism()} CPUs — wall times include waiting for a CPU`);
console.log(`first (cold) call, 3 layers + 50 overrides: ${coldMs.toFixed(2)} ms wall, ${coldCpuMs.toFixed(2)} ms cpu (JIT, luxon and Intl set-up)`);
console.log(`overrides cost ${(full.ms / noOverrides.ms).toFixed(2)}x the same schedule without them; budget 50 ms: ${full.ms < 50 ? 'PASS' : 'FAIL'}`);
