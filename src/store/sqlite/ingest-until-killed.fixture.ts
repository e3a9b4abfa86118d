/**
 * Child process for the durability test: ingests numbered batches into a SQLite store
 * forever and prints each batch number only after ingestSamples resolved (= acknowledged).
 * Batch i adds good=1/total=1 at minute base+i for three SLOs, under idempotency key batch-i.
 * Usage: node --import tsx ingest-until-killed.fixture.ts DATA_DIR BASE_MINUTE
 */
import { openStore } from '../open-store.js';

const [dataDir, baseArg] = process.argv.slice(2);
if (!dataDir || !baseArg) {
  process.stderr.write('usage: ingest-until-killed.fixture.ts DATA_DIR BASE_MINUTE\n');
  process.exit(2);
}
const base = Number(baseArg);
const store = await openStore({ dataDir });
for (let i = 0; ; i++) {
  const samples = [{ minute: base + i, good: 1, total: 1 }];
  await store.ingestSamples(
    ['login', 'checkout', 'search'].map((slo) => ({ slo, samples })),
    { idempotencyKey: `batch-${i}`, now: (base + i) * 60_000 },
  );
  // Writes to a pipe are synchronous on Linux: once this returns, the parent can read it.
  process.stdout.write(`${i}\n`);
}
