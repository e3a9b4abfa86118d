import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openStore } from '../open-store.js';
import type { SeriesIngest, SeriesPoint, Store } from '../store.js';

let dir: string | undefined;
let store: Store | undefined;

afterEach(async () => {
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  store = undefined;
  dir = undefined;
});

/** Records the `previous` map each compute receives: one map per commit group. */
function recording(id: string, seen: Array<ReadonlyMap<string, SeriesPoint>>, at: number): SeriesIngest {
  return {
    seriesIds: [id],
    compute(previous) {
      seen.push(previous);
      return { counts: [], next: new Map([[id, { at, value: 1 }]]) };
    },
  };
}

it('commits calls made from separate event-loop callbacks of one turn in one group on SQLite', async () => {
  dir = mkdtempSync(join(tmpdir(), 'sloop-ingest-queue-'));
  store = await openStore({ dataDir: dir });
  const opened = store;
  const seen: Array<ReadonlyMap<string, SeriesPoint>> = [];
  // Two callbacks of one event-loop phase, as two HTTP requests read in one poll are. SQLite
  // runs a whole transaction inside promise callbacks, so waiting only a microtask would
  // commit the first call alone before the second callback runs.
  const results = await new Promise<Array<Promise<unknown>>>((resolve) => {
    const calls: Array<Promise<unknown>> = [];
    setImmediate(() => calls.push(opened.ingestSeries(recording('a', seen, 1_000), { now: 0 })));
    setImmediate(() => {
      calls.push(opened.ingestSeries(recording('b', seen, 1_000), { now: 0 }));
      resolve(calls);
    });
  });
  await Promise.all(results);
  expect(seen).toHaveLength(2);
  expect(seen[1]).toBe(seen[0]);
});
