import { describe, expect, it } from 'vitest';
import { MinuteCounts } from './minute-counts.js';

function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('timeslice tallies', () => {
  it('counts a slice as bad when its ratio is below the slice target', () => {
    const counts = new MinuteCounts(1000);
    // 5-minute slices from minute 0: slice 0 all good, slice 1 at 90%, slice 2 empty.
    for (let m = 0; m < 5; m++) counts.add(m, 100, 100);
    for (let m = 5; m < 10; m++) counts.add(m, 90, 100);
    counts.add(15, 100, 100);
    const t = counts.slices(0, 20, 5, 0.95);
    expect(t).toEqual({ slices: 4, badSlices: 1, slicesWithData: 3, ratioSum: 2.9 });
  });

  it('treats empty slices as good (OpenSLO/Nobl9 convention) and skips them in the ratio mean', () => {
    const counts = new MinuteCounts(1000);
    counts.add(0, 0, 10);
    const t = counts.slices(0, 100, 10, 0.99);
    expect(t.slices).toBe(10);
    expect(t.badSlices).toBe(1);
    expect(t.slicesWithData).toBe(1);
    expect(t.ratioSum).toBe(0);
  });

  it('judges a partly elapsed newest slice on its data so far', () => {
    const counts = new MinuteCounts(1000);
    counts.add(10, 1, 2);
    expect(counts.slices(0, 11, 5, 0.9)).toEqual({ slices: 3, badSlices: 1, slicesWithData: 1, ratioSum: 0.5 });
  });

  it('matches a naive per-slice scan on random data, also after late writes', () => {
    const rand = lcg(11);
    const counts = new MinuteCounts(3000);
    const perMinute = new Map<number, [number, number]>();
    const write = (m: number) => {
      const total = Math.floor(rand() * 20);
      const good = total - (rand() < 0.3 ? Math.floor(rand() * (total + 1)) : 0);
      counts.add(m, good, total);
      const prev = perMinute.get(m) ?? [0, 0];
      perMinute.set(m, [prev[0] + good, prev[1] + total]);
    };
    const naive = (from: number, to: number, s: number, target: number) => {
      let slices = 0, bad = 0, withData = 0, ratioSum = 0;
      for (let k = Math.ceil(from / s); k * s < to; k++) {
        slices++;
        let g = 0, t = 0;
        for (let m = k * s; m < Math.min((k + 1) * s, to); m++) {
          const r = perMinute.get(m);
          if (r) ((g += r[0]), (t += r[1]));
        }
        if (t > 0) {
          withData++;
          ratioSum += g / t;
          if (g / t < target) bad++;
        }
      }
      return { slices, badSlices: bad, slicesWithData: withData, ratioSum };
    };
    for (let m = 100; m < 1500; m++) write(m);
    for (let i = 0; i < 300; i++) {
      if (i % 10 === 0) write(1000 + Math.floor(rand() * 500)); // late data
      const from = 80 + Math.floor(rand() * 1400);
      const to = from + Math.floor(rand() * 600);
      const got = counts.slices(from, to, 7, 0.8);
      const want = naive(from, to, 7, 0.8);
      expect(got.slices).toBe(want.slices);
      expect(got.badSlices).toBe(want.badSlices);
      expect(got.slicesWithData).toBe(want.slicesWithData);
      expect(got.ratioSum).toBeCloseTo(want.ratioSum, 6);
    }
  });
});
