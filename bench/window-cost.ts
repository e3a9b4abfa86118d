/**
 * Shows that one evaluation costs the same whatever the window length: evaluateSlo on SLOs with
 * rolling 7d, 28d and 90d windows (default policy, factors derived from each), over the same
 * 91 days of per-minute counts. Prints median nanoseconds per evaluation and the ratio to 7d.
 */
import { createEvaluationWorkspace, evaluateSlo, initialAlertState } from '../src/alerting/evaluate/index.js';
import { MinuteCounts } from '../src/slo/math/index.js';
import type { Slo, SloWindow } from '../src/slo/model.js';
import { defaultAlertPolicy } from '../src/slo/policy.js';

const DAY = 1440;
const EVALUATIONS = 200_000;
const RUNS = 5;

function slo(days: number): Slo {
  const window: SloWindow = { type: 'rolling', minutes: days * DAY };
  return {
    name: `w${days}`,
    service: 'bench',
    objective: 0.999,
    window,
    budgeting: { method: 'occurrences' },
    sli: { kind: 'ratio' },
    alerting: defaultAlertPolicy(`w${days}`, window),
    labels: {},
    origin: { file: 'bench', line: 0, column: 0, format: 'sloop' },
  };
}

export interface WindowCost {
  days: number;
  nsPerEvaluation: number;
  ratioTo7d: number;
}

export function measureWindowCost(): WindowCost[] {
  const start = Date.parse('2026-01-01T00:00:00Z') / 60_000;
  const counts = new MinuteCounts(91 * DAY + 60);
  for (let m = 0; m < 91 * DAY; m++) counts.add(start + m, 999 - (m % 3), 1000);
  const endMinute = start + 91 * DAY;
  const time = (s: Slo) => {
    const workspace = createEvaluationWorkspace();
    let state = initialAlertState();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < EVALUATIONS; i++) {
      // Walk back and forth over the last day so every call reads different minutes.
      const now = (endMinute - (i % DAY)) * 60_000;
      state = evaluateSlo(s, counts, now, state, {}, workspace).state;
    }
    return Number(process.hrtime.bigint() - t0) / EVALUATIONS;
  };
  const results: WindowCost[] = [];
  for (const days of [7, 28, 90]) {
    const s = slo(days);
    time(s); // warm up
    const samples = Array.from({ length: RUNS }, () => time(s)).sort((a, b) => a - b);
    results.push({ days, nsPerEvaluation: samples[Math.floor(RUNS / 2)]!, ratioTo7d: 0 });
  }
  for (const r of results) r.ratioTo7d = r.nsPerEvaluation / results[0]!.nsPerEvaluation;
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of measureWindowCost()) console.log(`${r.days}d window: ${r.nsPerEvaluation.toFixed(0)} ns/evaluation (x${r.ratioTo7d.toFixed(2)} of 7d)`);
}
