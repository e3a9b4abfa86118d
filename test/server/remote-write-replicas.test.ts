/**
 * remote_write behind a load balancer: two sloop servers (two Store instances, two pools) on
 * one real PostgreSQL database receive the batches of the same counter series alternately,
 * one batch twice (a retry that lands on the other replica) and one batch on both replicas at
 * once. The stored per-minute good/total must equal the true increases exactly.
 */
import { compress } from 'snappyjs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { encodeWriteRequestProto, type TimeSeries, type WriteRequest } from '../../src/sources/prometheus/index.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';
import { bearer, startHarness, T0, TEST_CONFIG, type Harness } from './support/harness.js';

const CONFIG = `${TEST_CONFIG}  - name: api-availability
    objective: 99
    sli:
      ratio:
        remoteWrite:
          total: '{__name__="http_requests_total", job="api"}'
          bad: '{__name__="http_requests_total", job="api", code=~"5.."}'
`;
const SCRAPE_MS = 15_000;
const START = T0 - 30 * 60_000;

let db: TestDatabase;
let a: Harness;
let b: Harness;

beforeAll(async () => {
  db = await createTestDatabase();
  a = await startHarness({ databaseUrl: db.url, configText: CONFIG });
  b = await startHarness({ databaseUrl: db.url, configText: CONFIG });
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await db?.drop();
});

/** Events added before scrape i (i >= 1) of each series; the 500 series restarts at scrape 40. */
const okEvents = (i: number) => 10 + ((i * 7) % 13);
const errorEvents = (i: number) => (i % 5 === 0 ? 3 : i % 2);
const RESET_AT = 40;

function counterValues(scrapes: number): { ok: number[]; errors: number[] } {
  const ok = [1000];
  const errors = [20];
  for (let i = 1; i < scrapes; i++) {
    ok.push(ok[i - 1]! + okEvents(i));
    // A restarted process starts its counter from 0 and counts this scrape's events.
    errors.push(i === RESET_AT ? errorEvents(i) : errors[i - 1]! + errorEvents(i));
  }
  return { ok, errors };
}

function series(code: string, values: number[], from: number, to: number): TimeSeries {
  return {
    labels: [
      { name: '__name__', value: 'http_requests_total' },
      { name: 'code', value: code },
      { name: 'instance', value: 'api-1:8080' },
      { name: 'job', value: 'api' },
    ],
    samples: values.slice(from, to).map((value, k) => ({ value, timestamp: START + (from + k) * SCRAPE_MS })),
  };
}

async function write(h: Harness, request: WriteRequest): Promise<void> {
  const res = await h.inject({
    method: 'POST',
    url: '/api/v1/write',
    headers: { ...bearer(h.tokens.ingest), 'content-type': 'application/x-protobuf', 'content-encoding': 'snappy' },
    payload: Buffer.from(compress(encodeWriteRequestProto(request))),
  });
  expect(res.statusCode, res.body).toBe(204);
}

it('counts every interval exactly once when batches of one series alternate between two replicas on one PostgreSQL', async () => {
  const scrapes = 100; // 25 minutes of 15-second scrapes
  const { ok, errors } = counterValues(scrapes);
  // Prometheus sends 4 samples per series per batch, in order; the load balancer alternates.
  const batches: WriteRequest[] = [];
  for (let from = 0; from < scrapes; from += 4) {
    batches.push({ timeseries: [series('200', ok, from, from + 4), series('500', errors, from, from + 4)] });
  }
  for (const [n, batch] of batches.entries()) {
    const replica = n % 2 === 0 ? a : b;
    await write(replica, batch);
    // A timed-out batch that Prometheus resends and the load balancer routes to the other replica.
    if (n === 5) await write(n % 2 === 0 ? b : a, batch);
    // A batch that reaches both replicas at the same moment.
    if (n === 11) await write(replica === a ? b : a, batch);
  }
  // Both replicas racing on the same batch, concurrently.
  const racing = { timeseries: [series('200', ok, 96, 100), series('500', errors, 96, 100)] };
  await Promise.all([write(a, racing), write(b, racing)]);

  const expected = new Map<number, { good: number; total: number }>();
  for (let i = 1; i < scrapes; i++) {
    const minute = Math.floor((START + i * SCRAPE_MS) / 60_000);
    const e = expected.get(minute) ?? { good: 0, total: 0 };
    e.good += okEvents(i);
    e.total += okEvents(i) + errorEvents(i);
    expected.set(minute, e);
  }
  const stored = await a.store.readCounts('api-availability', Math.floor(START / 60_000) - 1, Math.floor(T0 / 60_000) + 1);
  expect(stored).toEqual([...expected].map(([minute, e]) => ({ minute, ...e })));
  // The other replica's store reads the same rows.
  expect(await b.store.readCounts('api-availability', 0, 2 ** 31 - 1)).toEqual(stored);
});
