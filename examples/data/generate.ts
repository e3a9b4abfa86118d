/**
 * Deterministic generator for examples/data/shop.csv: per-minute traffic for the four shop SLOs
 * (examples/slos/shop.yaml) with a known story, so `sloop backtest` has something to find:
 *   - an incident: checkout fails 15% of requests for 10 minutes -> pages within minutes;
 *   - a slow burn: search errors at 1.3x its budget rate from day 3 12:00 -> a ticket, no page;
 *   - a 40-minute hole in login data -> a noData alert that clears when data returns.
 *
 *   node --import tsx examples/data/generate.ts [--days 6] [--out examples/data/shop.csv]
 */
import { createWriteStream } from 'node:fs';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const SHOP_SCENARIO = {
  start: Date.parse('2026-03-02T00:00:00Z'),
  days: 6,
  incident: { slo: 'checkout-availability', start: Date.parse('2026-03-05T14:00:00Z'), minutes: 10, errorRatio: 0.15 },
  slowBurn: { slo: 'search-availability', start: Date.parse('2026-03-04T12:00:00Z'), errorRatio: 0.0065 },
  dataGap: { slo: 'login-availability', start: Date.parse('2026-03-06T09:00:00Z'), minutes: 40 },
} as const;

interface SloTraffic {
  name: string;
  /** Requests per minute at the daily peak. */
  peak: number;
  /** Normal error (or slow-request) ratio, well inside the objective. */
  baseErrorRatio: number;
}

const SLOS: SloTraffic[] = [
  { name: 'login-availability', peak: 400, baseErrorRatio: 0.0002 },
  { name: 'checkout-availability', peak: 900, baseErrorRatio: 0.00005 },
  { name: 'checkout-latency', peak: 900, baseErrorRatio: 0.002 },
  { name: 'search-availability', peak: 1500, baseErrorRatio: 0.0004 },
];

/** Small deterministic PRNG (LCG): the same file on every run and machine. */
function random(seed: number): () => number {
  let x = seed >>> 0;
  return () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function errorRatioAt(slo: string, t: number, base: number): number {
  const { incident, slowBurn } = SHOP_SCENARIO;
  if (slo === incident.slo && t >= incident.start && t < incident.start + incident.minutes * MINUTE) return incident.errorRatio;
  if (slo === slowBurn.slo && t >= slowBurn.start) return slowBurn.errorRatio;
  return base;
}

function inGap(slo: string, t: number): boolean {
  const g = SHOP_SCENARIO.dataGap;
  return slo === g.slo && t >= g.start && t < g.start + g.minutes * MINUTE;
}

/** Yields CSV lines (header first). */
export function* shopCsvLines(days: number = SHOP_SCENARIO.days): Generator<string> {
  const rand = random(20260302);
  yield 'timestamp,slo,good,total';
  for (let t = SHOP_SCENARIO.start; t < SHOP_SCENARIO.start + days * DAY; t += MINUTE) {
    // Diurnal traffic: quiet at 03:00 UTC, busiest at 15:00 UTC.
    const hour = ((t % DAY) / HOUR + 24) % 24;
    const load = 0.35 + 0.65 * (0.5 - 0.5 * Math.cos(((hour - 3) / 24) * 2 * Math.PI));
    const stamp = new Date(t).toISOString().replace('.000Z', 'Z');
    for (const slo of SLOS) {
      if (inGap(slo.name, t)) continue;
      const total = Math.max(1, Math.round(slo.peak * load * (0.9 + 0.2 * rand())));
      // Stochastic rounding keeps the mean error ratio exact with integer counts.
      const bad = Math.min(total, Math.floor(total * errorRatioAt(slo.name, t, slo.baseErrorRatio) + rand()));
      yield `${stamp},${slo.name},${total - bad},${total}`;
    }
  }
}

async function writeCsv(path: string, days: number): Promise<void> {
  const out = createWriteStream(path);
  for (const line of shopCsvLines(days)) {
    if (!out.write(line + '\n')) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const out = arg('--out') ?? new URL('./shop.csv', import.meta.url).pathname;
  await writeCsv(out, Number(arg('--days') ?? SHOP_SCENARIO.days));
  console.log(`wrote ${out}`);
}
