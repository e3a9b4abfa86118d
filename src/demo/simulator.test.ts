import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHarness, T0, type Harness } from '../../test/server/support/harness.js';
import { backfill, pushBetween } from './simulator.js';

const MIN = 60_000;
let h: Harness;
let url: string;

beforeAll(async () => {
  const shop = await readFile(new URL('../../examples/slos/shop.yaml', import.meta.url), 'utf8');
  h = await startHarness({ configText: shop, now: T0 });
  url = await h.runtime.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => h.close());

it('backfills three days that move budgets, then the live outage pages within minutes', async () => {
  const options = { url, token: h.tokens.ingest, startMs: T0 };
  expect(await backfill(options)).toBe(3 * 24 * 60 * 4);
  await h.runtime.evaluator.tick();
  const before = await h.store.listAlertTransitions({ event: 'fired', kind: 'page' });
  expect(before).toEqual([]);

  let firedAfter: number | null = null;
  for (let t = T0; t < T0 + 10 * MIN && firedAfter === null; t += 30_000) {
    await pushBetween(options, t, t + 30_000);
    h.clock.now = t + 30_000;
    await h.runtime.evaluator.tick();
    const pages = await h.store.listAlertTransitions({ event: 'fired', kind: 'page', slo: 'checkout-availability' });
    if (pages.length > 0) firedAfter = h.clock.now - T0;
  }
  expect(firedAfter).not.toBeNull();
  expect(firedAfter!).toBeLessThanOrEqual(6 * MIN);
  const budgets = await h.runtime.deps.slos.list();
  // The backfilled incidents and background errors have spent part of every budget.
  for (const s of budgets.filter((x) => x.sli.source === 'push')) expect(s.budget.remainingFraction).toBeLessThan(0.95);
});
