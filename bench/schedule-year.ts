/**
 * Final schedule for one year of a 3-layer schedule with 50 overrides (issue 4: < 50 ms).
 * Prints the median of several runs next to two baselines measured in the same process:
 * the same schedule without overrides, and its first layer alone.
 * Run: npx tsx bench/schedule-year.ts
 */
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

function median(run: () => number, runs = 25): { ms: number; shifts: number } {
  let shifts = 0;
  for (let i = 0; i < 5; i++) shifts = run(); // warm-up (JIT, luxon zone cache)
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    shifts = run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], shifts };
}

// The very first call pays for JIT and the zone-offset cache; report it too.
const coldStart = performance.now();
computeFinalSchedule(schedule, overrides, { from, to });
const coldMs = performance.now() - coldStart;

const single = median(() => computeFinalSchedule({ ...schedule, layers: schedule.layers.slice(0, 1) }, [], { from, to }).length);
const noOverrides = median(() => computeFinalSchedule(schedule, [], { from, to }).length);
const full = median(() => computeFinalSchedule(schedule, overrides, { from, to }).length);

const row = (label: string, r: { ms: number; shifts: number }) =>
  `${label.padEnd(38)} ${r.ms.toFixed(2).padStart(8)} ms  ${String(r.shifts).padStart(5)} shifts  ${(r.ms / single.ms).toFixed(2)}x single layer`;
console.log('final schedule, one year, Europe/Berlin (median of 25 runs after 5 warm-ups)');
console.log(row('1 layer, no overrides (baseline)', single));
console.log(row('3 layers, no overrides', noOverrides));
console.log(row('3 layers, 50 overrides', full));
console.log(`first (cold) call, 3 layers + 50 overrides: ${coldMs.toFixed(2)} ms`);
console.log(`overrides cost ${(full.ms / noOverrides.ms).toFixed(2)}x the same schedule without them; budget 50 ms: ${full.ms < 50 ? 'PASS' : 'FAIL'}`);
